"""Offers to the signed-in moderator and the links from their offer mails."""

import pytest

from moderators.scheduling import services
from moderators.scheduling.links import offer_link


@pytest.fixture
def offer(make_session):
    """Offer a new session (or the one given) to `moderator`; returns the assignment."""

    def make(moderator, session=None, **session_fields):
        session = session or make_session(**session_fields)
        return services.add_assignment(session, moderator, "offer")

    return make


@pytest.fixture
def link_path(app):
    """The path of an offer mail's accept or decline link."""

    def make(assignment, action):
        with app.test_request_context():
            url = offer_link(assignment, action)
        return url.removeprefix("http://localhost")

    return make
