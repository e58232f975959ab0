"""A moderator writes, corrects and follows their session reports at /me/logbook."""

import re

from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import EventReport
from moderators.roster.models import Moderator
from moderators.scheduling import services as scheduling
from tests.conftest import count_queries, language


def report_form(**changes):
    """What a moderator sends for a session that took place; `changes` override fields."""
    data = {
        "took_place": "yes",
        "reason_if_not": "",
        "parents_reached": "18",
        "languages": [str(language("tr").id)],
        "duration_minutes": "95",
        "travel_minutes": "40",
        "topics_covered": "Übergang in Klasse 5",
        "questions": "Wie funktioniert die Anmeldung?",
        "notes": "Raum war zu klein.",
    }
    return data | changes


def report_on(assignment):
    return db.session.scalar(db.select(EventReport).filter_by(assignment_id=assignment.id))


def section(page: str, start: str, end: str | None = None) -> str:
    part = page.split(start)[1]
    return part.split(end)[0] if end else part


def test_moderator_logs_a_report_from_the_sessions_list(client, login_as, make_held_session):
    moderator = login_as("moderator").moderator
    session = make_held_session(days_ago=2, moderators=[moderator], venue_name="Stadtteilhaus")
    assignment = session.accepted[0]
    sessions_page = client.get("/me/sessions").text
    assert f"/assignments/{assignment.id}/report" in sessions_page
    assert "1 Bericht offen" in sessions_page

    form_page = client.get(f"/assignments/{assignment.id}/report")
    assert form_page.status_code == 200
    assert "Stadtteilhaus" in form_page.text and 'inputmode="numeric"' in form_page.text
    response = client.post(f"/assignments/{assignment.id}/report", data=report_form())
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/logbook")

    report = report_on(assignment)
    assert (report.parents_reached, report.duration_minutes, report.travel_minutes) == (18, 95, 40)
    assert report.questions == "Wie funktioniert die Anmeldung?"
    logbook = client.get("/me/logbook").text
    reports = section(logbook, 'id="reports-heading"', 'id="activities-heading"')
    assert "eingereicht" in reports and "18 Eltern erreicht" in reports
    assert "Alle Berichte sind geschrieben" in logbook
    assert "Bericht: eingereicht" in client.get("/me/sessions").text


def test_due_list_shows_past_sessions_without_report_only(
    client, login_as, make_held_session, make_session, make_report
):
    moderator = login_as("moderator").moderator
    due = make_held_session(days_ago=5, moderators=[moderator], venue_name="Schule Ohne Bericht")
    done = make_held_session(days_ago=8, moderators=[moderator], venue_name="Schule Mit Bericht")
    make_report(done.accepted[0])
    future = make_session(venue_name="Schule In Zukunft")
    scheduling.add_assignment(future, moderator, "assign")
    page = client.get("/me/logbook").text
    due_part = section(page, 'id="due-heading"', 'id="reports-heading"')
    assert "Schule Ohne Bericht" in due_part and "Bericht schreiben" in due_part
    assert f"/assignments/{due.accepted[0].id}/report" in due_part
    assert "Schule Mit Bericht" not in due_part and "Schule In Zukunft" not in due_part
    assert "Schule Mit Bericht" in section(page, 'id="reports-heading"')


def test_the_session_language_is_preselected(client, login_as, make_held_session):
    moderator = login_as("moderator").moderator
    session = make_held_session(moderators=[moderator], language_code="tr", duration=120)
    page = client.get(f"/assignments/{session.accepted[0].id}/report").text
    checked = re.findall(
        r'<input checked id="languages-\d+" name="languages"[^>]*value="(\d+)"', page
    )
    assert checked == [str(language("tr").id)]
    assert re.search(r'<input [^>]*name="duration_minutes"[^>]*value="120"', page)


def test_validation_errors_are_shown_next_to_the_field_and_input_is_kept(
    client, login_as, make_held_session
):
    moderator = login_as("moderator").moderator
    assignment = make_held_session(moderators=[moderator]).accepted[0]
    url = f"/assignments/{assignment.id}/report"

    page = client.post(url, data=report_form(parents_reached="-3", notes="Bitte aufheben"))
    assert page.status_code == 200
    assert 'id="parents_reached-error"' in page.text and "von 0 bis" in page.text
    assert 'value="-3"' in page.text and "Bitte aufheben" in page.text

    page = client.post(url, data=report_form(took_place="no", reason_if_not=""))
    assert "warum sie nicht stattfand" in page.text.split('id="reason_if_not-error"')[1]

    page = client.post(url, data=report_form(duration_minutes="601"))
    assert "von 0 bis 600" in page.text.split('id="duration_minutes-error"')[1]
    assert 'value="601"' in page.text
    assert report_on(assignment) is None


def test_a_session_that_did_not_take_place_needs_only_the_reason(
    client, login_as, make_held_session
):
    moderator = login_as("moderator").moderator
    assignment = make_held_session(moderators=[moderator]).accepted[0]
    data = report_form(took_place="no", reason_if_not="Schule geschlossen", parents_reached="")
    response = client.post(f"/assignments/{assignment.id}/report", data=data)
    assert response.status_code == 302
    report = report_on(assignment)
    assert not report.took_place and report.reason_if_not == "Schule geschlossen"


