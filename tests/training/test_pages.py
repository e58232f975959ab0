"""The cohort pages as coordinators and moderators use them."""

import re

from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.training import closing, enrolments
from moderators.training.models import Cohort
from tests.conftest import count_queries


def test_coordinator_creates_a_cohort(client, coordinator):
    response = client.post(
        "/cohorts/new",
        data={
            "name": "Qualifizierung 2027",
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
            "venue": "Bürgerhaus Wilhelmsburg",
            "capacity": "18",
            "trainers": "A. Demir",
        },
    )
    assert response.status_code == 302
    cohort = db.session.scalar(db.select(Cohort))
    assert cohort.capacity == 18 and cohort.name == "Qualifizierung 2027"


def test_end_before_start_comes_back_next_to_the_field(client, coordinator):
    response = client.post(
        "/cohorts/new",
        data={"name": "X", "starts_on": "2027-02-01", "ends_on": "2027-01-01", "capacity": "5"},
    )
    assert response.status_code == 200
    assert 'id="ends_on-error"' in response.text
    assert db.session.scalar(db.select(Cohort)) is None


def test_duplicate_cohort_name_is_a_field_error(client, coordinator, make_cohort):
    cohort = make_cohort(name="Qualifizierung 2027")
    response = client.post(
        "/cohorts/new",
        data={
            "name": "qualifizierung 2027",
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
            "capacity": "5",
        },
    )
    assert "Es gibt schon einen Durchgang mit diesem Namen." in response.text


def test_module_is_added_in_local_time(client, coordinator, make_cohort):
    cohort = make_cohort()
    day = cohort.ends_on.isoformat()
    response = client.post(
        f"/cohorts/{cohort.id}/modules/new",
        data={"title": "Das Hamburger Schulsystem", "day": day, "starts": "17:30", "ends": "20:30"},
    )
    assert response.status_code == 302
    db.session.refresh(cohort)
    (module,) = cohort.modules
    page = client.get(f"/cohorts/{cohort.id}").text
    assert "17:30" in page and "Das Hamburger Schulsystem" in page
    assert module.starts_at.tzinfo is not None


def test_module_outside_the_cohort_is_refused_on_the_page(client, coordinator, make_cohort):
    cohort = make_cohort()
    response = client.post(
        f"/cohorts/{cohort.id}/modules/new",
        data={"title": "Zu spät", "day": "2099-01-01", "starts": "10:00", "ends": "12:00"},
    )
    assert "Das Modul muss im Zeitraum des Durchgangs liegen." in response.text


