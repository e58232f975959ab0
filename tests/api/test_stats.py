"""Statistics through the API: the hand-counted world of the statistics tests, as JSON."""

from datetime import date

import pytest

from moderators.common.timezone import local_today
from moderators.reports.statistics import Period, months
from tests.api.conftest import assert_error
from tests.conftest import count_queries


def stats(client, headers, counted, **args):
    period = counted["period"]
    query = {"from": period.start.isoformat(), "to": period.end.isoformat(), **args}
    response = client.get("/api/v1/stats", query_string=query, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_totals_and_rows_by_language_count_approved_sessions_held(
    client, coordinator_headers, counted
):
    body = stats(client, coordinator_headers, counted, by="language")
    period = counted["period"]
    assert (body["from"], body["to"], body["by"]) == (
        period.start.isoformat(),
        period.end.isoformat(),
        "language",
    )
    assert body["totals"] == {
        "sessions": 2,
        "parents": 25 + 12,
        "hours": 2.7,
        "minutes": 160,
        "schools": 2,
        "moderators": 3,
    }
    rows = {row["key"]: row for row in body["rows"]}
    assert set(rows) == {"tr", "ku", "ar"}
    assert rows["tr"] == {
        "key": "tr",
        "label": "Türkisch",
        "sessions": 1,
        "parents": 25,
        "hours": 1.7,
        "minutes": 100,
    }
    assert (rows["ar"]["parents"], rows["ar"]["hours"]) == (12, 1.0)
    assert body["activities"] == [
        {
            "type": "counselling",
            "label": "Einzelberatung",
            "count": 1,
            "people": 3,
            "hours": 0.8,
            "minutes": 45,
        }
    ]


def test_language_is_the_default_breakdown(client, coordinator_headers, counted):
    body = stats(client, coordinator_headers, counted)
    assert body["by"] == "language"
    assert {row["key"] for row in body["rows"]} == {"tr", "ku", "ar"}


def test_rows_by_district_topic_school_type_and_month(client, coordinator_headers, counted):
    def keys(by: str) -> dict:
        rows = stats(client, coordinator_headers, counted, by=by)["rows"]
        return {row["key"]: row["sessions"] for row in rows}

    assert keys("district") == {"Altona": 1, "Wandsbek": 1}
    assert keys("school_type") == {"stadtteilschule": 1, "gymnasium": 1}
    (topic_id,) = keys("topic")
    assert topic_id == counted["sessions"][0].topic_id
    by_month = keys("month")
    assert list(by_month) == [f"{m:%Y-%m}" for m in months(counted["period"])]
    assert sum(by_month.values()) == 2


def test_labels_follow_the_readers_language(client, coordinator_headers, counted):
    english = {**coordinator_headers, "Accept-Language": "en"}
    body = stats(client, english, counted)
    assert {row["key"]: row["label"] for row in body["rows"]}["tr"] == "Turkish"
    turkish = stats(client, coordinator_headers, counted, lang="tr")
    assert {row["key"]: row["label"] for row in turkish["rows"]}["tr"] == "Türkçe"


def test_the_period_defaults_to_the_current_school_year(client, coordinator_headers):
    year = Period.school_year_of(local_today())
    body = client.get("/api/v1/stats", headers=coordinator_headers).json
    assert (body["from"], body["to"]) == (year.start.isoformat(), year.end.isoformat())
    only_from = client.get("/api/v1/stats?from=2025-09-01", headers=coordinator_headers).json
    assert (only_from["from"], only_from["to"]) == ("2025-09-01", "2026-07-31")
    only_to = client.get("/api/v1/stats?to=2025-03-31", headers=coordinator_headers).json
    assert (only_to["from"], only_to["to"]) == ("2024-08-01", "2025-03-31")


def test_an_empty_period_counts_nothing(client, coordinator_headers, counted):
    response = client.get(
        "/api/v1/stats?from=2001-08-01&to=2002-07-31&by=month", headers=coordinator_headers
    )
    body = response.json
    assert body["totals"]["sessions"] == 0 and body["activities"] == []
    assert len(body["rows"]) == 12 and body["rows"][0]["key"] == "2001-08"
    assert date.fromisoformat(body["from"]) == date(2001, 8, 1)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("by=school", "by"),
        ("from=2026-02-30", "from"),
        ("to=morgen", "to"),
        ("from=2026-05-01&to=2026-04-30", "to"),
        ("from=2000-01-01&to=2030-12-31", "to"),
        ("to=0001-01-01", "to"),
        ("from=9999-12-31", "from"),
        ("lang=xx-nope-42", "lang"),
    ],
)
def test_bad_arguments_are_422_naming_them(client, coordinator_headers, query, field):
    response = client.get(f"/api/v1/stats?{query}", headers=coordinator_headers)
    assert_error(response, 422, "validation_error", field=field)


def test_only_the_coordination_reads_statistics(client, make_user, headers_for):
    for role in ("moderator", "school"):
        response = client.get("/api/v1/stats", headers=headers_for(make_user(role)))
        assert_error(response, 403, "forbidden")


@pytest.mark.parametrize("by", ["language", "month"])
def test_the_figures_come_from_one_statement(app, coordinator_headers, counted, by):
    client = app.test_client()  # the bearer token only
    with count_queries() as statements:
        stats(client, coordinator_headers, counted, by=by)
    assert len(statements) == 3  # the token's user, the data's version, then all the figures
