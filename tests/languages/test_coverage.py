"""The coverage page: which languages the active pool speaks, and where nobody does."""

import re

import pytest

from moderators.extensions import db
from moderators.languages.models import Language
from moderators.languages.queries import active_moderator_counts, uncovered_districts
from moderators.seed import DISTRICTS
from tests.conftest import count_queries, language


def row_of(html: str, code: str) -> str:
    """The table row (or list item) of one language on the page."""
    match = re.search(rf'id="language-{re.escape(code)}">(.*?)</(tr|li)>', html, re.S)
    assert match, f"no row for {code}"
    return match.group(1)


def test_coverage_names_languages_in_german_with_their_own_name(client, coordinator):
    response = client.get("/languages")
    assert response.status_code == 200
    assert "Türkisch" in response.text
    assert "Vietnamesisch" in response.text
    assert '<span lang="tr" dir="ltr">Türkçe</span>' in response.text
    assert '<span lang="ar" dir="rtl">العربية</span>' in response.text


def test_coverage_names_languages_in_english_for_an_english_reader(client, coordinator):
    with client.session_transaction() as session:
        session["locale"] = "en"
    response = client.get("/languages")
    assert response.status_code == 200
    assert "Turkish" in response.text
    assert "Türkisch" not in response.text
    assert "Türkçe" in response.text


def test_coverage_is_sorted_by_the_readers_names(client, coordinator):
    html = client.get("/languages").text
    positions = [html.index(f'id="language-{code}"') for code in ("sq", "ar", "tr", "uk", "vi")]
    assert positions == sorted(positions)


def test_coverage_counts_only_active_moderators(client, coordinator, make_moderator):
    make_moderator(languages=[("tr", "native"), ("ku", "fluent")], status="active")
    make_moderator(languages=[("tr", "native")], status="active", districts=["Harburg"])
    for status in ("trainee", "paused", "retired"):
        make_moderator(languages=[("tr", "native"), ("ti", "native")], status=status)

    counts = active_moderator_counts()
    assert counts[language("tr").id] == 2
    assert counts[language("ku").id] == 1
    assert language("ti").id not in counts

    html = client.get("/languages").text
    assert re.search(r'class="num">\s*<span class="gap">2</span>', row_of(html, "tr"))
    assert "niemand aktiv" in row_of(html, "ti")


def test_coverage_lists_the_districts_without_an_active_speaker(
    client, coordinator, make_moderator
):
    make_moderator(languages=[("ar", "native")], districts=["Altona", "Harburg"])
    make_moderator(languages=[("ar", "native")], districts=list(DISTRICTS[2:]), status="paused")

    uncovered = uncovered_districts()
    assert [d.name for d in uncovered[language("ar").id]] == [
        name for name in DISTRICTS if name not in ("Altona", "Harburg")
    ]
    assert len(uncovered[language("fa").id]) == len(DISTRICTS)

    row = row_of(client.get("/languages").text, "ar")
    assert "Hamburg-Mitte" in row and "Wandsbek" in row
    assert "Altona" not in row and "Harburg" not in row


def test_a_language_spoken_in_every_district_is_marked_covered(client, coordinator, make_moderator):
    for _ in range(3):
        make_moderator(languages=[("ru", "native")], districts=DISTRICTS)
    row = row_of(client.get("/languages").text, "ru")
    assert "alle Bezirke abgedeckt" in row
    assert "wenige" not in row


def test_inactive_languages_are_listed_apart(client, coordinator):
    language("hy").active = False
    db.session.commit()
    html = client.get("/languages").text
    inactive = html.split("Inaktive Sprachen", 1)[1]
    assert 'id="language-hy"' in inactive
    assert 'id="language-tr"' not in inactive


@pytest.mark.parametrize("role", ["moderator", "school"])
def test_coverage_is_for_coordinators_only(client, login_as, role):
    login_as(role)
    assert client.get("/languages").status_code == 403


def test_coverage_asks_the_database_the_same_number_of_times_for_any_pool_size(
    app, client, coordinator, make_moderator
):
    def queries_for_page() -> int:
        with count_queries() as statements:
            assert client.get("/languages").status_code == 200
        return len(statements)

    codes = ["tr", "ar", "ru", "fa", "pl"]
    for n in range(2):
        make_moderator(languages=[(codes[n], "native")], districts=[DISTRICTS[n]])
    with_two = queries_for_page()
    db.session.add(Language(code="ur", name_de="Urdu", direction="rtl"))  # one row more, too
    for n in range(2, 20):
        make_moderator(
            languages=[(codes[n % 5], "native"), ("en", "fluent")],
            districts=[DISTRICTS[n % 7], DISTRICTS[(n + 3) % 7]],
        )
    assert queries_for_page() == with_two
