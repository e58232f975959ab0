"""A school files a request for a session, in a real browser, in German and in Arabic."""

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from moderators.common.timezone import local_datetime, local_today
from moderators.extensions import db
from moderators.scheduling.models import SessionRequest
from moderators.topics.models import Topic
from tests.browser.axe import assert_accessible
from tests.browser.journeys import LOCALES, Visit, open_page
from tests.conftest import language


def first_topic() -> Topic:
    return db.session.scalar(select(Topic).order_by(Topic.position, Topic.id))


def requests_of(school) -> list[SessionRequest]:
    db.session.rollback()  # see what the server committed meanwhile
    return list(db.session.scalars(select(SessionRequest).filter_by(school_id=school.id)))


@pytest.mark.parametrize("locale", LOCALES)
def test_a_school_files_a_request_and_sees_it_in_its_list(
    live_server, browser, artifacts, make_user, locale
):
    school_user = make_user("school")
    school = school_user.school
    visit = Visit(browser, live_server, locale, artifacts, "school-request")
    visit.sign_in(school_user, "home")
    assert visit.path == "/school"

    visit.follow("nav a[href='/school/requests']", "requests-empty")
    visit.follow("a[href='/school/requests/new']", "form")

    # Sent empty, the form says what is missing, next to each field.
    visit.submit("#submit", "form-errors")
    page = visit.page
    assert page.locator(".form-errors").is_visible()
    assert page.locator("#start_date_1").get_attribute("aria-invalid") == "true"
    assert requests_of(school) == []

    day = local_today() + timedelta(days=21)
    page.select_option("#language_id", str(language("tr").id))
    page.select_option("#topic_id", str(first_topic().id))
    page.locator("#start_date_1").fill(day.isoformat())
    page.locator("#start_time_1").fill("17:30")
    page.locator("#expected_parents").fill("25")
    page.locator("#notes").fill("Elternabend der 4. Klassen, Raum 12")
    visit.tick("#public")
    visit.submit("#submit", "requests-filed")

    assert visit.path == "/school/requests"
    assert visit.flash("success")
    [filed] = requests_of(school)
    assert page.locator(f"#request-{filed.id}").is_visible()
    assert filed.language.code == "tr"
    assert filed.expected_parents == 25 and filed.public
    assert [slot.starts_at for slot in filed.slots] == [local_datetime(day, time(17, 30))]


def test_the_accessibility_check_catches_an_unlabelled_field_and_a_doubled_id(live_server, browser):
    """The check the journeys rely on is live: it fails on the kind of fault it is there for."""
    page = open_page(browser, "de")
    page.goto(f"{live_server}/login")
    assert_accessible(page)
    page.evaluate("""() => document.querySelector("main").insertAdjacentHTML(
        "beforeend", '<input type="text" name="x"><p id="email">doppelt</p>')""")
    with pytest.raises(AssertionError, match=r"- label \(critical\) at input"):
        assert_accessible(page)
    page.evaluate("""() => document.querySelector("input[name=x]").remove()""")
    with pytest.raises(AssertionError, match="Ids used more than once .*: email"):
        assert_accessible(page)