def test_editing_a_returned_report_resubmits_it_and_showed_the_comment(
    client, login_as, make_held_session, make_report
):
    moderator = login_as("moderator").moderator
    report = make_report(make_held_session(moderators=[moderator]).accepted[0])
    services.return_report(report, "Bitte die Fahrzeit prüfen.")
    assert "Bitte die Fahrzeit prüfen." in client.get("/me/logbook").text
    page = client.get(f"/reports/{report.id}/edit").text
    assert "Bitte die Fahrzeit prüfen." in page.split('class="form card logbook-form"')[0]

    response = client.post(f"/reports/{report.id}/edit", data=report_form(travel_minutes="25"))
    assert response.status_code == 302
    db.session.refresh(report)
    assert report.status == "submitted" and report.travel_minutes == 25
    assert "wieder zur Prüfung eingereicht" in client.get("/me/logbook").text


def test_an_approved_report_is_read_only(client, login_as, make_held_session, make_report):
    moderator = login_as("moderator").moderator
    report = make_report(make_held_session(moderators=[moderator]).accepted[0])
    services.approve_report(report)
    page = client.get(f"/reports/{report.id}/edit").text
    assert '<form method="post" class="form' not in page
    assert "kann nicht mehr geändert werden" in page
    client.post(f"/reports/{report.id}/edit", data=report_form(parents_reached="99"))
    db.session.refresh(report)
    assert report.parents_reached == 20 and report.status == "approved"
    logbook = client.get("/me/logbook").text
    assert "freigegeben" in logbook and "Aufwandsentschädigung" in logbook
    assert "Bericht ansehen" in logbook


def test_a_session_not_yet_begun_gets_a_message_not_an_error(client, login_as, make_session):
    moderator = login_as("moderator").moderator
    assignment = scheduling.add_assignment(make_session(), moderator, "assign")
    response = client.get(f"/assignments/{assignment.id}/report", follow_redirects=True)
    assert response.status_code == 200
    assert "noch nicht begonnen" in response.text


def test_an_existing_report_opens_for_editing(client, login_as, make_held_session, make_report):
    moderator = login_as("moderator").moderator
    assignment = make_held_session(moderators=[moderator]).accepted[0]
    report = make_report(assignment)
    response = client.get(f"/assignments/{assignment.id}/report")
    assert response.headers["Location"].endswith(f"/reports/{report.id}/edit")


def test_others_cannot_open_or_post_someone_elses_report(
    client, login_as, make_moderator, make_held_session, make_report
):
    owner = make_moderator()
    session = make_held_session(moderators=[owner])
    other = make_held_session(days_ago=6, moderators=[owner]).accepted[0]
    report = make_report(session.accepted[0])
    for role in ("moderator", "school"):
        login_as(role)
        assert client.get(f"/reports/{report.id}/edit").status_code == 403
        assert client.post(f"/reports/{report.id}/edit", data=report_form()).status_code == 403
        assert client.get(f"/assignments/{other.id}/report").status_code == 403
        assert client.post(f"/assignments/{other.id}/report", data=report_form()).status_code == 403
    assert report_on(other) is None
    db.session.refresh(report)
    assert report.parents_reached == 20


def test_coordinator_enters_a_report_on_behalf_of_a_moderator(
    client, login_as, make_moderator, make_held_session
):
    coordinator = login_as("coordinator")
    moderator = make_moderator(first_name="Ayşe", last_name="Yılmaz")
    session = make_held_session(moderators=[moderator])
    url = f"/assignments/{session.accepted[0].id}/report"
    assert "für Ayşe Yılmaz ein" in client.get(url).text
    response = client.post(url, data=report_form())
    assert response.headers["Location"].endswith(f"/sessions/{session.id}")
    report = report_on(session.accepted[0])
    assert report.created_by_id == coordinator.id and report.moderator_id == moderator.id


def logbook_queries(client, moderator_id, make_held_session, make_report, days):
    """The logbook's query count with a report, a report due and an activity on each of `days`
    (two days apart: one session a day)."""
    moderator = db.session.get(Moderator, moderator_id)
    for n in days:
        session = make_held_session(days_ago=2 * n, moderators=[moderator])
        make_report(session.accepted[0])
        make_held_session(days_ago=2 * n + 1, moderators=[moderator])  # still due
        services.log_activity(
            moderator,
            type="counselling",
            held_on=session.starts_at.date(),
            duration_minutes=60,
            languages=[language("tr")],
        )
    with count_queries() as statements:
        response = client.get("/me/logbook")
    assert response.status_code == 200
    return len(statements)


def test_logbook_costs_the_same_queries_for_few_and_many_entries(
    client, login_as, make_held_session, make_report
):
    moderator_id = login_as("moderator").moderator.id
    few = logbook_queries(client, moderator_id, make_held_session, make_report, [1])
    many = logbook_queries(client, moderator_id, make_held_session, make_report, range(2, 8))
    assert few == many
