"""A moderator logs activities outside sessions (counselling, accompaniment, ...) in the logbook."""

from datetime import timedelta

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook import services
from moderators.logbook.models import Activity
from tests.conftest import language


def activity_form(**changes):
    data = {
        "type": "counselling",
        "held_on": (local_today() - timedelta(days=1)).isoformat(),
        "duration_minutes": "75",
        "languages": [str(language("tr").id)],
        "people_reached": "3",
        "notes": "Familie mit zwei Kindern",
    }
    return data | changes


def activities_of(moderator):
    return list(db.session.scalars(db.select(Activity).filter_by(moderator_id=moderator.id)))


def log(moderator, **fields):
    values = {"type": "accompaniment", "held_on": local_today(), "duration_minutes": 60}
    return services.log_activity(moderator, **(values | fields))


def test_moderator_logs_an_activity_and_sees_it_in_the_logbook(client, login_as):
    moderator = login_as("moderator").moderator
    assert "Tätigkeit eintragen" in client.get("/me/logbook").text
    form_page = client.get("/me/activities/new").text
    assert "Einzelberatung" in form_page and f'value="{local_today().isoformat()}"' in form_page
    response = client.post("/me/activities/new", data=activity_form())
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/logbook")
    (activity,) = activities_of(moderator)
    assert (activity.type, activity.duration_minutes, activity.people_reached) == (
        "counselling",
        75,
        3,
    )
    assert [lang.code for lang in activity.languages] == ["tr"]
    activities = client.get("/me/logbook").text.split('id="activities-heading"')[1]
    assert "Einzelberatung" in activities and "eingereicht" in activities
    assert "3 Personen erreicht" in activities


def test_a_date_in_the_future_is_refused_next_to_the_field(client, login_as):
    moderator = login_as("moderator").moderator
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    page = client.post("/me/activities/new", data=activity_form(held_on=tomorrow))
    assert page.status_code == 200
    assert "in der Zukunft" in page.text.split('id="held_on-error"')[1]
    assert "Familie mit zwei Kindern" in page.text and f'value="{tomorrow}"' in page.text
    assert activities_of(moderator) == []


def test_duration_must_be_given_and_at_most_ten_hours(client, login_as):
    moderator = login_as("moderator").moderator
    for duration in ("", "0", "601"):
        page = client.post("/me/activities/new", data=activity_form(duration_minutes=duration))
        assert 'id="duration_minutes-error"' in page.text
    assert activities_of(moderator) == []


def test_editing_a_returned_activity_resubmits_it(client, login_as):
    moderator = login_as("moderator").moderator
    activity = log(moderator)
    services.return_activity(activity, "Bitte die Dauer korrigieren.")
    page = client.get(f"/activities/{activity.id}/edit").text
    assert "Bitte die Dauer korrigieren." in page.split('class="form card logbook-form"')[0]
    response = client.post(
        f"/activities/{activity.id}/edit",
        data=activity_form(type="accompaniment", duration_minutes="90", languages=[]),
    )
    assert response.status_code == 302
    db.session.refresh(activity)
    assert activity.status == "submitted" and activity.duration_minutes == 90
    assert activity.languages == []


def test_an_approved_activity_is_read_only(client, login_as):
    moderator = login_as("moderator").moderator
    activity = log(moderator)
    services.approve_activity(activity)
    page = client.get(f"/activities/{activity.id}/edit").text
    assert "kann nicht mehr geändert werden" in page and 'name="duration_minutes"' not in page
    client.post(f"/activities/{activity.id}/edit", data=activity_form(duration_minutes="300"))
    db.session.refresh(activity)
    assert activity.duration_minutes == 60
    assert "Aufwandsentschädigung" in client.get("/me/logbook").text


def test_another_moderator_or_a_school_cannot_touch_an_activity(client, login_as, make_moderator):
    owner = make_moderator()
    activity = log(owner, notes="vertraulich")
    for role in ("moderator", "school"):
        login_as(role)
        assert client.get(f"/activities/{activity.id}/edit").status_code == 403
        response = client.post(f"/activities/{activity.id}/edit", data=activity_form())
        assert response.status_code == 403
        assert client.get(f"/moderators/{owner.id}/activities/new").status_code == 403
    db.session.refresh(activity)
    assert activity.type == "accompaniment" and activity.notes == "vertraulich"


def test_coordinator_logs_an_activity_on_behalf_of_a_moderator(client, login_as, make_moderator):
    coordinator = login_as("coordinator")
    moderator = make_moderator(first_name="Hamid", last_name="Karimi")
    url = f"/moderators/{moderator.id}/activities/new"
    assert "für Hamid Karimi ein" in client.get(url).text
    response = client.post(url, data=activity_form(type="network_event"))
    assert response.headers["Location"].endswith(f"/moderators/{moderator.id}")
    (activity,) = activities_of(moderator)
    assert activity.type == "network_event" and activity.created_by_id == coordinator.id
