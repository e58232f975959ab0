"""The interface language: German by default, English on request, names from CLDR."""

import pytest

from moderators.extensions import db
from moderators.i18n import language_name, native_language_name, text_direction


def test_german_is_the_default(client):
    page = client.get("/login").text
    assert '<html lang="de" dir="ltr">' in page
    assert "Anmelden" in page


def test_accept_language_picks_english(client):
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert '<html lang="en" dir="ltr">' in page
    assert "Sign in" in page


def test_language_switcher_keeps_the_choice_for_the_visitor(client):
    response = client.post("/language", data={"locale": "en", "next": "/login"})
    assert response.headers["Location"] == "/login"
    assert '<html lang="en"' in client.get("/login").text


def test_switcher_ignores_unknown_locales_and_foreign_next(client):
    response = client.post("/language", data={"locale": "xx", "next": "//evil.example.com"})
    assert response.headers["Location"] == "/"
    assert '<html lang="de"' in client.get("/login").text


def test_signed_in_users_choice_is_saved_on_the_account(client, login_as):
    user = login_as("coordinator")
    client.post("/language", data={"locale": "en", "next": "/account"})
    db.session.refresh(user)
    assert user.locale == "en"
    fresh = client.application.test_client()
    with fresh.session_transaction() as session:
        session["_user_id"] = str(user.id)
    assert '<html lang="en"' in fresh.get("/account").text


def test_account_page_sets_the_ui_language(client, login_as):
    user = login_as("moderator")
    response = client.post("/account", data={"locale": "en"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.locale == "en"


def test_the_switcher_lists_each_locale_by_its_own_name(client):
    page = client.get("/login").text
    assert ">Deutsch</option>" in page and ">English</option>" in page


@pytest.mark.parametrize(
    ("code", "reader", "expected"),
    [
        ("tr", "de", "Türkisch"),
        ("tr", "en", "Turkish"),
        ("fa-AF", "de", "Dari"),
        ("ku", "en", "Kurmanji"),
        ("rom", "de", "Romanes"),
        ("ckb", "en", "Sorani (Central Kurdish)"),
    ],
)
def test_language_names_come_from_cldr_or_the_override_table(code, reader, expected):
    assert language_name(code, reader) == expected


def test_native_names_and_direction():
    assert native_language_name("fa-AF") == "دری"
    assert native_language_name("tr") == "Türkçe"
    assert text_direction("ar") == "rtl" and text_direction("ckb") == "rtl"
    assert text_direction("ps") == "rtl" and text_direction("tr") == "ltr"


def test_every_template_string_reaches_the_catalogs():
    """Babel skips folders whose names start with _ or .; no template string may fall through."""
    import re
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent
    with (root / "translations/en/LC_MESSAGES/messages.po").open("rb") as fh:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    literals = {
        match
        for path in (root / "templates").rglob("*.*")
        for match in re.findall(r'_\("([^"]+)"', path.read_text(encoding="utf-8"))
    }
    assert literals and literals - known == set()
