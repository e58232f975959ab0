"""The coordinator's candidates page for a request, scheduling from it, and who may."""

import re
from datetime import time, timedelta

import pytest

from moderators.common.models import utcnow
from moderators.common.timezone import local_datetime, local_today, to_local
from moderators.extensions import db
from moderators.notifications.models import OutboxMail
from moderators.roster.models import Absence
from moderators.scheduling import services
from moderators.scheduling.holidays import holiday_on
from moderators.scheduling.models import InfoSession, SessionRequest
from tests.conftest import count_queries, next_weekday_at


def names_in_order(page, *names):
    positions = [page.index(name) for name in names]
    return positions == sorted(positions)


# The candidates page --------------------------------------------------------------------


@pytest.fixture
def pool(make_moderator, make_session):
    """Speakers of Turkish around a request on Monday 17:00–18:30 at a school in Altona."""
    start = next_weekday_at(0, 17)
    monday = to_local(start).date()
    absent = make_moderator("Aylin", "Abwesend", districts=("Altona",))
    absent.absences.append(Absence(starts_on=monday, ends_on=monday, note="Urlaub"))
    busy = make_moderator("Burak", "Beschäftigt", districts=("Altona",))
    services.add_assignment(make_session(starts_at=start), busy, "assign")
    return {
        "start": start,
        "near": make_moderator("Nilay", "Nahbei", districts=("Altona",)),
        "far": make_moderator("Ferhat", "Fernab", districts=("Bergedorf",)),
        "paused": make_moderator("Pelin", "Pausiert", status="paused"),
        "absent": absent,
        "busy": busy,
        "unavailable": make_moderator("Umut", "Unpassend", availability=((1, time(9), time(12)),)),
        "other_language": make_moderator("Olga", "Andere", languages=(("ru", "native"),)),
    }


def test_candidates_page_ranks_and_explains_near_misses(client, coordinator, make_request, pool):
    request = make_request(starts=[pool["start"]])

    page = client.get(f"/requests/{request.id}").text

    candidates = page[page.index("Kandidat*innen für diesen Termin") : page.index("Sprechen die")]
    assert names_in_order(candidates, "Nahbei, Nilay", "Fernab, Ferhat")
    assert candidates.count("im Bezirk") == 1
    near_row, far_row = candidates.split("Fernab, Ferhat")
    assert "Altona" in near_row and "Bergedorf" in far_row and "Bergedorf" not in near_row
    assert "noch keine" in candidates
    near_misses = page[page.index("Sprechen die Sprache") :]
    for label, name in [
        ("nicht aktiv (pausiert, in Qualifizierung oder ausgeschieden)", "Pausiert, Pelin"),
        ("abwesend", "Abwesend, Aylin"),
        ("zu dieser Zeit schon eingeplant", "Beschäftigt, Burak"),
        ("außerhalb der Zeiten, in denen sie oder er kann", "Unpassend, Umut"),
    ]:
        assert label in near_misses
        assert near_misses.index(label) < near_misses.index(name)
    assert "Andere, Olga" not in page


def test_candidates_page_shows_sessions_of_the_last_90_days(
    client, coordinator, make_request, make_moderator, make_session
):
    moderator = make_moderator("Nilay", "Nahbei")
    held = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=1))
    services.add_assignment(held, moderator, "assign")
    last = utcnow() - timedelta(days=10)
    for row in (held, held.assignments[0]):
        row.starts_at, row.ends_at = last, last + timedelta(minutes=90)
    db.session.commit()
    request = make_request()

    page = client.get(f"/requests/{request.id}").text

    row = page[page.index("Nahbei, Nilay") :]
    row = row[: row.index("</tr>")]
    assert re.search(r">\s*1\s*<", row)
    assert to_local(last).strftime("%Y") in row and "noch keine" not in row


def test_candidates_page_warns_of_school_holidays(client, coordinator, make_request, app):
    with app.test_request_context():
        today = local_today()
        day = next(
            today + timedelta(days=n)
            for n in range(2, 400)
            if holiday_on(today + timedelta(days=n))
        )
        name = holiday_on(day)
    request = make_request(starts=[local_datetime(day, time(17))])

    page = client.get(f"/requests/{request.id}").text

    assert "Ferien oder Feiertag in Hamburg" in page and name in page
    assert "Ferien oder Feiertag" in client.get("/requests").text


def test_candidates_page_query_count_does_not_grow_with_the_pool(
    client, coordinator, make_request, make_moderator, make_session
):
    start = next_weekday_at(0, 17)

    def speakers(n):
        for i in range(n):
            moderator = make_moderator(
                status=("active", "paused")[i % 2 == 1 and i % 3 == 0],
                districts=(("Altona",), ("Bergedorf", "Harburg"))[i % 2],
            )
            if i % 5 == 0:
                monday = to_local(start).date()
                moderator.absences.append(Absence(starts_on=monday, ends_on=monday))
                db.session.commit()
            if i % 7 == 3 and moderator.status == "active":
                services.add_assignment(make_session(starts_at=start), moderator, "offer")

    def queries_for(request_id):
        with count_queries() as statements:
            assert client.get(f"/requests/{request_id}").status_code == 200
        return len(statements)

    slots = [start, next_weekday_at(2, 17), next_weekday_at(3, 17)]
    speakers(5)
    request = make_request(starts=slots)
    few = queries_for(request.id)
    speakers(35)
    assert queries_for(request.id) == few


# Scheduling from the candidates page ----------------------------------------------------


