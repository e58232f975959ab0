"""Without a mouse: a school fills in and sends its request with Tab, typing, Space and Enter,
and always sees where the focus is."""

from datetime import timedelta

from sqlalchemy import select

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.scheduling.models import SessionRequest
from tests.browser.journeys import Visit
from tests.conftest import language

MAX_TABS = 80  # far more than the page has stops; a missing field fails instead of looping

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    id: element.id, tag: element.tagName.toLowerCase(), text: element.innerText || "",
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0,
  };
}"""


class Keyboard:
    """Tab from one form field to the next, checking the focus indicator at every stop."""

    def __init__(self, page):
        self.page = page
        self.unmarked: list[str] = []

    def tab_to(self, element_id: str) -> None:
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            focused = self.page.evaluate(FOCUSED)
            if focused["outline"] == "none" or focused["width"] <= 0:
                self.unmarked.append(f"{focused['tag']}#{focused['id']} {focused['text'][:30]}")
            if focused["id"] == element_id:
                return
        raise AssertionError(f"#{element_id} is not reached with the Tab key")

    def choose(self, select_id: str, value: str) -> None:
        """Move a focused drop-down to `value` with the arrow keys, as a keyboard user does."""
        select = self.page.locator(f"#{select_id}")
        values = select.evaluate("e => Array.from(e.options, o => o.value)")
        steps = values.index(value) - select.evaluate("e => e.selectedIndex")
        for _ in range(steps):
            self.page.keyboard.press("ArrowDown")
        assert select.input_value() == value

    def type_date(self, input_id: str, day) -> None:
        """Type a day into a focused date field. Its parts (day, month, year) come in the order
        of the browser's own locale, not the page's: a first try shows which order that is,
        then Shift+Tab goes back to the first part and the day is typed over it."""
        field = self.page.locator(f"#{input_id}")
        self.page.keyboard.type("01022030")
        probe = field.input_value()
        assert probe in ("2030-01-02", "2030-02-01"), f"unexpected date field order: {probe}"
        self.page.keyboard.press("Shift+Tab")
        self.page.keyboard.press("Shift+Tab")
        order = "%m%d%Y" if probe == "2030-01-02" else "%d%m%Y"
        self.page.keyboard.type(day.strftime(order))
        assert field.input_value() == day.isoformat()


def test_a_school_sends_its_request_with_the_keyboard_alone(
    live_server, browser, artifacts, make_user
):
    school_user = make_user("school")
    visit = Visit(browser, live_server, "de", artifacts, "keyboard")
    visit.sign_in(school_user)
    page = visit.goto("/school/requests/new")
    keys = Keyboard(page)

    # The first stop is the link past the header, and it shows itself when focused.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0

    day = local_today() + timedelta(days=30)
    keys.tab_to("language_id")
    keys.choose("language_id", str(language("ar").id))
    keys.tab_to("topic_id")
    page.keyboard.press("ArrowDown")  # the first topic
    keys.tab_to("start_date_1")
    keys.type_date("start_date_1", day)
    keys.tab_to("start_time_1")
    page.keyboard.type("1800")
    assert page.locator("#start_time_1").input_value() == "18:00"
    keys.tab_to("expected_parents")
    page.keyboard.type("40")
    keys.tab_to("public")
    page.keyboard.press("Space")
    assert page.locator("#public").is_checked()
    keys.tab_to("submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.check("request-sent")

    assert keys.unmarked == [], f"focused without a visible outline: {keys.unmarked}"
    assert visit.path == "/school/requests"
    db.session.rollback()
    [sent] = db.session.scalars(select(SessionRequest).filter_by(school_id=school_user.school_id))
    assert (sent.language.code, sent.expected_parents, sent.public) == ("ar", 40, True)
    assert sent.topic_id is not None and len(sent.slots) == 1


def test_focus_stays_visible_on_the_links_and_buttons_of_the_header(
    live_server, browser, artifacts, make_user
):
    visit = Visit(browser, live_server, "ar", artifacts, "keyboard")
    visit.sign_in(make_user("school"))
    keys = Keyboard(visit.page)
    keys.tab_to("ui-locale")  # past the skip link, the brand and the main navigation
    assert keys.unmarked == [], f"focused without a visible outline: {keys.unmarked}"
