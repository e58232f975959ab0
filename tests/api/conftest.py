"""Fixtures for the API: bearer headers for a user, and the check every error body must pass."""

import pytest

from moderators.auth.services import issue_api_token
from tests.reports.conftest import counted  # noqa: F401  (the statistics tests' hand-counted world)


@pytest.fixture
def headers_for():
    """`Authorization: Bearer ...` for `user`, with a token issued as by `flask users token`."""

    def headers(user) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_api_token(user)}"}

    return headers


@pytest.fixture
def coordinator_headers(make_user, headers_for):
    return headers_for(make_user("coordinator"))


def assert_error(response, status: int, code: str, field: str | None = None) -> dict:
    """The response is a JSON error of the agreed shape; returns its `error` object."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    if field is not None:
        assert error["field"] == field
    return error
