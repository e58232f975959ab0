"""A school files a request: times in Hamburg time, venue, validation next to the fields."""

from datetime import time, timedelta

from moderators.common.timezone import local_datetime, local_today
from moderators.extensions import db
from moderators.scheduling.holidays import holiday_on
from moderators.scheduling.models import SessionRequest
from tests.conftest import district, next_weekday_at
from tests.school_requests.conftest import next_christmas, slot_fields


def saved_requests():
    return list(db.session.scalars(db.select(SessionRequest).order_by(SessionRequest.id)))


def test_the_form_offers_active_languages_and_topics(client, login_as):
    login_as("school")
    response = client.get("/school/requests/new")
    assert response.status_code == 200
    assert "Türkisch" in response.text
    assert "Die Veranstaltung darf öffentlich angekündigt werden" in response.text


def test_a_request_with_one_time_is_held_at_the_school(client, login_as, request_form):
    user = login_as("school")
    response = client.post("/school/requests/new", data=request_form())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/school/requests")
    (saved,) = saved_requests()
    assert saved.school_id == user.school.id
    assert [slot.starts_at for slot in saved.slots] == [next_weekday_at(1, 18)]
    assert saved.venue_name == user.school.name
    assert saved.venue_address == user.school.address
    assert saved.district_id == user.school.district_id
    assert saved.duration_minutes == 90 and saved.expected_parents == 25
    assert saved.public is False
    page = client.get("/school/requests")
    assert "Ihre Anfrage ist eingegangen" in page.text
    assert "Türkisch" in page.text and "offen" in page.text


def test_a_request_with_three_times_keeps_all_three(client, login_as, request_form):
    login_as("school")
    times = [next_weekday_at(1, 18), next_weekday_at(2, 9, 30), next_weekday_at(3, 17, 15)]
    data = request_form(**slot_fields(2, times[1]), **slot_fields(3, times[2]), public="y")
    assert client.post("/school/requests/new", data=data).status_code == 302
    (saved,) = saved_requests()
    assert [slot.starts_at for slot in saved.slots] == sorted(times)
    assert saved.public is True


def test_the_time_entered_is_hamburg_time(client, login_as, request_form):
    login_as("school")
    day = local_today() + timedelta(days=30)
    data = request_form(start_date_1=day.isoformat(), start_time_1="17:30")
    assert client.post("/school/requests/new", data=data).status_code == 302
    (saved,) = saved_requests()
    assert saved.slots[0].starts_at == local_datetime(day, time(17, 30))


def test_a_request_at_another_place(client, login_as, request_form):
    login_as("school")
    data = request_form(
        venue="elsewhere",
        venue_name="Bücherhalle Wilhelmsburg",
        venue_address="Vogelhüttendeich 45, 21107 Hamburg",
        district_id=district("Hamburg-Mitte").id,
    )
    assert client.post("/school/requests/new", data=data).status_code == 302
    (saved,) = saved_requests()
    assert saved.venue_name == "Bücherhalle Wilhelmsburg"
    assert saved.venue_address == "Vogelhüttendeich 45, 21107 Hamburg"
    assert saved.district.name == "Hamburg-Mitte"


def test_another_place_needs_name_address_and_district(client, login_as, request_form):
    login_as("school")
    response = client.post("/school/requests/new", data=request_form(venue="elsewhere"))
    assert response.status_code == 200
    assert "Bitte geben Sie den Namen des Ortes an." in response.text
    assert "Bitte geben Sie die Adresse an." in response.text
    assert "Bitte wählen Sie den Bezirk." in response.text
    assert saved_requests() == []


def test_a_place_typed_in_while_at_school_is_chosen_is_not_dropped_silently(
    client, login_as, request_form
):
    login_as("school")
    response = client.post("/school/requests/new", data=request_form(venue_name="Turnhalle"))
    assert response.status_code == 200
    assert "Sie haben einen anderen Ort eingetragen" in response.text
    assert saved_requests() == []


def error_next_to(html: str, field_id: str, message: str) -> bool:
    return f'<p class="field__error" id="{field_id}-error">{message}</p>' in html


def test_without_a_time_the_form_comes_back(client, login_as, request_form):
    login_as("school")
    response = client.post(
        "/school/requests/new", data=request_form(start_date_1="", start_time_1="")
    )
    assert response.status_code == 200
    assert error_next_to(response.text, "start_date_1", "Bitte geben Sie ein Datum an.")
    assert error_next_to(response.text, "start_time_1", "Bitte geben Sie eine Uhrzeit an.")
    assert "Bitte prüfen Sie die markierten Angaben." in response.text
    assert saved_requests() == []


