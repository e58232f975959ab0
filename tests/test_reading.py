"""On PostgreSQL, pages and API calls that only read run without a transaction (no BEGIN and
ROLLBACK round trips); forms that write keep theirs, and so does what runs after a page."""

import pytest
from sqlalchemy import event, select

from moderators.auth.services import issue_api_token
from moderators.extensions import db
from moderators.topics.models import Topic


@pytest.fixture
def statements(app):
    """(first word, autocommit?) of each statement sent while the test runs."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's driver reads outside a transaction anyway: TEST_DATABASE_URL")
    seen: list[tuple[str, bool]] = []

    def spy(conn, cursor, statement, *args):
        seen.append(
            (statement.split(None, 1)[0].upper(), conn.connection.dbapi_connection.autocommit)
        )

    db.session.remove()  # every request in production starts without a session
    event.listen(db.engine, "before_cursor_execute", spy)
    yield seen
    event.remove(db.engine, "before_cursor_execute", spy)


def test_a_page_reads_its_data_without_a_transaction(
    client, coordinator, make_moderator, statements
):
    make_moderator(first_name="Ayşe", last_name="Yılmaz")
    db.session.remove()
    statements.clear()
    response = client.get("/moderators?language=tr")
    assert response.status_code == 200
    assert "Yılmaz" in response.text
    assert statements
    assert all(autocommit for _, autocommit in statements)


def test_an_api_call_that_reads_runs_without_a_transaction(client, make_user, statements):
    token = issue_api_token(make_user("coordinator"))
    db.session.remove()
    statements.clear()
    response = client.get("/api/v1/languages", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert statements and all(autocommit for _, autocommit in statements)


def test_a_form_that_writes_keeps_its_transaction(client, coordinator, statements):
    db.session.remove()
    statements.clear()
    response = client.post("/topics/new", data={"name_de": "Digitale Schule", "position": "20"})
    assert response.status_code == 302
    assert ("INSERT", False) in statements
    assert not any(autocommit for _, autocommit in statements)


def test_what_runs_after_a_page_can_still_be_undone(client, coordinator, statements):
    """The page hands its connection back: a write after it is in a transaction again."""
    assert client.get("/topics").status_code == 200
    db.session.add(Topic(name_de="Nur ein Entwurf", position=5))
    db.session.flush()
    db.session.rollback()
    assert db.session.scalars(select(Topic).filter_by(name_de="Nur ein Entwurf")).first() is None
