"""When the database goes away people get a 503 they can read, and the app recovers by itself."""

from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import event, text

from moderators import create_app
from moderators.config import TestConfig
from moderators.extensions import db

UNAVAILABLE = (
    "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal."
)
# Nothing listens on port 1: connecting fails at once, as with a stopped server.
DEAD_DATABASE = "postgresql://postgres@127.0.0.1:1/moderators"


@contextmanager
def database_down():
    """Every new connection is refused, as while PostgreSQL restarts; the pooled ones are
    closed first, so that the next request has to connect."""
    dbapi = db.engine.dialect.loaded_dbapi

    def refuse(dialect, connection_record, cargs, cparams):
        raise dbapi.OperationalError("connection refused: the test stopped the database")

    db.session.remove()
    db.engine.dispose()
    event.listen(db.engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(db.engine, "do_connect", refuse)


def assert_unavailable_page(response):
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert UNAVAILABLE in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_pool_checks_each_connection_before_use(app):
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert db.engine.pool._pre_ping  # the engine really got the option


def test_a_page_says_the_database_is_unreachable_and_works_again_afterwards(client):
    with database_down():
        response = client.get("/info-sessions")
        assert_unavailable_page(response)
        assert "Noch einmal versuchen" in response.get_data(as_text=True)
    assert client.get("/info-sessions").status_code == 200  # no restart needed


def test_a_signed_in_page_is_shown_as_to_a_visitor_while_the_database_is_down(client, login_as):
    user = login_as("coordinator")
    email = user.email
    with database_down():
        response = client.get("/sessions")
    assert_unavailable_page(response)
    assert email not in response.get_data(as_text=True)  # the account could not be read
    after = client.get("/sessions")
    assert after.status_code == 200
    assert email in after.get_data(as_text=True)  # still signed in


def test_a_form_sent_while_the_database_is_down_is_not_lost_silently(client):
    with database_down():
        response = client.post(
            "/login", data={"email": "niemand@example.org", "password": "x" * 12}
        )
    assert_unavailable_page(response)
    assert "Ihre Eingaben wurden nicht gespeichert." in response.get_data(as_text=True)


def test_the_api_answers_503_unavailable_in_json(client, make_user):
    from moderators.auth.services import issue_api_token

    headers = {"Authorization": f"Bearer {issue_api_token(make_user('coordinator'))}"}
    with database_down():
        response = client.get("/api/v1/languages", headers=headers)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.get_json() == {"error": {"code": "unavailable", "message": UNAVAILABLE}}
    assert client.get("/api/v1/languages", headers=headers).status_code == 200


def test_an_app_started_against_a_stopped_server_answers_503():
    settings = type("DeadDatabase", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": DEAD_DATABASE})
    dead = create_app(settings)
    try:
        response = dead.test_client().get("/info-sessions")
        assert_unavailable_page(response)
        api = dead.test_client().get("/api/v1/languages", headers={"Authorization": "Bearer x"})
        assert api.status_code == 503
        assert api.get_json()["error"]["code"] == "unavailable"
    finally:
        with dead.app_context():
            db.engine.dispose()


# A real PostgreSQL server drops the connection ------------------------------------------


@pytest.fixture
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a server that drops connections needs PostgreSQL: TEST_DATABASE_URL")


def _pooled_backend() -> int:
    """Leave exactly one connection in the pool and return its server process id."""
    db.session.remove()
    db.engine.dispose()
    pid = db.session.scalar(text("SELECT pg_backend_pid()"))
    db.session.remove()  # back into the pool, idle
    return pid


def _terminate(pid: int) -> None:
    """What a database restart or an administrator does to the app's connection."""
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))


def test_a_connection_the_server_dropped_is_replaced_before_the_next_request(client, postgres):
    pid = _pooled_backend()
    _terminate(pid)
    assert client.get("/info-sessions").status_code == 200
    assert db.session.scalar(text("SELECT pg_backend_pid()")) != pid


def test_without_the_check_a_dropped_connection_costs_one_503_and_no_more(
    client, postgres, monkeypatch
):
    monkeypatch.setattr(db.engine.pool, "_pre_ping", False)  # as a worker mid-request sees it
    _terminate(_pooled_backend())
    assert_unavailable_page(client.get("/info-sessions"))
    assert client.get("/info-sessions").status_code == 200
