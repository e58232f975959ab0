"""Fixtures: the app on SQLite or on TEST_DATABASE_URL, a clean database per test, factories."""

import os
from contextlib import contextmanager
from datetime import time, timedelta

import pytest
from alembic import command
from flask import g
from sqlalchemy import event, text
from werkzeug.security import generate_password_hash

from moderators import create_app
from moderators.auth.models import User
from moderators.common.models import District
from moderators.common.results import kept_results
from moderators.config import TestConfig
from moderators.extensions import db as _db
from moderators.languages.models import Language
from moderators.roster.models import AvailabilityWindow, Moderator, ModeratorLanguage
from moderators.schools.models import School
from moderators.seed import seed_reference_data

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    )


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app(type("Settings", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url}))

    def fresh_request_globals():
        """Tests hold an app context that each request reuses; in production every request has
        its own, so `g` (and Flask-Login's cached user in it) starts empty: before the app's own
        hooks run."""
        g.__dict__.clear()

    app.before_request_funcs.setdefault(None, []).insert(0, fresh_request_globals)

    with app.app_context():
        reset_schema()
        upgrade_to_head(app)
    yield app
    with app.app_context():
        _db.engine.dispose()  # close pooled connections before the interpreter does


def reset_schema() -> None:
    """Drop whatever an earlier run left, so that migrations start from an empty database."""
    _db.drop_all()
    with _db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def upgrade_to_head(app) -> None:
    config = app.extensions["migrate"].migrate.get_config()
    command.upgrade(config, "head")


