"""Every PostgreSQL connection gets POSTGRES_OPTIONS: by default, a planner that knows the
tables are read from memory."""

import psycopg
import pytest
from sqlalchemy import make_url, text

from moderators import create_app
from moderators.config import TestConfig
from moderators.extensions import db


@pytest.fixture
def postgres_url(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("connection options are a PostgreSQL matter: TEST_DATABASE_URL")
    return database_url


def random_page_cost(url: str, **settings) -> str:
    app = create_app(type("Settings", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url, **settings}))
    with app.app_context():
        try:
            return db.session.scalar(text("SHOW random_page_cost"))
        finally:
            db.session.remove()
            db.engine.dispose()


def server_setting(url: str) -> str:
    """random_page_cost as the server gives it to a connection that asks for nothing."""
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection:
        return connection.execute("SHOW random_page_cost").fetchone()[0]


def test_a_random_read_is_priced_as_for_data_in_memory(postgres_url):
    assert random_page_cost(postgres_url) == "1.1"


def test_the_options_can_be_set_or_left_to_the_server(postgres_url):
    assert random_page_cost(postgres_url, POSTGRES_OPTIONS="-c random_page_cost=2.5") == "2.5"
    assert random_page_cost(postgres_url, POSTGRES_OPTIONS="") == server_setting(postgres_url)


def test_options_in_the_database_url_win(postgres_url):
    url = f"{postgres_url}?options=-c%20random_page_cost%3D3"
    assert random_page_cost(url) == "3"