def test_attendance_for_the_whole_list_on_one_page(client, coordinator, make_cohort):
    cohort = make_cohort(held=1, trainees=2)
    first, second = cohort.enrollments
    module = cohort.modules[0]
    form = client.get(f"/modules/{module.id}/attendance").text
    assert first.moderator.last_name in form and second.moderator.last_name in form
    response = client.post(
        f"/modules/{module.id}/attendance",
        data={f"attendance_{first.id}": "present", f"attendance_{second.id}": "excused"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert {(a.enrollment_id, a.status) for a in module.attendance} == {
        (first.id, "present"),
        (second.id, "excused"),
    }


def test_enrolling_beyond_capacity_gives_a_clear_message(
    client, coordinator, make_cohort, make_moderator
):
    cohort = make_cohort(capacity=1, trainees=1)
    waiting = make_moderator(status="trainee")
    response = client.post(f"/cohorts/{cohort.id}/enrollments", data={"moderator_id": waiting.id})
    assert response.status_code == 200
    assert "Der Durchgang ist voll: Er hat 1 Platz." in response.text
    assert len(cohort.enrollments) == 1


def test_new_trainee_is_created_and_enrolled_from_the_cohort_page(client, coordinator, make_cohort):
    cohort = make_cohort()
    client.post(
        f"/cohorts/{cohort.id}/trainees",
        data={"first_name": "Hana", "last_name": "Tesfay", "email": "hana@example.org"},
    )
    trainee = db.session.scalar(db.select(Moderator).filter_by(last_name="Tesfay"))
    assert trainee.status == "trainee"
    assert [e.moderator_id for e in trainee.enrollments] == [trainee.id]


def test_dropping_needs_a_reason(client, coordinator, make_cohort):
    cohort = make_cohort(trainees=1)
    (enrollment,) = cohort.enrollments
    refused = client.post(f"/enrollments/{enrollment.id}/drop", data={"reason": " "})
    assert refused.status_code == 200 and 'id="reason-error"' in refused.text
    client.post(f"/enrollments/{enrollment.id}/drop", data={"reason": "Umzug"})
    db.session.refresh(enrollment)
    assert enrollment.status == "dropped"


def test_closing_from_the_page_and_closing_twice(client, coordinator, make_cohort):
    cohort = make_cohort(held=1, trainees=1)
    enrolments.record_attendance(cohort.modules[0], {cohort.enrollments[0].id: "present"})
    first = client.post(f"/cohorts/{cohort.id}/close", follow_redirects=True)
    assert "1 von 1 zertifiziert" in first.text
    second = client.post(f"/cohorts/{cohort.id}/close", follow_redirects=True)
    assert "schon abgeschlossen" in second.text


def test_matrix_shows_attendance_rate_and_outlook(client, coordinator, make_cohort):
    cohort = make_cohort(held=2, ahead=1, trainees=1)
    (enrollment,) = cohort.enrollments
    enrolments.record_attendance(cohort.modules[0], {enrollment.id: "present"})
    enrolments.record_attendance(cohort.modules[1], {enrollment.id: "absent"})
    page = client.get(f"/cohorts/{cohort.id}").text
    assert "50" in page and "%" in page
    assert "nicht mehr erreichbar" in page  # 2 of 3 at best: 67 %
    assert "Entschuldigtes Fehlen zählt als nicht anwesend" in page


def test_matrix_query_count_does_not_grow_with_trainees_or_modules(
    client, coordinator, make_cohort
):
    def queries_for(cohort_id):
        with count_queries() as statements:
            assert client.get(f"/cohorts/{cohort_id}").status_code == 200
        return len(statements)

    small = make_cohort(held=2, trainees=2)
    large = make_cohort(held=6, ahead=2, trainees=10)
    for module in large.modules[:6]:
        enrolments.record_attendance(module, {e.id: "present" for e in large.enrollments})
    small_id, large_id = small.id, large.id
    assert queries_for(small_id) == queries_for(large_id)


def test_certificate_for_the_moderator_themself_and_not_for_others(client, login_as, make_cohort):
    cohort = make_cohort(held=1, trainees=2)
    mine, other = cohort.enrollments
    enrolments.record_attendance(cohort.modules[0], {mine.id: "present", other.id: "present"})
    closing.close_cohort(cohort)
    login_as("moderator", moderator=mine.moderator)
    page = client.get(f"/enrollments/{mine.id}/certificate")
    assert page.status_code == 200
    assert '<html lang="de"' in page.text and "Zertifikat" in page.text
    assert mine.moderator.full_name in page.text and "Modul 1" in page.text
    assert client.get(f"/enrollments/{other.id}/certificate").status_code == 403


def test_certificate_is_german_even_for_an_english_reader(client, login_as, make_user, make_cohort):
    cohort = make_cohort(held=1, trainees=1)
    (enrollment,) = cohort.enrollments
    enrolments.record_attendance(cohort.modules[0], {enrollment.id: "present"})
    closing.close_cohort(cohort)
    login_as(user=make_user("coordinator", locale="en"))
    page = client.get(f"/enrollments/{enrollment.id}/certificate").text
    assert "erfolgreich abgeschlossen" in page


def test_moderator_sees_own_cohort_modules_and_attendance(client, login_as, make_cohort):
    cohort = make_cohort(held=1, ahead=1, trainees=1)
    (enrollment,) = cohort.enrollments
    enrolments.record_attendance(cohort.modules[0], {enrollment.id: "excused"})
    login_as("moderator", moderator=enrollment.moderator)
    page = client.get("/me/training").text
    assert cohort.name in page and "Modul 2" in page
    assert re.search(r"entschuldigt", page)
