"""Coordinators read the audit log, filtered by person, area and days."""

from datetime import timedelta

from sqlalchemy import select, update

from moderators.common.audit import AuditLog
from moderators.common.models import utcnow
from moderators.extensions import db
from moderators.roster import services as roster
from moderators.schools import services as schools
from tests.conftest import count_queries


def test_only_coordinators_read_the_log(client, login_as):
    assert "/login" in client.get("/audit").headers["Location"]
    login_as("moderator")
    assert client.get("/audit").status_code == 403
    login_as("school")
    assert client.get("/audit").status_code == 403
    login_as("coordinator")
    assert client.get("/audit").status_code == 200


def test_filter_by_moderator_shows_what_is_about_them(
    client, login_as, make_moderator, make_held_session, make_report
):
    mine = make_moderator("Meral", "Mein")
    other = make_moderator("Olga", "Anders")
    roster.update_moderator(mine, phone="040 111")
    roster.update_moderator(other, phone="040 222")
    make_report(make_held_session(moderators=[mine]).accepted[0])
    login_as("coordinator")

    page = client.get(f"/audit?moderator_id={mine.id}").get_data(as_text=True)

    assert "Profil geändert" in page and "Bericht eingereicht" in page
    assert "Meral Mein" in page and "Olga Anders" not in page
    assert "Telefon" in page and "040 111" not in page  # field names, never values


def test_filter_by_school_and_by_email(client, login_as, make_school, make_user):
    school = make_school(name="Schule am See")
    other = make_school(name="Schule am Berg")
    schools.update_school(school, contact_phone="040 333")
    schools.update_school(other, contact_phone="040 444")
    user = make_user("moderator", email="suchbar@example.org")
    roster.update_moderator(user.moderator, first_name="Gesucht")
    login_as("coordinator")

    by_school = client.get(f"/audit?school_id={school.id}").get_data(as_text=True)
    by_email = client.get("/audit?email=suchbar").get_data(as_text=True)

    assert "Schule am See" in by_school and "Schule am Berg" not in by_school
    assert "Gesucht" in by_email and "Schule am" not in by_email


def test_filter_by_area_and_days(client, login_as, make_moderator, make_school):
    moderator = make_moderator("Früher")
    roster.update_moderator(moderator, phone="040 555")
    db.session.execute(update(AuditLog).values(at=utcnow() - timedelta(days=40)))
    db.session.commit()
    make_school(name="Neue Schule")
    schools.update_school(db.session.scalar(select(schools.School)), contact_phone="1")
    login_as("coordinator")

    schools_only = client.get("/audit?action=school").get_data(as_text=True)
    recent = client.get(f"/audit?from={(utcnow() - timedelta(days=2)).date()}")

    assert "Schule geändert" in schools_only and "Profil geändert" not in schools_only
    assert "Profil geändert" not in recent.get_data(as_text=True)
    old = client.get(f"/audit?to={(utcnow() - timedelta(days=30)).date()}").get_data(as_text=True)
    assert "Profil geändert" in old and "Schule geändert" not in old


def test_a_wrong_filter_value_is_said_and_ignored(client, login_as):
    login_as("coordinator")

    response = client.get("/audit?moderator_id=abc&from=gestern")

    assert response.status_code == 200
    assert "zum Beispiel 12" in response.get_data(as_text=True)


def test_school_pages_link_to_their_log(client, login_as, make_school):
    school = make_school()
    login_as("coordinator")

    page = client.get(f"/schools/{school.id}").get_data(as_text=True)

    assert f'href="/audit?school_id={school.id}"' in page
    assert f'href="/schools/{school.id}/anonymise-contact"' in page


def test_creating_a_school_records_field_names_not_contact_data(make_school):
    district_id = make_school().district_id
    school = schools.create_school(
        name="Schule Neu",
        type="gymnasium",
        district_id=district_id,
        contact_name="Herr Geheim",
        contact_email="geheim@example.org",
    )

    row = db.session.scalar(
        select(AuditLog).where(AuditLog.action == "school.create", AuditLog.object_id == school.id)
    )
    assert {"contact_name", "contact_email"} <= set(row.details["fields"])
    assert "Geheim" not in str(row.details) and "geheim@" not in str(row.details)


def _activity(make_moderator, make_school, make_held_session, make_report, rounds: int):
    for n in range(rounds):
        moderator = make_moderator(f"Viel{n}")
        roster.update_moderator(moderator, phone=f"040 {n}")
        make_report(make_held_session(moderators=[moderator]).accepted[0])
        school = make_school()
        schools.update_school(school, contact_phone=f"0{n}")


def test_the_log_page_needs_the_same_queries_however_many_entries(
    client, login_as, make_moderator, make_school, make_held_session, make_report
):
    login_as("coordinator")
    _activity(make_moderator, make_school, make_held_session, make_report, 1)
    with count_queries() as few:
        assert client.get("/audit").status_code == 200
    _activity(make_moderator, make_school, make_held_session, make_report, 6)
    with count_queries() as many:
        assert client.get("/audit").status_code == 200

    assert (
        len(many) == len(few) <= 4
    )  # the user; a page of entries; their count; what they are about
