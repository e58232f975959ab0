"""A moderator downloads everything the app holds about them, and only that."""

import json
from datetime import date

from sqlalchemy import select

from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.roster import services as roster
from moderators.roster.models import Moderator
from tests.conftest import count_queries


def test_json_download_holds_every_part_of_the_moderators_data(client, login_as, full_moderator):
    user = full_moderator("A", "a@example.org")
    login_as(user=user)

    response = client.get("/me/data.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.data)
    assert data["profile"]["first_name"] == "AyşeA"
    assert data["profile"]["phone"] == "040 A 123"
    assert data["profile"]["notes"] == "Notiz A"
    assert [lang["code"] for lang in data["languages"]] == ["tr"]
    assert data["districts"] == ["Altona"]
    assert data["availability"][0]["weekday"] == 0
    assert data["absences"][0]["note"] == "Reise A"
    assert data["account"]["email"] == "a@example.org"
    assert data["training"][0]["cohort"] == "Durchgang A"
    assert data["training"][0]["attendance"][0]["status"] == "present"
    assert [a["status"] for a in data["assignments"]] == ["accepted"]
    assert data["reports"][0]["notes"] == "Bericht A"
    assert data["reports"][0]["parents_reached"] == 20
    assert data["activities"][0]["notes"] == "Tätigkeit A"
    assert "Betreff A" in [mail["subject"] for mail in data["mails"]]
    actions = [entry["action"] for entry in data["audit"]]
    assert {"moderator.update", "moderator.add_absence", "report.submit"} <= set(actions)
    assert "privacy.export" in actions


def test_the_download_holds_nothing_of_another_moderator(client, login_as, full_moderator):
    mine = full_moderator("A", "a@example.org")
    full_moderator("B", "b@example.org")
    login_as(user=mine)

    text = client.get("/me/data.json").get_data(as_text=True)

    for marker in ("AyşeB", "Notiz B", "Reise B", "Durchgang B", "Bericht B", "Tätigkeit B"):
        assert marker not in text
    assert "Betreff B" not in text and "b@example.org" not in text


def test_another_moderator_gets_only_their_own_export(client, login_as, full_moderator):
    full_moderator("A", "a@example.org")
    other = full_moderator("B", "b@example.org")
    login_as(user=other)

    data = json.loads(client.get("/me/data.json").data)
    page = client.get("/me/data").get_data(as_text=True)

    assert data["profile"]["first_name"] == "AyşeB"
    assert "AyşeA" not in json.dumps(data, ensure_ascii=False)
    assert "AyşeB" in page and "AyşeA" not in page


def test_each_export_is_recorded_in_the_audit_log(client, login_as, full_moderator):
    user = full_moderator("A", "a@example.org")
    login_as(user=user)

    client.get("/me/data.json")
    client.get("/me/data")

    rows = db.session.scalars(
        select(AuditLog).where(AuditLog.action == "privacy.export").order_by(AuditLog.id)
    ).all()
    assert [(r.object_type, r.object_id, r.actor_id) for r in rows] == [
        ("Moderator", user.moderator_id, user.id)
    ] * 2
    assert [r.details["format"] for r in rows] == ["json", "html"]


def test_readable_page_shows_every_part(client, login_as, full_moderator):
    user = full_moderator("A", "a@example.org")
    login_as(user=user)

    page = client.get("/me/data").get_data(as_text=True)

    for shown in (
        "AyşeA",
        "040 A 123",
        "Notiz A",
        "Reise A",
        "Durchgang A",
        "Bericht A",
        "Tätigkeit A",
        "Betreff A",
        "a@example.org",
        "Eigene Daten abgerufen",
    ):
        assert shown in page
    assert 'href="/me/data.json"' in page


def test_own_profile_links_to_the_data_page(client, login_as):
    login_as("moderator")

    assert 'href="/me/data"' in client.get("/me").get_data(as_text=True)


def test_only_moderators_have_an_own_data_page(client, login_as):
    login_as("coordinator")
    assert client.get("/me/data").status_code == 403
    assert client.get("/me/data.json").status_code == 403
    login_as("school")
    assert client.get("/me/data.json").status_code == 403


def test_the_export_needs_the_same_statements_however_much_there_is(
    client, login_as, full_moderator, make_held_session, make_report
):
    user = full_moderator("A", "a@example.org")
    moderator_id = user.moderator_id
    login_as(user=user)
    with count_queries() as few:
        assert client.get("/me/data").status_code == 200
    moderator = db.session.get(Moderator, moderator_id)
    for day in (10, 20, 30):
        make_report(make_held_session(days_ago=day + 10, moderators=[moderator]).accepted[0])
        roster.add_absence(moderator, date(2031, 1, day), date(2031, 1, day + 1))
    with count_queries() as many:
        assert client.get("/me/data.json").status_code == 200

    assert len(many) == len(few) == 8  # the user; the profile; the audit entry; training;
    # bookings with reports; activities; mails; audit log
    data = json.loads(client.get("/me/data.json").data)
    assert (len(data["reports"]), len(data["absences"])) == (4, 4)
