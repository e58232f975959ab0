"""Every page each role can reach, in a right-to-left and in a Slavic locale: the page says its
language and direction, and no German sentence shows where the catalog has a translation."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import url_for

from moderators.seed import TOPICS
from tests.test_access import ROLES, view_rules, world  # noqa: F401  (world is a fixture)

SKIPPED_SUFFIXES = (".ics", ".csv", ".xlsx", ".json")
# Pages in German whatever the reader's language, each with the reason.
GERMAN_BY_DESIGN = {"training.certificate": "the certificate is an official German document"}
# The seeded topics are data too: the coordinator's topic list shows their stored German names.
TOPIC_NAMES = {name for name, _ in TOPICS}


class VisibleText(HTMLParser):
    """The text a reader sees, without script and style, and without what is marked German on
    purpose (lang="de": the German half of the invitation letter)."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0
        self._german_tag, self._german_depth = None, 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")
        if self._german_tag == tag:
            self._german_depth += 1
        elif self._german_tag is None and (dict(attrs).get("lang") or "").startswith("de"):
            self._german_tag, self._german_depth = tag, 1

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")
        if tag == self._german_tag:
            self._german_depth -= 1
            if not self._german_depth:
                self._german_tag = None

    def handle_data(self, data):
        if not self._hidden and self._german_tag is None:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def german_sentences(app, locale: str) -> list[str]:
    """German source strings long enough to be recognised that the catalog translates."""
    path = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]) / locale / "LC_MESSAGES/messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    found = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or "%" in message.id:
            continue
        if message.id in TOPIC_NAMES:
            continue
        if len(message.id) >= 16 and " " in message.id and message.string not in ("", message.id):
            found.append(message.id)
    return found


@pytest.mark.parametrize(("locale", "direction"), [("ar", "rtl"), ("ru", "ltr")])
def test_every_page_speaks_the_chosen_language(app, world, locale, direction):  # noqa: F811
    sentences = german_sentences(app, locale)
    assert len(sentences) > 200  # the check has something to look for
    leaks, pages = [], 0
    for rule, _view in view_rules(app):
        if "GET" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        if rule.rule.endswith(SKIPPED_SUFFIXES) or "token" in rule.arguments:
            continue
        if rule.endpoint in GERMAN_BY_DESIGN:
            continue
        for role in ROLES:
            client = app.test_client()
            with client.session_transaction() as session:
                session["locale"] = locale
                if role != "anonymous":
                    session["_user_id"] = str(world["users"][role].id)
                    session["_fresh"] = True
            with app.test_request_context():
                url = url_for(rule.endpoint, **{a: world["args"][a] for a in rule.arguments})
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            pages += 1
            html = response.get_data(as_text=True)
            expected = f'lang="{locale}" dir="{direction}"'
            if expected not in html[:300]:
                leaks.append(f"{role} {url}: no {expected}")
            text = visible_text(html)
            leaks += [f"{role} {url}: {s!r}" for s in sentences if s in text]
    assert pages > 60
    assert leaks == []
