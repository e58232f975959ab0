"""The coordinator records a cohort's attendance and closes it, in a real browser, in German and
in Arabic: whoever attended enough modules is certified."""

import pytest
from sqlalchemy import select

from moderators.extensions import db
from moderators.training.models import Enrollment
from tests.browser.journeys import LOCALES, Visit


def mark(visit: Visit, enrollment: Enrollment, status: str) -> None:
    visit.tick(f"input[name='attendance_{enrollment.id}'][value='{status}']")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_coordinator_records_attendance_and_closes_a_cohort(
    live_server, browser, artifacts, make_user, make_cohort, locale
):
    cohort = make_cohort(held=2, trainees=2)
    first, second = cohort.modules
    steady, absent = sorted(cohort.enrollments, key=lambda e: e.id)
    coordinator = make_user("coordinator")

    office = Visit(browser, live_server, locale, artifacts, "cohort")
    office.sign_in(coordinator)
    office.follow("nav a[href='/cohorts']", "cohorts")
    office.follow(f"a[href='/cohorts/{cohort.id}']", "cohort-open")

    for module, second_status in ((first, "present"), (second, "absent")):
        office.follow(f"a[href='/modules/{module.id}/attendance']", f"attendance-{module.id}")
        mark(office, steady, "present")
        mark(office, absent, second_status)
        office.submit("#submit")
        assert office.path == f"/cohorts/{cohort.id}"
        assert office.flash("success")

    office.submit(f"form[action='/cohorts/{cohort.id}/close'] button[type=submit]", "closed")
    assert office.flash("success")
    assert office.page.locator(f"form[action='/cohorts/{cohort.id}/close']").count() == 0
    db.session.rollback()
    decided = db.session.scalars(
        select(Enrollment).filter_by(cohort_id=cohort.id).order_by(Enrollment.id)
    )
    assert [(e.status, e.moderator.status) for e in decided] == [
        ("completed", "active"),
        ("not_completed", "trainee"),
    ]