@pytest.fixture(autouse=True)
def db(app):
    """Every test starts with the reference data only and leaves nothing behind."""
    with app.app_context():
        kept_results().clear()  # counted from another test's data
        app.extensions.pop("written_for_rows", None)  # kept_pages.written_for: a fresh worker
        seed_reference_data()
        yield _db
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as connection:
            for table in reversed(_db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


# Factories ----------------------------------------------------------------


def language(code: str) -> Language:
    return _db.session.execute(_db.select(Language).filter_by(code=code)).scalar_one()


def district(name: str) -> District:
    return _db.session.execute(_db.select(District).filter_by(name=name)).scalar_one()


@pytest.fixture
def make_moderator():
    counter = iter(range(1, 10_000))

    def make(
        first_name=None,
        last_name="Muster",
        status="active",
        languages=(("tr", "native"),),
        districts=("Altona",),
        availability=((0, time(16), time(20)),),
        **fields,
    ) -> Moderator:
        n = next(counter)
        moderator = Moderator(
            first_name=first_name or f"Person{n}",
            last_name=last_name,
            status=status,
            email=fields.pop("email", f"moderator{n}@example.org"),
            **fields,
        )
        moderator.languages = [
            ModeratorLanguage(language=language(code), level=level) for code, level in languages
        ]
        moderator.districts = [district(name) for name in districts]
        moderator.availability = [
            AvailabilityWindow(weekday=d, starts_at=s, ends_at=e) for d, s, e in availability
        ]
        _db.session.add(moderator)
        _db.session.commit()
        return moderator

    return make


@pytest.fixture
def make_school():
    counter = iter(range(1, 10_000))

    def make(name=None, type="stadtteilschule", district_name="Altona", **fields) -> School:
        n = next(counter)
        school = School(
            name=name or f"Stadtteilschule Nummer {n}",
            type=type,
            district=district(district_name),
            address=fields.pop("address", f"Schulweg {n}, 22765 Hamburg"),
            contact_name=fields.pop("contact_name", "Frau Beispiel"),
            contact_email=fields.pop("contact_email", f"kontakt{n}@schule.example.org"),
            **fields,
        )
        _db.session.add(school)
        _db.session.commit()
        return school

    return make


@pytest.fixture
def make_user(make_moderator, make_school):
    counter = iter(range(1, 10_000))

    def make(role="coordinator", email=None, moderator=None, school=None, **fields) -> User:
        n = next(counter)
        if role == "moderator" and moderator is None:
            moderator = make_moderator()
        if role == "school" and school is None:
            school = make_school()
        user = User(
            email=email or f"{role}{n}@example.org",
            role=role,
            password_hash=_PASSWORD_HASH,
            moderator=moderator,
            school=school,
            **fields,
        )
        _db.session.add(user)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def login_as(client, make_user):
    """Sign the test client in as a new user of `role` (or as `user`) and return the user."""

    def login(role="coordinator", user=None, **fields) -> User:
        user = user or make_user(role, **fields)
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return login


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator")


@contextmanager
def count_queries():
    """Collects the SQL statements sent while the block runs, starting from an empty session
    (as every request in production does), so that nothing cached earlier hides a query."""
    _db.session.remove()
    statements: list[str] = []

    def collect(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", collect)
    try:
        yield statements
    finally:
        event.remove(_db.engine, "before_cursor_execute", collect)


@pytest.fixture
def make_cohort(make_moderator):
    """A cohort with `held` modules in the past, `ahead` in the future and `trainees` enrolled."""
    from moderators.common.timezone import local_datetime, local_today
    from moderators.training import enrolments, services

    counter = iter(range(1, 10_000))

    def make(held=0, ahead=0, trainees=0, capacity=20, name=None, **fields):
        today = local_today()
        starts_on = fields.pop("starts_on", today - timedelta(days=7 * (held + 1)))
        ends_on = fields.pop("ends_on", today + timedelta(days=7 * (ahead + 1)))
        cohort = services.create_cohort(
            name=name or f"Qualifizierung {next(counter)}",
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            venue=fields.pop("venue", "Bürgerhaus Wilhelmsburg"),
            **fields,
        )
        days = [starts_on + timedelta(days=7 * i) for i in range(held)]
        days += [today + timedelta(days=7 * (i + 1)) for i in range(ahead)]
        for n, day in enumerate(days, start=1):
            services.add_module(
                cohort, f"Modul {n}", local_datetime(day, time(10)), local_datetime(day, time(13))
            )
        for _ in range(trainees):
            enrolments.enroll(cohort, make_moderator(status="trainee"))
        return cohort

    return make


def next_weekday_at(weekday: int, hour: int, minute: int = 0, weeks_ahead: int = 2):
    """An aware UTC datetime: the given weekday (0 = Monday) a few weeks ahead, local time."""
    from moderators.common.timezone import local_datetime, local_today

    today = local_today()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)
    return local_datetime(day, time(hour, minute))


@pytest.fixture
def make_request(make_school):
    """A school's open request; by default Turkish, 90 minutes, Monday 17:00 in two weeks."""
    from moderators.scheduling import services
    from moderators.topics.models import Topic

    def make(school=None, language_code="tr", starts=None, duration=90, **fields):
        topic = _db.session.scalar(_db.select(Topic).order_by(Topic.position))
        return services.create_request(
            school or make_school(),
            language=language(language_code),
            topic=topic,
            preferred_starts=starts or [next_weekday_at(0, 17)],
            duration_minutes=duration,
            expected_parents=fields.pop("expected_parents", 20),
            **fields,
        )

    return make


@pytest.fixture
def make_session(make_school):
    """A planned session without a request; by default Turkish at a school in Altona."""
    from moderators.scheduling import services
    from moderators.topics.models import Topic

    def make(language_code="tr", starts_at=None, duration=90, school=None, **fields):
        school = school or make_school()
        topic = _db.session.scalar(_db.select(Topic).order_by(Topic.position))
        return services.plan_session(
            language=language(language_code),
            topic=topic,
            starts_at=starts_at or next_weekday_at(0, 17),
            duration_minutes=duration,
            school=school,
            district=fields.pop("district", school.district),
            **fields,
        )

    return make


@pytest.fixture
def make_held_session(make_session, make_moderator):
    """A session that began `days_ago` days ago (local 17:00), with its moderators booked.

    Returns the session; its accepted assignments are `session.accepted`, in the order of
    `moderators` (by default one new active Turkish speaker).
    """
    from moderators.common.timezone import local_datetime, local_today
    from moderators.scheduling import services

    def make(days_ago=3, moderators=None, language_code="tr", duration=90, **fields):
        starts_at = local_datetime(local_today() - timedelta(days=days_ago), time(17))
        session = make_session(
            language_code=language_code,
            starts_at=starts_at,
            duration=duration,
            past_ok=True,
            moderators_needed=len(moderators) if moderators else 1,
            **fields,
        )
        for moderator in moderators or [make_moderator()]:
            services.add_assignment(session, moderator, "assign")
        return session

    return make


@pytest.fixture
def make_report():
    """A submitted report on a booked assignment: 90 minutes, 20 parents, in the session's
    language, 30 minutes of travel, unless told otherwise."""
    from moderators.logbook import services

    def make(assignment, **fields):
        values = {
            "took_place": True,
            "parents_reached": 20,
            "languages": [assignment.session.language],
            "duration_minutes": 90,
            "travel_minutes": 30,
        }
        return services.submit_report(assignment, **(values | fields))

    return make
