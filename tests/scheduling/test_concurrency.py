"""Two accepts at the same moment: exactly one booking, on a real PostgreSQL server."""

import threading

import pytest

from moderators.extensions import db
from moderators.scheduling import services
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.models import ACCEPTED, Assignment
from tests.conftest import next_weekday_at


@pytest.fixture
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; run the suite with TEST_DATABASE_URL")


def test_two_overlapping_accepts_in_parallel_book_exactly_one(
    app, postgres, make_session, make_moderator
):
    moderator = make_moderator()
    start = next_weekday_at(0, 17)
    one = make_session(starts_at=start)
    other = make_session(starts_at=start.replace(minute=30))
    first = services.add_assignment(one, moderator, "offer").id
    second = services.add_assignment(other, moderator, "offer").id
    moderator_id = moderator.id
    db.session.remove()

    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def accept(assignment_id):
        with app.app_context():
            assignment = db.session.get(Assignment, assignment_id)
            barrier.wait()
            try:
                services.accept(assignment)
                outcomes[assignment_id] = "accepted"
            except SchedulingError as error:
                db.session.rollback()
                outcomes[assignment_id] = "conflict" if error.conflict else "other"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(i,)) for i in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["accepted", "conflict"]
    accepted = db.session.scalars(
        db.select(Assignment).where(
            Assignment.moderator_id == moderator_id, Assignment.status == ACCEPTED
        )
    ).all()
    assert len(accepted) == 1


def test_the_database_refuses_an_overlapping_accepted_row_itself(
    app, postgres, make_session, make_moderator
):
    from sqlalchemy.exc import IntegrityError

    moderator = make_moderator()
    start = next_weekday_at(0, 17)
    one = make_session(starts_at=start)
    other = make_session(starts_at=start.replace(minute=30))
    services.add_assignment(one, moderator, "assign")
    offer = services.add_assignment(other, moderator, "offer")
    offer.status = ACCEPTED  # bypassing the service on purpose
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
