"""One session as an .ics download, for those who take part in it and nobody else."""

from moderators.scheduling import services
from moderators.scheduling.calendar import download_filename
from tests.calendar.conftest import events, uid


def test_coordinator_downloads_any_session_as_an_attachment(client, login_as, make_session):
    login_as("coordinator")
    session = make_session()
    response = client.get(f"/sessions/{session.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="{download_filename(session)}"'
    assert download_filename(session).startswith("infoveranstaltung-")
    assert list(events(response.data)) == [uid(session)]


def test_moderator_downloads_only_sessions_they_accepted(
    client, login_as, make_session, booked_session, make_moderator
):
    user = login_as("moderator")
    mine = booked_session(user.moderator)
    offered = make_session()
    services.add_assignment(offered, user.moderator, "offer")
    someone_elses = booked_session(make_moderator())
    assert client.get(f"/sessions/{mine.id}.ics").status_code == 200
    assert client.get(f"/sessions/{offered.id}.ics").status_code == 403
    assert client.get(f"/sessions/{someone_elses.id}.ics").status_code == 403


def test_school_downloads_its_own_sessions_without_moderators_contact_data(
    client, login_as, make_school, make_session, make_moderator, booked_session
):
    school = make_school()
    login_as("school", school=school)
    moderator = make_moderator(
        first_name="Ayşe", last_name="Yılmaz", phone="0170 123456", email="ayse@example.org"
    )
    ours = booked_session(moderator, school=school)
    response = client.get(f"/sessions/{ours.id}.ics")
    assert response.status_code == 200
    (event,) = events(response.data).values()
    assert "Moderation: Ayşe" in str(event["DESCRIPTION"])
    for contact in ("Yılmaz", "0170 123456", "ayse@example.org"):
        assert contact.encode() not in response.data
    assert client.get(f"/sessions/{make_session().id}.ics").status_code == 403


def test_unknown_session_gives_404_and_strangers_sign_in_first(client, login_as, make_session):
    session = make_session()
    response = client.get(f"/sessions/{session.id}.ics")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login_as("coordinator")
    assert client.get(f"/sessions/{session.id + 1000}.ics").status_code == 404
