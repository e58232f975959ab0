"""A page number past the end, however large, gives an empty page: never an error."""

import pytest

HUGE = "99999999999999999999"  # beyond the databases' 64-bit integers


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("coordinator", "/moderators"),
        ("coordinator", "/requests"),
        ("coordinator", "/sessions"),
        ("coordinator", "/schools"),
        ("coordinator", "/reviews"),
        ("coordinator", "/audit"),
        ("moderator", "/me/logbook"),
        ("school", "/school/requests"),
    ],
)
def test_a_huge_page_number_is_an_empty_page(client, login_as, role, path):
    login_as(role)
    response = client.get(f"{path}?page={HUGE}&activities_page={HUGE}")
    assert response.status_code == 200


def test_a_bad_page_number_is_the_first_page(client, login_as, make_moderator):
    login_as("coordinator")
    make_moderator(last_name="Yılmaz")
    for page in ("0", "-3", "eins"):
        assert "Yılmaz" in client.get(f"/moderators?page={page}").text