def test_a_time_in_the_past_is_refused_next_to_the_date(client, login_as, request_form):
    login_as("school")
    yesterday = local_today() - timedelta(days=1)
    response = client.post(
        "/school/requests/new", data=request_form(start_date_1=yesterday.isoformat())
    )
    assert response.status_code == 200
    message = "Dieser Termin liegt in der Vergangenheit."
    assert error_next_to(response.text, "start_date_1", message)
    assert saved_requests() == []


def test_a_half_filled_second_or_third_time_is_an_error_next_to_it(client, login_as, request_form):
    login_as("school")
    second = next_weekday_at(2, 18)
    data = request_form(
        start_date_2=slot_fields(2, second)["start_date_2"],
        start_time_3="18:00",
    )
    response = client.post("/school/requests/new", data=data)
    assert response.status_code == 200
    assert error_next_to(response.text, "start_time_2", "Bitte geben Sie auch eine Uhrzeit an.")
    assert error_next_to(response.text, "start_date_3", "Bitte geben Sie auch ein Datum an.")
    assert saved_requests() == []


def test_the_same_time_twice_is_pointed_out(client, login_as, request_form):
    login_as("school")
    data = request_form(**slot_fields(2, next_weekday_at(1, 18)))
    response = client.post("/school/requests/new", data=data)
    assert error_next_to(response.text, "start_date_2", "Diesen Termin haben Sie schon angegeben.")
    assert saved_requests() == []


def test_duration_outside_30_to_240_minutes_is_refused(client, login_as, request_form):
    login_as("school")
    message = "Die Dauer muss zwischen 30 und 240 Minuten liegen."
    for minutes in ("20", "300"):
        response = client.post("/school/requests/new", data=request_form(duration_minutes=minutes))
        assert response.status_code == 200
        assert error_next_to(response.text, "duration_minutes", message)
    response = client.post("/school/requests/new", data=request_form(duration_minutes="lang"))
    assert response.status_code == 200
    assert 'id="duration_minutes-error"' in response.text
    assert saved_requests() == []


def test_language_and_topic_must_be_chosen(client, login_as, request_form):
    login_as("school")
    response = client.post("/school/requests/new", data=request_form(language_id="", topic_id=""))
    assert error_next_to(response.text, "language_id", "Bitte wählen Sie eine Sprache.")
    assert error_next_to(response.text, "topic_id", "Bitte wählen Sie ein Thema.")
    response = client.post("/school/requests/new", data=request_form(language_id="999999"))
    assert response.status_code == 200
    assert 'id="language_id-error"' in response.text
    assert saved_requests() == []


def test_a_date_on_a_holiday_is_saved_with_a_warning(client, login_as, request_form):
    login_as("school")
    christmas = next_christmas()
    data = request_form(start_date_1=christmas.isoformat(), start_time_1="17:00")
    response = client.post("/school/requests/new", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert len(saved_requests()) == 1
    assert "Ihre Anfrage ist eingegangen" in response.text
    assert "ist in Hamburg ein Ferien- oder Feiertag" in response.text
    assert "Erster Weihnachtstag" in response.text
    # The list keeps the warning next to the time.
    assert "Ferien/Feiertag: Erster Weihnachtstag" in client.get("/school/requests").text


def test_english_readers_get_the_holiday_in_english(client, login_as, request_form):
    login_as("school", locale="en")
    data = request_form(start_date_1=next_christmas().isoformat(), start_time_1="17:00")
    response = client.post("/school/requests/new", data=data, follow_redirects=True)
    assert "Christmas Day" in response.text


def test_an_ordinary_day_brings_no_warning(client, login_as, request_form):
    login_as("school")
    day = local_today() + timedelta(days=1)
    while holiday_on(day) or day.weekday() >= 5:
        day += timedelta(days=1)
    data = request_form(start_date_1=day.isoformat(), start_time_1="17:00")
    response = client.post("/school/requests/new", data=data, follow_redirects=True)
    assert "Ihre Anfrage ist eingegangen" in response.text
    assert "Ferien- oder Feiertag" not in response.text
    assert "Ferien/Feiertag" not in response.text


def test_the_form_library_s_own_messages_follow_the_reader_s_language(
    client, login_as, request_form
):
    """WTForms' messages (here: not a whole number) come from its catalog, in each language."""
    login_as("school")
    response = client.post("/school/requests/new", data=request_form(expected_parents="viele"))
    assert "Keine gültige, ganze Zahl." in response.text
    client.post("/language", data={"locale": "tr", "next": "/school/requests/new"})
    response = client.post("/school/requests/new", data=request_form(expected_parents="viele"))
    assert "Geçerli bir tam sayı değeri değil." in response.text
    assert "Keine gültige, ganze Zahl." not in response.text
