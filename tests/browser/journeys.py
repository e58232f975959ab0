"""What the journey tests share: a person's way through the app in one language, taken with the
keyboard, with an accessibility check of every page reached and screenshots of the key ones."""

import re
from pathlib import Path

from tests.browser.axe import assert_accessible
from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Each journey runs in German, the source language, and in Arabic, which is written right to left.
LOCALES = ["de", "ar"]


def open_page(browser, locale: str):
    """A fresh browser context (its own cookies) that asks for `locale`, at desktop size."""
    context = browser.new_context(
        locale=locale, viewport=DESKTOP, extra_http_headers={"Accept-Language": locale}
    )
    return context.new_page()


class Visit:
    """One person in one language. Steps use the keyboard only (Enter on links and buttons,
    Space on checkboxes and radio buttons, typing into fields): no step needs a mouse."""

    def __init__(self, browser, base_url: str, locale: str, artifacts: Path, journey: str):
        self.page = open_page(browser, locale)
        self.base_url, self.locale = base_url, locale
        self.artifacts, self.journey = artifacts, journey

    def goto(self, path_or_url: str, key_page: str | None = None):
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        self.page.goto(url)
        return self.check(key_page)

    def follow(self, selector: str, key_page: str | None = None):
        """Follow the link (or press the button) that `selector` finds, with Enter."""
        with self.page.expect_navigation():
            self.page.locator(selector).first.press("Enter")
        return self.check(key_page)

    submit = follow

    def tick(self, selector: str) -> None:
        """Check a checkbox or choose a radio button with the space bar."""
        box = self.page.locator(selector)
        box.press("Space")
        assert box.is_checked(), f"{selector} is not checked after pressing Space"

    def sign_in(self, user, key_page: str | None = None):
        self.goto("/login")
        self.page.locator("#email").fill(user.email)
        self.page.locator("#password").fill(PASSWORD)
        return self.submit("#submit", key_page)

    def check(self, key_page: str | None = None):
        """The page is in the chosen language and direction and passes the accessibility check;
        a key page is also kept as screenshots, at desktop and at phone size."""
        page = self.page
        page.wait_for_load_state()
        html = page.locator("html")
        assert html.get_attribute("lang") == self.locale, page.url
        assert html.get_attribute("dir") == ("rtl" if self.locale == "ar" else "ltr"), page.url
        assert_accessible(page)
        if key_page:
            self.screenshots(key_page)
        return page

    def screenshots(self, name: str) -> None:
        """Desktop and phone size; at phone size the page is checked again, since tables and
        the header are laid out differently there."""
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page_file = self.artifacts / f"{self.journey}-{name}-{self.locale}-{size}.png"
            self.page.set_viewport_size(viewport)
            if viewport is PHONE:
                assert_accessible(self.page, f"{self.page.url} at phone size")
            self.page.screenshot(path=str(page_file), full_page=True)
            assert page_file.stat().st_size > 1000
        self.page.set_viewport_size(DESKTOP)

    @property
    def path(self) -> str:
        """The page's path, without the host and without a #fragment kept from a form."""
        return re.sub(r"^https?://[^/]+|#.*$", "", self.page.url)

    def flash(self, category: str = "success") -> str:
        return self.page.locator(f".flash--{category}").inner_text()
