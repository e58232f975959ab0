"""The coordinator approves a moderator's report and exports the statistics, in a real browser,
in German and in Arabic."""

import csv
import io
from datetime import timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook.models import EventReport
from tests.browser.journeys import LOCALES, Visit


def download(visit: Visit, selector: str):
    """Follow a download link with Enter; the file is kept beside the screenshots."""
    with visit.page.expect_download() as info:
        visit.page.locator(selector).first.press("Enter")
    file = info.value
    path = visit.artifacts / f"{visit.journey}-{visit.locale}-{file.suggested_filename}"
    file.save_as(path)
    return path


@pytest.mark.parametrize("locale", LOCALES)
def test_the_coordinator_approves_a_report_and_exports_the_statistics(
    live_server, browser, artifacts, make_user, make_held_session, make_report, locale
):
    held = make_held_session(days_ago=3)
    report = make_report(held.accepted[0], parents_reached=23)
    coordinator = make_user("coordinator")

    office = Visit(browser, live_server, locale, artifacts, "review")
    office.sign_in(coordinator)
    office.follow("nav a[href='/reviews']", "queue")
    office.follow(f"a[href='/reports/{report.id}']", "report")
    office.page.locator("#approve-comment").fill("Danke für den ausführlichen Bericht.")
    office.submit("#approve-submit", "queue-done")
    # Nothing else waits, so the coordinator is back at the (now empty) queue.
    assert office.path == "/reviews"
    assert office.flash("success")
    db.session.rollback()
    approved = db.session.get(EventReport, report.id)
    assert approved.status == "approved" and approved.allowance_cents > 0

    office.follow("nav a[href='/statistics']")
    page = office.page
    page.locator("#from").fill((local_today() - timedelta(days=10)).isoformat())
    page.locator("#to").fill(local_today().isoformat())
    office.submit("form.period-form button[type=submit]", "statistics")
    assert page.locator("#table-language tbody tr").count() == 1

    by_language = download(office, ".download-list a[href*='by=language']")
    header, *rows = csv.reader(io.StringIO(by_language.read_text("utf-8-sig")), delimiter=";")
    assert len(header) == 4
    assert [row[1:3] for row in rows] == [["1", "23"]]  # one session, 23 parents reached
    workbook = download(office, ".download-list a[href*='statistics.xlsx']")
    assert workbook.suffix == ".xlsx" and workbook.read_bytes()[:2] == b"PK"
