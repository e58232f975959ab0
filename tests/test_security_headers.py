"""Security headers on every response, caching, redirects that stay on the site, and error
pages that give nothing away."""

import re
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from moderators import create_app
from moderators.auth.access import public
from moderators.auth.services import issue_api_token
from moderators.common.security import CONTENT_SECURITY_POLICY, safe_next
from moderators.config import DevelopmentConfig, TestConfig
from moderators.extensions import db
from tests.conftest import PASSWORD

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def make_app(database_url, base=TestConfig, **settings):
    return create_app(type("Other", (base,), {"SQLALCHEMY_DATABASE_URI": database_url, **settings}))


@pytest.mark.parametrize(
    "path", ["/login", "/info-sessions", "/no-such-page", "/static/css/app.css", "/api/v1/topics"]
)
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_policy_allows_no_inline_script_and_no_framing():
    rules = dict(rule.split(" ", 1) for rule in CONTENT_SECURITY_POLICY.split("; "))
    assert rules["script-src"] == "'self'"
    assert "unsafe-inline" not in rules["default-src"] + rules["script-src"]
    assert rules["frame-ancestors"] == "'none'"


def test_templates_hold_no_inline_script_or_event_handler():
    """What the policy would block: a script in the page, onclick=..., javascript: links."""
    offending = []
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\ssrc=)", source, re.I):
            offending.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=", source, re.I) or "javascript:" in source.lower():
            offending.append(f"{template}: event handler or javascript: link")
    assert offending == []


def test_development_sends_no_hsts(database_url):
    app = make_app(database_url, base=DevelopmentConfig, TESTING=True)
    response = app.test_client().get("/login")
    with app.app_context():
        db.engine.dispose()
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_behind_login_are_never_stored(client, login_as):
    login_as("moderator")
    assert client.get("/me").headers["Cache-Control"] == "no-store"
    assert client.get("/account").headers["Cache-Control"] == "no-store"


def test_public_pages_and_static_files_keep_caching(client, login_as):
    assert "no-store" not in client.get("/info-sessions").headers.get("Cache-Control", "")
    login_as("moderator")
    with client.get("/static/css/app.css") as response:
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_api_answers_to_a_token_are_never_stored(client, make_user):
    token = issue_api_token(make_user("coordinator"))
    response = client.get("/api/v1/topics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


# Redirects to a given address --------------------------------------------------------------

FOREIGN = [
    "//evil.example",
    "https://evil.example/",
    "http:evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", FOREIGN)
def test_foreign_addresses_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/schools", "/schools?page=2&q=M%C3%BCller", "/me#absences"])
def test_paths_on_this_site_are_followed(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", FOREIGN)
def test_login_never_sends_anyone_off_the_site(app, make_user, target):
    make_user("coordinator", email="k@example.org")
    response = app.test_client().post(
        "/login",
        query_string={"next": target},
        data={"email": "k@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize("target", FOREIGN)
def test_the_language_switcher_never_sends_anyone_off_the_site(client, target):
    response = client.post("/language", data={"locale": "en", "next": target})
    assert response.headers["Location"] == "/"


def test_the_language_switcher_returns_to_the_page(client):
    response = client.post("/language", data={"locale": "en", "next": "/info-sessions?page=2"})
    assert response.headers["Location"] == "/info-sessions?page=2"


# Error pages -------------------------------------------------------------------------------


LEAKS = ("Traceback", "no_such_table", "secret_column", "SELECT", "sqlalchemy", "File ")


def test_an_unexpected_error_shows_no_trace_and_no_sql(database_url):
    """Outside the test settings errors are caught: the page says something went wrong."""
    app = make_app(database_url, TESTING=False)

    @app.route("/test-only/broken")
    @public
    def broken():
        raise ProgrammingError("SELECT secret_column FROM no_such_table", {}, ValueError("x"))

    @app.route("/test-only/missing-table")
    @public
    def missing_table():
        db.session.execute(text("SELECT secret_column FROM no_such_table"))

    with app.app_context():
        client = app.test_client()
        broken_page = client.get("/test-only/broken")
        database_page = client.get("/test-only/missing-table")
        db.engine.dispose()
    assert broken_page.status_code == 500
    assert "Etwas ist schiefgegangen" in broken_page.text
    assert database_page.status_code >= 500
    for page in (broken_page, database_page):
        assert [leak for leak in LEAKS if leak in page.text] == []
        assert page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