def test_scheduling_offers_the_session_to_the_chosen(
    client, coordinator, make_request, make_moderator
):
    first, second = make_moderator(), make_moderator()
    request = make_request(starts=[next_weekday_at(0, 17), next_weekday_at(0, 18)])
    slot = request.slots[1]

    response = client.post(
        f"/requests/{request.id}/schedule",
        data={"slot": slot.id, "moderator_ids": [first.id, second.id], "mode": "offer"},
    )

    session = db.session.scalar(db.select(InfoSession))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sessions/{session.id}")
    assert session.starts_at == slot.starts_at and request.status == "scheduled"
    assert [(a.moderator_id, a.status) for a in session.assignments] == [
        (first.id, "offered"),
        (second.id, "offered"),
    ]
    recipients = set(db.session.scalars(db.select(OutboxMail.recipient)))
    assert {first.email, second.email} <= recipients
    assert "2 Personen angeboten" in client.get(response.headers["Location"]).text


def test_scheduling_can_assign_one_person_directly(
    client, coordinator, make_request, make_moderator
):
    moderator = make_moderator()
    request = make_request()

    response = client.post(
        f"/requests/{request.id}/schedule",
        data={"slot": request.slots[0].id, "moderator_ids": [moderator.id], "mode": "assign"},
    )

    assert response.status_code == 302
    session = db.session.scalar(db.select(InfoSession))
    assert [a.status for a in session.assignments] == ["accepted"]
    assert "1 von 1 zugesagt" in client.get(response.headers["Location"]).text


def test_assigning_someone_already_booked_shows_the_conflict_and_saves_nothing(
    client, coordinator, make_request, make_moderator, make_session
):
    moderator = make_moderator("Burak", "Beschäftigt")
    start = next_weekday_at(0, 17)
    services.add_assignment(make_session(starts_at=start), moderator, "assign")
    request = make_request(starts=[start])

    response = client.post(
        f"/requests/{request.id}/schedule",
        data={"slot": request.slots[0].id, "moderator_ids": [moderator.id], "mode": "assign"},
    )

    assert response.status_code == 200
    assert "Burak Beschäftigt hat zu dieser Zeit schon eine andere Veranstaltung." in response.text
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(InfoSession.id))) == 1
    assert db.session.get(SessionRequest, request.id).status == "open"


def test_scheduling_needs_a_choice_and_assigns_only_one(
    client, coordinator, make_request, make_moderator
):
    first, second = make_moderator(), make_moderator()
    request = make_request()
    slot_id = request.slots[0].id

    nobody = client.post(f"/requests/{request.id}/schedule", data={"slot": slot_id})
    two = client.post(
        f"/requests/{request.id}/schedule",
        data={"slot": slot_id, "moderator_ids": [first.id, second.id], "mode": "assign"},
    )
    bad_slot = client.post(
        f"/requests/{request.id}/schedule", data={"slot": "0", "moderator_ids": [first.id]}
    )

    assert "Bitte wählen Sie mindestens eine Person." in nobody.text
    assert "Direkt einteilen können Sie nur eine Person." in two.text
    assert bad_slot.status_code == 302
    assert db.session.scalar(db.select(InfoSession)) is None


def test_marking_a_request_unfilled_needs_a_reason_and_tells_the_school(
    client, coordinator, make_request, make_school
):
    school = make_school(contact_email="sekretariat@schule.example.org")
    request = make_request(school=school)

    without_reason = client.post(f"/requests/{request.id}/unfilled", data={"reason": " "})
    assert without_reason.status_code == 200 and 'id="reason-error"' in without_reason.text
    assert request.status == "open"

    response = client.post(
        f"/requests/{request.id}/unfilled", data={"reason": "Zu dieser Zeit kann niemand."}
    )

    assert response.status_code == 302
    assert db.session.get(SessionRequest, request.id).status == "unfilled"
    recipients = db.session.scalars(db.select(OutboxMail.recipient)).all()
    assert "sekretariat@schule.example.org" in recipients
    again = client.post(f"/requests/{request.id}/unfilled", data={"reason": "Noch einmal"})
    assert "Diese Anfrage ist nicht mehr offen." in again.text


def test_a_scheduled_request_shows_its_session_and_no_candidates(
    client, coordinator, make_request, make_moderator
):
    moderator = make_moderator("Nilay", "Nahbei")
    request = make_request()
    session = services.schedule_request(
        request, request.slots[0].starts_at, [moderator.id], "offer"
    )

    page = client.get(f"/requests/{request.id}").text

    assert f"/sessions/{session.id}" in page and "eingeplant" in page
    assert "Zu dieser Zeit einplanen" not in page


# Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["moderator", "school"])
def test_only_coordinators_see_requests(client, login_as, make_request, role):
    request = make_request()
    login_as(role)
    assert client.get("/requests").status_code == 403
    assert client.get(f"/requests/{request.id}").status_code == 403
    assert client.post(f"/requests/{request.id}/unfilled", data={"reason": "x"}).status_code == 403
    assert client.post(f"/requests/{request.id}/schedule").status_code == 403
    assert request.status == "open"


def test_unknown_request_is_404(client, coordinator):
    assert client.get("/requests/999999").status_code == 404
    assert client.get("/requests/99999999999").status_code == 404


def test_unknown_people_and_times_are_refused_without_an_error(client, coordinator, make_request):
    request = make_request()
    slot_id = request.slots[0].id

    for moderator_id in (424242, 99999999999):
        response = client.post(
            f"/requests/{request.id}/schedule",
            data={"slot": slot_id, "moderator_ids": [moderator_id], "mode": "offer"},
        )
        assert response.status_code == 200 and "Unbekannte Moderator*in." in response.text
    wrong_slot = client.post(
        f"/requests/{request.id}/schedule", data={"slot": 99999999999, "moderator_ids": [1]}
    )
    assert wrong_slot.status_code == 302
    assert db.session.scalar(db.select(InfoSession)) is None
