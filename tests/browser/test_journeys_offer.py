"""From a school's request to a moderator's report, in a real browser, in German and in Arabic:
the coordinator matches the request and offers it, the moderator accepts with the link in the
offer mail, and after the session writes the report in the logbook."""

import re
from datetime import time, timedelta

import pytest
from sqlalchemy import select, update

from moderators.common.timezone import local_datetime, local_today
from moderators.extensions import db
from moderators.logbook.models import EventReport
from moderators.notifications.models import OutboxMail
from moderators.scheduling.models import Assignment, InfoSession
from tests.browser.journeys import LOCALES, Visit


def offer_links(recipient: str) -> list[str]:
    """The links in the latest mail to `recipient`: accept first, then decline."""
    db.session.rollback()  # see what the server committed meanwhile
    mail = db.session.scalar(
        select(OutboxMail).filter_by(recipient=recipient).order_by(OutboxMail.id.desc())
    )
    assert mail is not None, f"no mail to {recipient}"
    return re.findall(r"https?://\S+/offers/\S+", mail.body_text)


def let_the_session_take_place(session_id: int) -> None:
    """The test cannot move the server's clock, so the session moves instead: to two days ago,
    as if the weeks until it had gone by."""
    starts = local_datetime(local_today() - timedelta(days=2), time(17))
    session = db.session.get(InfoSession, session_id)
    times = {"starts_at": starts, "ends_at": starts + (session.ends_at - session.starts_at)}
    db.session.execute(update(InfoSession).where(InfoSession.id == session_id).values(**times))
    db.session.execute(update(Assignment).filter_by(session_id=session_id).values(**times))
    db.session.commit()


@pytest.mark.parametrize("locale", LOCALES)
def test_a_request_is_offered_accepted_by_mail_and_reported(
    live_server, browser, artifacts, make_user, make_request, make_moderator, locale
):
    session_request = make_request(expected_parents=30)
    slot = session_request.slots[0]
    moderator_user = make_user("moderator")
    moderator = moderator_user.moderator
    make_moderator(first_name="Zweite")  # another candidate, not picked
    coordinator = make_user("coordinator")

    # The coordinator finds the request in the queue and offers it to one candidate.
    office = Visit(browser, live_server, locale, artifacts, "offer")
    office.sign_in(coordinator)
    office.follow("nav a[href='/requests']", "queue")
    office.follow(f"a[href='/requests/{session_request.id}']", "request-candidates")
    office.tick(f"#slot-{slot.id}-pick-{moderator.id}")
    office.tick(f"#slot-{slot.id} input[name=mode][value=offer]")
    office.submit(f"#slot-{slot.id} button[type=submit]", "session-offered")
    assert re.fullmatch(r"/sessions/\d+", office.path)
    assert office.flash("success")
    session_id = int(office.path.rsplit("/", 1)[1])

    # The moderator opens the accept link from the mail, without signing in, and confirms.
    accept, decline = offer_links(moderator_user.email)
    assert accept.startswith(live_server) and decline.startswith(live_server)
    mail_reader = Visit(browser, live_server, locale, artifacts, "offer")
    mail_reader.goto(accept, "accept-link")
    mail_reader.submit("main form button[type=submit]", "accepted")
    db.session.rollback()
    assignment = db.session.scalar(select(Assignment).filter_by(session_id=session_id))
    assert (assignment.moderator_id, assignment.status) == (moderator.id, "accepted")

    # After the session, the moderator signs in and writes the report in the logbook.
    let_the_session_take_place(session_id)
    logbook = Visit(browser, live_server, locale, artifacts, "offer")
    logbook.sign_in(moderator_user)
    logbook.follow("nav a[href='/me/logbook']", "logbook-due")
    logbook.follow(f"a[href='/assignments/{assignment.id}/report']", "report-form")
    page = logbook.page
    page.locator("#parents_reached").fill("27")
    page.locator("#travel_minutes").fill("40")
    page.locator("#topics_covered").fill("Übergang in die weiterführende Schule")
    logbook.submit("#submit", "logbook-reported")
    assert logbook.path == "/me/logbook"
    assert logbook.flash("success")
    db.session.rollback()
    report = db.session.scalar(select(EventReport).filter_by(assignment_id=assignment.id))
    assert (report.status, report.parents_reached, report.travel_minutes) == ("submitted", 27, 40)
    assert page.locator(f"#report-{report.id}").is_visible()
