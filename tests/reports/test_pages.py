"""The statistics, demand, allowance and own-overview pages, as their readers see them."""

import re
from datetime import timedelta
from html import unescape

import pytest

from moderators.auth.models import User
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.reports.statistics import Period
from moderators.roster.models import Moderator
from tests.conftest import count_queries, language


def text_of(fragment: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip())


def key_figures(html: str) -> dict[str, str]:
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))


def row_cells(html: str, row_id: str) -> list[str]:
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S).group(1)
    return [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def table_rows(html: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]*id="{table_id}"[^>]*>(.*?)</table>', html, re.S).group(1)
    return [
        [text_of(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


def period_args(period: Period) -> dict:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


# Statistics ---------------------------------------------------------------------------------


def test_statistics_show_the_hand_counted_figures(counted, client):
    html = client.get("/statistics", query_string=period_args(counted["period"])).text
    figures = key_figures(html)
    assert figures["Veranstaltungen"] == "2"
    assert figures["Eltern erreicht"] == "37"
    assert figures["Stunden"] == "2,7"
    assert figures["Schulen und Einrichtungen"] == "2"
    assert figures["Aktive Moderator*innen"] == "3"
    by_language = {row[0]: row[1:] for row in table_rows(html, "table-language")[1:]}
    assert by_language == {
        "Türkisch": ["1", "25", "1,7"],
        "Kurmandschi": ["1", "25", "1,7"],
        "Arabisch": ["1", "12", "1,0"],
    }
    districts = {row[0]: row[1] for row in table_rows(html, "table-district")[1:]}
    assert districts == {"Altona": "1", "Wandsbek": "1"}
    assert "Einzelberatung" in html  # the approved counselling, counted by type


def test_every_breakdown_has_a_chart_with_a_title(counted, client):
    html = client.get("/statistics", query_string=period_args(counted["period"])).text
    charts = re.findall(r'<svg class="chart" role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 5
    for title_id in charts:
        assert f'<title id="{title_id}">' in html
    assert "Veranstaltungen nach Art der Einrichtung</title>" in html


def test_statistics_default_to_the_current_school_year(coordinator, client):
    school_year = Period.school_year_of(local_today())
    html = client.get("/statistics").text
    assert f"Zeitraum: 1. August {school_year.start.year} bis 31. Juli" in html
    assert "In diesem Zeitraum ist keine Veranstaltung gezählt." in html


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ({"from": "2026-02-30"}, "from", "Bitte geben Sie ein Datum an"),
        ({"from": "gestern"}, "from", "Bitte geben Sie ein Datum an"),
        ({"from": "2027-05-01", "to": "2027-04-01"}, "to", "Das Ende liegt vor dem Beginn."),
        ({"from": "1900-01-01"}, "from", "Bitte wählen Sie ein Datum zwischen 2000 und 2099."),
        ({"from": "2001-01-01", "to": "2099-12-31"}, "to", "höchstens 20 Jahre"),
    ],
)
def test_a_wrong_period_is_shown_at_its_field_and_the_school_year_is_used(
    coordinator, client, args, field, message
):
    for url in ("/statistics", "/statistics/demand"):
        response = client.get(url, query_string=args)
        assert response.status_code == 200
        error = re.search(rf'<p class="field__error" id="{field}-error">([^<]+)</p>', response.text)
        assert error and message in error.group(1)
        start = Period.school_year_of(local_today()).start
        assert f"Zeitraum: 1. August {start.year}" in response.text


def test_a_single_day_counts_to_the_end_of_its_school_year(coordinator, client):
    html = client.get("/statistics", query_string={"from": "2025-02-01"}).text
    assert "Zeitraum: 1. Februar 2025 bis 31. Juli 2025" in html
    assert 'name="to" type="date" value="2025-07-31"' in html


def test_demand_shows_requests_sessions_and_active_moderators(counted, client, make_request):
    make_request(language_code="ar")
    html = client.get("/statistics/demand", query_string=period_args(counted["period"])).text
    # language, requests, sessions scheduled, unfilled, open, active moderators
    assert row_cells(html, "demand-ar") == ["Arabisch", "1", "2", "0", "1", "1"]
    assert row_cells(html, "demand-tr") == ["Türkisch", "0", "1", "0", "0", "2"]
    assert "sollte die nächste Qualifizierung Teilnehmende gewinnen" in html
    assert 'aria-labelledby="chart-demand-title"' in html
    assert 'href="/statistics?from=' in html  # back to the overview, same period


# Allowances ---------------------------------------------------------------------------------


def test_allowances_list_each_moderator_with_a_total(paid, client):
    html = client.get("/allowances", query_string={"month": f"{paid['month']:%Y-%m}"}).text
    rows = table_rows(html, "allowances")
    body = {row[1]: row[2:] for row in rows[1:-1]}  # after the moderator's number
    assert body['=HYPERLINK("http://example.org"), Eva'] == ["1", "0", "2,0", "44,00 €"]
    assert body["@SUM(A1), Sam"] == ["0", "1", "0,8", "27,00 €"]
    assert rows[-1] == ["Summe", "1", "1", "2,8", "71,00 €"]
    assert "1 Bericht oder Tätigkeit aus diesem Monat wartet noch auf die Freigabe" in html
    assert 'href="/reviews"' in html


def test_allowances_default_to_the_previous_month_and_navigate(coordinator, client):
    previous = (local_today().replace(day=1) - timedelta(days=1)).replace(day=1)
    html = client.get("/allowances").text
    assert f'href="/allowances.csv?month={previous:%Y-%m}"' not in html  # nothing to export
    assert "In diesem Monat ist noch keine Arbeit freigegeben." in html
    before = (previous - timedelta(days=1)).replace(day=1)
    assert f'href="/allowances?month={before:%Y-%m}"' in html
    assert f'href="/allowances?month={local_today():%Y-%m}"' in html


def test_a_wrong_month_is_shown_at_its_field(coordinator, client):
    response = client.get("/allowances", query_string={"month": "2026-13"})
    assert response.status_code == 200
    assert 'id="month-error"' in response.text


# A moderator's own overview -----------------------------------------------------------------


def test_the_own_overview_shows_only_ones_own_work(paid, client, login_as, make_user):
    login_as(user=make_user("moderator", moderator=paid["eva"]))
    html = client.get("/me/overview", query_string={"year": paid["month"].year}).text
    rows = table_rows(html, "own-overview")
    assert len(rows) == 1 + 12 + 1
    assert rows[-1] == ["Summe", "1", "18", "0", "44,00 €"]
    assert "27,00" not in html  # Sam's counselling is not Eva's


def test_the_own_overview_has_the_current_year_by_default(client, login_as):
    login_as("moderator")
    html = client.get("/me/overview", query_string={"year": "next year"}).text
    assert f'<h2 class="month-nav__current">{local_today().year}</h2>' in html
    assert "Nächstes Jahr" not in html


# Who may see what ---------------------------------------------------------------------------

COORDINATOR_PAGES = (
    "/statistics",
    "/statistics/demand",
    "/statistics.csv?by=totals",
    "/statistics.xlsx",
    "/allowances",
    "/allowances.csv",
    "/allowances.xlsx",
)


@pytest.mark.parametrize("role", ["moderator", "school"])
def test_only_coordinators_see_statistics_and_allowances(client, login_as, role):
    login_as(role)
    assert [client.get(url).status_code for url in COORDINATOR_PAGES] == [403] * 7


@pytest.mark.parametrize("role", ["coordinator", "school"])
def test_only_moderators_have_an_own_overview(client, login_as, role):
    login_as(role)
    assert client.get("/me/overview").status_code == 403
    assert client.get("/me/overview.csv").status_code == 403


# Queries ------------------------------------------------------------------------------------

SPREAD = [("tr", "Altona"), ("ar", "Wandsbek"), ("fa", "Eimsbüttel"), ("ru", "Hamburg-Nord")]


def test_report_pages_ask_the_same_number_of_queries_however_much_data(
    client, login_as, make_user, make_moderator, make_school, make_held_session, make_report
):
    login_as("coordinator")
    own = make_moderator(languages=[(code, "native") for code, _ in SPREAD])
    moderator_user = make_user("moderator", moderator=own)
    # count_queries() starts from an empty session: keep ids, not objects
    coordinator_id, moderator_user_id = make_user("coordinator").id, moderator_user.id
    own_id = own.id
    added = iter(range(1, 1000))

    def add_approved(n):
        own = db.session.get(Moderator, own_id)
        for _ in range(n):
            i = next(added)
            code, district_name = SPREAD[i % len(SPREAD)]
            other = make_moderator(languages=[(code, "native")])
            held = make_held_session(
                days_ago=i,
                moderators=[own, other],
                language_code=code,
                school=make_school(district_name=district_name),
            )
            for assignment in held.accepted:
                services.approve_report(make_report(assignment, languages=[language(code)]))
            activity = services.log_activity(
                own,
                type="network_event",
                held_on=local_today() - timedelta(days=i),
                duration_minutes=60,
            )
            services.approve_activity(activity)

    def counts():
        pages = {}
        login_as(user=db.session.get(User, coordinator_id))
        month = f"{local_today() - timedelta(days=1):%Y-%m}"
        for url in ("/statistics", "/statistics/demand", f"/allowances?month={month}"):
            with count_queries() as queries:
                assert client.get(url).status_code == 200
            url = url.split("?")[0]
            pages[url] = len(queries)
        login_as(user=db.session.get(User, moderator_user_id))
        with count_queries() as queries:
            assert client.get("/me/overview").status_code == 200
        pages["/me/overview"] = len(queries)
        return pages

    add_approved(2)
    few = counts()
    add_approved(10)
    assert counts() == few
    # the signed-in user, the data's version, then one statement for all the figures of a page
    assert (few["/statistics"], few["/statistics/demand"]) == (3, 3)
    # asked again with nothing changed, the figures are not counted again
    again = counts()
    assert (again["/statistics"], again["/statistics/demand"]) == (2, 2)


def test_exports_ask_one_statement_for_the_figures_and_one_for_the_demand(
    client, counted, login_as
):
    period = period_args(counted["period"])
    with count_queries() as queries:
        assert client.get("/statistics.xlsx", query_string=period).status_code == 200
    # the user, the data's version (read once for both), the figures' count, the demand's
    assert len(queries) == 4
    with count_queries() as queries:
        response = client.get("/statistics.csv", query_string={"by": "month", **period})
        assert response.status_code == 200
        response.get_data()
    assert len(queries) == 3
