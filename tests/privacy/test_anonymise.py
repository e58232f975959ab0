"""A coordinator erases a retired moderator's or a school contact's personal data for good."""

import json

from sqlalchemy import select

from moderators.auth.models import User
from moderators.auth.services import authenticate
from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.logbook.models import Activity, EventReport
from moderators.logbook.services import approve_activity, approve_report
from moderators.notifications.models import OutboxMail
from moderators.privacy import services
from moderators.reports.allowances import allowance_list
from moderators.reports.statistics import Period, totals
from moderators.roster.models import Moderator
from moderators.schools.models import School
from tests.conftest import PASSWORD


def _retired(full_moderator, app):
    user = full_moderator("A", "a@example.org")
    moderator = user.moderator
    with app.test_request_context():
        approve_report(db.session.scalar(select(EventReport)))
        approve_activity(db.session.scalar(select(Activity)))
    moderator.status = "retired"
    db.session.commit()
    return user, moderator


def _period_of_the_report() -> Period:
    held_on = db.session.scalar(select(EventReport.held_on))
    return Period(held_on.replace(day=1), held_on.replace(day=28))


def test_anonymising_erases_the_personal_fields(app, client, login_as, full_moderator):
    user, moderator = _retired(full_moderator, app)
    login_as("coordinator")

    response = client.post(f"/moderators/{moderator.id}/anonymise", data={"confirm": "y"})

    assert response.status_code == 302
    db.session.expire_all()
    moderator = db.session.get(Moderator, moderator.id)
    assert moderator.full_name == f"Person {moderator.id}"
    assert (moderator.email, moderator.phone, moderator.notes) == ("", "", "")
    assert moderator.availability == [] and moderator.absences == [] and moderator.districts == []
    assert [link.language.code for link in moderator.languages] == ["tr"]
    assert moderator.anonymised_at is not None
    account = db.session.get(User, user.id)
    assert account.email == f"anonymised-{user.id}@invalid"
    assert not account.active and account.password_hash is None
    assert account.totp_secret is None and account.calendar_token_hash is None
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.subject == "Betreff A"))
    assert mail.body_text == "" and "a@example.org" not in mail.recipient


def test_reports_and_statistics_stay_the_same(app, client, login_as, full_moderator):
    _, moderator = _retired(full_moderator, app)
    period = _period_of_the_report()
    before = (totals(period), [(r.sessions, r.activities, r.cents) for r in allowance_list(period)])
    reports_before = db.session.scalar(select(db.func.count(EventReport.id)))
    login_as("coordinator")

    client.post(f"/moderators/{moderator.id}/anonymise", data={"confirm": "y"})

    after = (totals(period), [(r.sessions, r.activities, r.cents) for r in allowance_list(period)])
    assert after == before
    assert db.session.scalar(select(db.func.count(EventReport.id))) == reports_before
    # The allowance list names people "last, first": the pseudonym "Person <id>" turned round.
    assert [row.name for row in allowance_list(period)] == [f"{moderator.id}, Person"]
    page = client.get(f"/allowances?month={period.start:%Y-%m}").get_data(as_text=True)
    assert "AyşeA" not in page and f"{moderator.id}, Person" in page
    assert client.get(f"/moderators/{moderator.id}").status_code == 200


def test_the_person_can_no_longer_sign_in(app, client, login_as, full_moderator):
    user, moderator = _retired(full_moderator, app)
    login_as(user=user)
    assert client.get("/me").status_code == 200

    services.anonymise_moderator(moderator)

    assert authenticate("a@example.org", PASSWORD) is None
    assert authenticate(f"anonymised-{user.id}@invalid", PASSWORD) is None
    assert "/login" in client.get("/me").headers.get("Location", "")


def test_the_audit_log_keeps_no_copy_of_the_erased_data(app, client, login_as, full_moderator):
    _, moderator = _retired(full_moderator, app)
    login_as("coordinator")

    client.post(f"/moderators/{moderator.id}/anonymise", data={"confirm": "y"})

    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "privacy.anonymise"))
    assert row.object_id == moderator.id and "first_name" in row.details["erased"]
    everything = json.dumps([r.details for r in db.session.scalars(select(AuditLog))])
    for erased in ("AyşeA", "Yılmaz", "040 A 123", "a@example.org", "Notiz A", "Reise A"):
        assert erased not in everything


def test_the_page_warns_that_it_cannot_be_undone(app, client, login_as, full_moderator):
    _, moderator = _retired(full_moderator, app)
    login_as("coordinator")

    page = client.get(f"/moderators/{moderator.id}/anonymise").get_data(as_text=True)
    profile = client.get(f"/moderators/{moderator.id}").get_data(as_text=True)

    assert "nicht rückgängig" in page
    assert f'href="/moderators/{moderator.id}/anonymise"' in profile
    assert f'href="/audit?moderator_id={moderator.id}"' in profile


def test_nothing_changes_without_the_confirmation(app, client, login_as, full_moderator):
    _, moderator = _retired(full_moderator, app)
    login_as("coordinator")

    response = client.post(f"/moderators/{moderator.id}/anonymise", data={})

    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).first_name == "AyşeA"


def test_an_active_moderator_is_not_anonymised(client, login_as, make_moderator):
    moderator = make_moderator("Aktiv", status="active")
    login_as("coordinator")

    page = client.get(f"/moderators/{moderator.id}/anonymise").get_data(as_text=True)
    client.post(f"/moderators/{moderator.id}/anonymise", data={"confirm": "y"})

    assert "Nur ausgeschiedene" in page
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).anonymised_at is None
    assert f"/moderators/{moderator.id}/anonymise" not in client.get(
        f"/moderators/{moderator.id}"
    ).get_data(as_text=True)


def test_a_school_contact_is_anonymised(client, login_as, make_user, make_school):
    school = make_school(contact_name="Frau Kontakt", contact_phone="040 999")
    school_user = make_user("school", email="kontakt@schule.example.org", school=school)
    db.session.add(OutboxMail(recipient=school_user.email, subject="Anfrage", body_text="Frau K."))
    db.session.commit()
    login_as("coordinator")

    response = client.post(f"/schools/{school.id}/anonymise-contact", data={"confirm": "y"})

    assert response.status_code == 302
    db.session.expire_all()
    school = db.session.get(School, school.id)
    assert (school.contact_name, school.contact_email, school.contact_phone) == ("", "", "")
    assert school.contact_anonymised_at is not None and school.name
    account = db.session.get(User, school_user.id)
    assert account.email.endswith("@invalid") and not account.is_active
    assert db.session.scalar(select(OutboxMail.body_text)) == ""
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "privacy.anonymise_contact"))
    assert "Frau Kontakt" not in json.dumps(row.details)
    page = client.get(f"/schools/{school.id}").get_data(as_text=True)
    assert "Frau Kontakt" not in page and "gelöscht" in page
    again = client.get(f"/schools/{school.id}/anonymise-contact").get_data(as_text=True)
    assert "keine Kontaktdaten" in again
