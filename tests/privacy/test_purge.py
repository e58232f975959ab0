"""`flask privacy purge` anonymises what is past the retention period; a dry run by default."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from moderators.auth.models import User
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.schools.models import School

YEARS_AGO_4 = 4 * 365


def _age(model, row_id: int, days: int, *columns: str) -> None:
    """Set timestamps into the past, as if nothing had happened since."""
    moment = utcnow() - timedelta(days=days)
    db.session.execute(
        update(model).where(model.id == row_id).values(**dict.fromkeys(columns, moment))
    )
    db.session.commit()


def _old_moderator(make_moderator, status="retired", **fields):
    moderator = make_moderator(status=status, **fields)
    _age(Moderator, moderator.id, YEARS_AGO_4, "created_at", "updated_at")
    return moderator


@pytest.fixture
def pool(make_moderator, make_user, make_school, make_request, make_held_session, make_report):
    expired = _old_moderator(make_moderator, first_name="Abgelaufen")
    held = make_moderator(first_name="Berichtet")
    session = make_held_session(days_ago=YEARS_AGO_4, moderators=[held])
    make_report(session.accepted[0])
    held.status = "retired"
    db.session.commit()
    _age(Moderator, held.id, YEARS_AGO_4, "created_at", "updated_at")
    recent_login = make_user("moderator")
    recent_login.moderator.status = "retired"
    db.session.commit()
    _age(Moderator, recent_login.moderator_id, YEARS_AGO_4, "created_at", "updated_at")
    _age(User, recent_login.id, YEARS_AGO_4, "created_at", "updated_at")
    _age(User, recent_login.id, 365, "last_login_at")
    recent = make_moderator(first_name="Frisch", status="retired")
    paused = _old_moderator(make_moderator, status="paused")
    old_school = make_school(contact_name="Frau Alt")
    _age(School, old_school.id, YEARS_AGO_4, "created_at", "updated_at")
    asking_school = make_school()
    _age(School, asking_school.id, YEARS_AGO_4, "created_at", "updated_at")
    make_request(school=asking_school)
    return {
        "expired": [expired.id, held.id],
        "kept": [recent_login.moderator_id, recent.id, paused.id],
        "paused": paused.id,
        "school": old_school.id,
        "kept_schools": [asking_school.id, session.school_id],
    }


def _purge(app, *args):
    result = app.test_cli_runner().invoke(args=["privacy", "purge", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _anonymised() -> list[int]:
    db.session.expire_all()
    return sorted(
        db.session.scalars(select(Moderator.id).where(Moderator.anonymised_at.isnot(None)))
    )


def test_dry_run_lists_ids_and_changes_nothing(app, pool):
    output = _purge(app)

    ids = ", ".join(map(str, sorted(pool["expired"])))
    assert f"Would anonymise 2 moderators (moderator ids: {ids})" in output
    assert f"Would anonymise 1 school contacts (school ids: {pool['school']})" in output
    assert f"moderator ids: {pool['paused']}" in output  # not retired: only pointed out
    assert "Dry run" in output
    assert "Abgelaufen" not in output and "Frau Alt" not in output
    assert _anonymised() == []
    assert db.session.get(School, pool["school"]).contact_name == "Frau Alt"


def test_apply_anonymises_exactly_the_expired_ones(app, pool):
    output = _purge(app, "--apply")

    assert "Anonymised 2 moderators" in output
    assert _anonymised() == sorted(pool["expired"])
    assert db.session.get(School, pool["school"]).contact_name == ""
    for school_id in pool["kept_schools"]:
        assert db.session.get(School, school_id).contact_anonymised_at is None


def test_a_second_run_does_nothing(app, pool):
    _purge(app, "--apply")

    output = _purge(app, "--apply")

    assert "Anonymised 0 moderators" in output
    assert "Anonymised 0 school contacts" in output


def test_a_longer_retention_period_keeps_everyone(app, pool):
    output = _purge(app, "--apply", "--years", "5")

    assert "Anonymised 0 moderators" in output
    assert _anonymised() == []


def test_the_retention_period_comes_from_the_settings(app, pool):
    app.config["PRIVACY_RETENTION_YEARS"] = 10
    try:
        output = _purge(app)
    finally:
        app.config["PRIVACY_RETENTION_YEARS"] = 3
    assert "Retention 10 years" in output and "Would anonymise 0 moderators" in output
