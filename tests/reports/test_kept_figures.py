"""The figures of a period are counted once and kept until the data changes: a coordinator who
approves a report sees it counted on the next look, and nothing is counted from stale data."""

from datetime import timedelta

from moderators.common.audit import AuditLog, record
from moderators.common.models import utcnow
from moderators.common.results import (
    Results,
    data_version,
    kept_results,
    size_of,
    until_data_changes,
    until_data_or_time_changes,
)
from moderators.extensions import db
from moderators.logbook.models import EventReport
from moderators.scheduling.matching import SPEAKER_LISTED, SlotMatch
from moderators.scheduling.models import InfoSession
from tests.conftest import count_queries
from tests.reports.test_pages import key_figures, period_args


def test_a_report_approved_on_its_page_is_counted_on_the_next_look(counted, client):
    args = period_args(counted["period"])
    before = key_figures(client.get("/statistics", query_string=args).text)
    assert (before["Veranstaltungen"], before["Eltern erreicht"]) == ("2", "37")
    waiting = db.session.execute(
        db.select(EventReport).where(EventReport.session_id == counted["sessions"][3].id)
    ).scalar_one()

    assert client.post(f"/reports/{waiting.id}/approve").status_code == 302

    after = key_figures(client.get("/statistics", query_string=args).text)
    assert (after["Veranstaltungen"], after["Eltern erreicht"]) == ("3", "67")
    export = client.get("/statistics.csv", query_string=args | {"by": "totals"}).text
    assert "67" in export


def test_figures_asked_again_are_not_counted_again(counted, client):
    args = period_args(counted["period"])
    first = client.get("/statistics", query_string=args).text
    with count_queries() as queries:
        again = client.get("/statistics", query_string=args).text
    assert again == first
    assert not any("event_report" in statement for statement in queries)


def test_another_period_is_counted_for_itself(counted, client):
    args = period_args(counted["period"])
    client.get("/statistics", query_string=args)
    earlier = {"from": "2001-08-01", "to": "2002-07-31"}
    figures = key_figures(client.get("/statistics", query_string=earlier).text)
    assert figures["Veranstaltungen"] == "0"


def test_a_change_that_commits_after_a_later_numbered_one_still_counts(app, coordinator):
    """Ids are handed out at insert and transactions commit in any order: a change with a lower
    id that commits last changes the version although the newest id stays the same."""
    rows = [record("test.change", coordinator) for _ in range(3)]
    db.session.commit()
    gap_id = rows[1].id
    db.session.delete(rows[1])  # as if its transaction had not committed yet
    db.session.commit()
    version = data_version()
    assert version[0] == rows[2].id

    db.session.add(AuditLog(id=gap_id, action="test.late", object_type="User", object_id=1))
    db.session.commit()

    assert data_version()[0] == version[0] and data_version() != version


def test_a_result_is_counted_again_once_the_data_changed(app, coordinator):
    calls = []

    @until_data_changes
    def sessions_planned(kind: str) -> int:
        calls.append(kind)
        return db.session.scalar(db.select(db.func.count()).select_from(InfoSession))

    assert sessions_planned("all") == sessions_planned("all") == 0
    assert calls == ["all"]
    record("test.change", coordinator)
    db.session.commit()
    assert sessions_planned("all") == 0
    assert calls == ["all", "all"]


def test_a_worker_keeps_a_bounded_number_of_results(app):
    results = kept_results()
    results.clear()
    for n in range(results.size + 10):
        results.put(n, n)
    assert len(results.kept) == results.size
    assert results.get(0) is None and results.get(results.size + 9) == results.size + 9


def test_a_worker_keeps_results_within_a_bound_in_bytes():
    results = Results(size=10, budget=1000)
    results.put("a", "page a", 400)
    results.put("b", "page b", 400)
    results.get("a")  # used: "b" is now the oldest used
    results.put("c", "page c", 400)
    assert list(results.kept) == ["a", "c"] and results.total == 800
    results.put("huge", "one large answer", 5000)  # kept alone rather than not at all
    assert list(results.kept) == ["huge"] and results.total == 5000
    results.hold("another version")
    assert results.total == 0 and not results.sizes


def test_what_a_kept_result_takes_is_its_text_and_its_speakers():
    start = utcnow()
    match = SlotMatch(start, start, candidates=[None] * 10, excluded=[None] * 30)
    assert size_of([match, match]) == 2 * 40 * SPEAKER_LISTED
    assert size_of(("<p>page</p>", "title")) == 16 and size_of(b'{"slots": []}') == 13
    assert size_of({"figures": 3}) == 0


def test_results_of_an_older_version_are_let_go(app, coordinator):
    @until_data_changes
    def sessions_named(name: str) -> int:
        return db.session.scalar(db.select(db.func.count()).select_from(InfoSession))

    sessions_named("a"), sessions_named("b")
    assert len(kept_results().kept) == 2
    record("test.change", coordinator)
    db.session.commit()
    sessions_named("a")
    assert [key[2] for key in kept_results().kept] == [("a",)]


def test_a_request_reads_the_version_once_and_again_after_its_own_commit(app, coordinator):
    with app.test_request_context("/statistics"):
        with count_queries() as queries:
            version = data_version()
            assert data_version() == version
        assert len(queries) == 1
        record("test.change", coordinator)  # a form's change, committed by its request
        db.session.commit()
        assert data_version() != version


def test_a_result_counted_from_one_that_expires_expires_with_it(app, monkeypatch):
    now = utcnow()
    monkeypatch.setattr("moderators.common.results.utcnow", lambda: now)
    calls = []

    @until_data_or_time_changes
    def inner() -> tuple[str, object]:
        calls.append("inner")
        return "inner", now + timedelta(hours=1)

    @until_data_changes
    def outer() -> str:
        calls.append("outer")
        return inner() + " outer"

    with app.test_request_context("/"):
        assert outer() == outer() == "inner outer"
    assert calls == ["outer", "inner"]
    monkeypatch.setattr("moderators.common.results.utcnow", lambda: now + timedelta(hours=1))
    with app.test_request_context("/"):
        outer()
    assert calls == ["outer", "inner", "outer", "inner"]
