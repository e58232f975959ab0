"""Twenty people offering, accepting and declining the same sessions at once lose nothing."""

import random
import threading
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.scheduling import services
from moderators.scheduling.booking import SchedulingError
from moderators.scheduling.models import (
    ACCEPTED,
    ASSIGNMENT_STATUSES,
    BOOKED,
    CANCELLED,
    DECLINED,
    OFFERED,
    OPEN,
    REQUEST_STATUSES,
    SCHEDULED,
    Assignment,
    InfoSession,
    SessionRequest,
)
from tests.conftest import next_weekday_at

THREADS = 20
STEPS = 12  # per thread
SEED = 7
AUDITED = ("assignment.offer", "assignment.assign", "assignment.accept", "assignment.decline")
AUDITED += ("request.cancel", "session.create")


@pytest.fixture
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("twenty writers at once need PostgreSQL; run with TEST_DATABASE_URL")


@pytest.fixture
def busy_monday(make_moderator, make_session, make_request):
    """Eight moderators; sessions every half hour on one Monday afternoon, so that almost all
    overlap (some need two moderators, some came from a school's request); open requests
    at the same times."""
    moderators = [make_moderator() for _ in range(8)]
    times = [next_weekday_at(0, 16, 30 * i % 60) + timedelta(hours=i // 2) for i in range(8)]
    sessions = [make_session(starts_at=t, moderators_needed=2) for t in times[:4]]
    for start in times[4:]:
        request = make_request(starts=[start])
        sessions.append(services.schedule_request(request, start, [], "offer"))
    open_requests = [make_request(starts=[start]) for start in times[::2]]
    ids = {
        "moderators": [m.id for m in moderators],
        "sessions": [s.id for s in sessions],
        "open_requests": [r.id for r in open_requests],
    }
    db.session.remove()
    return ids


def offer(rng, ids):
    session = db.session.get(InfoSession, rng.choice(ids["sessions"]))
    moderator = db.session.get(Moderator, rng.choice(ids["moderators"]))
    mode = rng.choice(("offer", "offer", "offer", "assign"))
    assignment = services.add_assignment(session, moderator, mode)
    return [(f"assignment.{mode}", assignment.id)]


def _open_offer(rng):
    offered = db.session.scalars(
        select(Assignment.id).where(Assignment.status == OFFERED).order_by(Assignment.id)
    ).all()
    return db.session.get(Assignment, rng.choice(offered)) if offered else None


def accept(rng, ids):
    assignment = _open_offer(rng)
    if assignment is None:
        return []
    services.accept(assignment)
    return [("assignment.accept", assignment.id)]


def decline(rng, ids):
    assignment = _open_offer(rng)
    if assignment is None:
        return []
    services.decline(assignment, "keine Zeit")
    return [("assignment.decline", assignment.id)]


def settle_request(rng, ids):
    """A coordinator schedules an open request while another cancels it, or the other way."""
    request = db.session.get(SessionRequest, rng.choice(ids["open_requests"]))
    if rng.random() < 0.4:
        services.cancel_request(request)
        return [("request.cancel", request.id)]
    mode = rng.choice(("offer", "assign"))
    moderator_id = rng.choice(ids["moderators"])
    session = services.schedule_request(request, request.slots[0].starts_at, [moderator_id], mode)
    (assignment,) = session.assignments
    return [("session.create", session.id), (f"assignment.{mode}", assignment.id)]


STEP_KINDS = [offer] * 3 + [accept] * 3 + [decline] * 2 + [settle_request]


def run_in_threads(app, ids):
    """Every thread has its own app context and database session, like a gunicorn worker."""
    barrier = threading.Barrier(THREADS)
    done: list[tuple[str, int]] = []
    refused: list[str] = []
    failures: list[str] = []

    def work(number):
        rng = random.Random(SEED * 1000 + number)
        with app.app_context():
            barrier.wait(timeout=30)
            for _ in range(STEPS):
                step = rng.choice(STEP_KINDS)
                try:
                    done.extend(step(rng, ids))
                except SchedulingError as error:
                    db.session.rollback()
                    refused.append(str(error))
                except Exception as error:  # anything else is a bug the test must show
                    db.session.rollback()
                    failures.append(f"{step.__name__}: {error!r}")
                finally:
                    db.session.remove()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return done, refused, failures


def audit_rows() -> Counter:
    rows = db.session.execute(
        select(AuditLog.action, AuditLog.object_id).where(AuditLog.action.in_(AUDITED))
    )
    return Counter((action, object_id) for action, object_id in rows)


def test_twenty_threads_at_once_leave_every_booking_consistent(app, postgres, busy_monday):
    ids = busy_monday
    audit_before = audit_rows()

    done, refused, failures = run_in_threads(app, ids)

    assert failures == [], "\n".join(failures)
    kinds = Counter(action for action, _ in done)
    # The run really raced: offers were made and taken, and some changes were refused.
    assert kinds["assignment.accept"] and kinds["assignment.offer"] and refused

    # The audit log has exactly one row per change that succeeded, and none for a refusal.
    assert audit_rows() - audit_before == Counter(done)
    assert sum(audit_rows().values()) - sum(audit_before.values()) == len(done)

    assignments = db.session.scalars(select(Assignment).order_by(Assignment.id)).all()
    assert all(a.status in ASSIGNMENT_STATUSES for a in assignments)

    # Nobody holds two accepted assignments that overlap (nor closer than the travel buffer).
    buffer = app.config["TRAVEL_BUFFER"]
    accepted = defaultdict(list)
    for assignment in assignments:
        if assignment.status == ACCEPTED:
            accepted[assignment.moderator_id].append(assignment)
    for booked in accepted.values():
        for one in booked:
            for other in booked:
                if one.id < other.id:
                    assert not (
                        one.starts_at < other.ends_at + buffer
                        and other.starts_at < one.ends_at + buffer
                    ), (one.id, other.id)

    # Each answer stuck: an offer was either accepted or declined, never both, and the final
    # state is the answer that succeeded.
    answered = Counter(
        i for action, i in done if action in ("assignment.accept", "assignment.decline")
    )
    assert max(answered.values(), default=0) == 1
    by_id = {a.id: a for a in assignments}
    for action, assignment_id in done:
        if action in ("assignment.accept", "assignment.assign"):
            assert by_id[assignment_id].status == ACCEPTED, (action, assignment_id)
        elif action == "assignment.decline":
            assert by_id[assignment_id].status == DECLINED, assignment_id

    # A session never has more moderators than it needs, nor one moderator twice.
    for session in db.session.scalars(select(InfoSession)):
        assert len(session.accepted) <= session.moderators_needed, session.id
        booked = [a.moderator_id for a in session.assignments if a.status in BOOKED]
        assert len(booked) == len(set(booked)), session.id

    # Every request is in exactly one state, and its sessions agree with it.
    cancelled = {i for action, i in done if action == "request.cancel"}
    for request in db.session.scalars(select(SessionRequest)):
        assert request.status in REQUEST_STATUSES
        if request.status == SCHEDULED:
            assert len(request.sessions) == 1, request.id
        else:
            assert request.sessions == [], request.id
        assert (request.status == CANCELLED) == (request.id in cancelled)
    left_open = db.session.scalar(
        select(func.count(SessionRequest.id)).where(SessionRequest.status == OPEN)
    )
    created = kinds["session.create"]
    assert left_open + len(cancelled) + created == len(ids["open_requests"])
