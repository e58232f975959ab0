"""Creating, editing and deactivating schools through their form."""

from sqlalchemy import select

from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.schools.models import School
from tests.conftest import district


def school_form(**changes):
    data = {
        "name": "Grundschule am Park",
        "type": "grundschule",
        "district_id": str(district("Wandsbek").id),
        "address": "Parkweg 1, 22041 Hamburg",
        "contact_name": "Herr Yılmaz",
        "contact_email": "sekretariat@gs-park.example.org",
        "contact_phone": "040 123456",
        "notes": "Elternabend meist dienstags",
        "active": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def count_schools() -> int:
    return len(db.session.scalars(select(School)).all())


def test_new_school_form_offers_types_and_districts(client, coordinator):
    text = client.get("/schools/new").text
    assert "Stadtteilschule" in text
    assert "Bergedorf" in text
    assert text.index("Hamburg-Mitte") < text.index("Harburg")  # districts in their usual order


def test_coordinator_creates_a_school_and_sees_its_page(client, coordinator):
    response = client.post("/schools/new", data=school_form(), follow_redirects=True)
    assert response.status_code == 200
    assert "Die Schule ist angelegt." in response.text
    assert "Grundschule am Park" in response.text
    assert "Wandsbek" in response.text
    school = db.session.scalars(select(School)).one()
    assert school.contact_email == "sekretariat@gs-park.example.org"
    assert school.active is True


def test_creating_a_school_writes_an_audit_row(client, coordinator):
    client.post("/schools/new", data=school_form())
    school = db.session.scalars(select(School)).one()
    entry = db.session.scalars(select(AuditLog).filter_by(action="school.create")).one()
    assert entry.object_id == school.id
    assert entry.actor_id == coordinator.id


def test_missing_name_gives_the_form_back_with_the_error_next_to_it(client, coordinator):
    response = client.post("/schools/new", data=school_form(name="  "))
    assert response.status_code == 200
    assert "Bitte prüfen Sie die markierten Angaben." in response.text
    assert 'id="name-error"' in response.text
    assert count_schools() == 0


def test_invalid_contact_email_is_marked_and_nothing_saved(client, coordinator):
    response = client.post("/schools/new", data=school_form(contact_email="kein-at-zeichen"))
    assert response.status_code == 200
    assert 'id="contact_email-error"' in response.text
    assert 'value="kein-at-zeichen"' in response.text  # what was typed stays in the field
    assert count_schools() == 0


def test_contact_email_may_be_left_empty(client, coordinator):
    client.post("/schools/new", data=school_form(contact_email=""))
    assert db.session.scalars(select(School)).one().contact_email == ""


def test_unknown_district_or_type_is_a_field_error_not_a_crash(client, coordinator):
    response = client.post("/schools/new", data=school_form(district_id="9999", type="uni"))
    assert response.status_code == 200
    assert 'id="district_id-error"' in response.text
    assert 'id="type-error"' in response.text
    response = client.post("/schools/new", data=school_form(district_id="abc"))
    assert response.status_code == 200
    assert 'id="district_id-error"' in response.text
    assert count_schools() == 0


def test_edit_form_shows_the_stored_values(client, coordinator, make_school):
    school = make_school("Stadtteilschule Am See", contact_phone="040 999")
    text = client.get(f"/schools/{school.id}/edit").text
    assert 'value="Stadtteilschule Am See"' in text
    assert 'value="040 999"' in text


def test_coordinator_changes_a_school_and_the_change_is_audited(client, coordinator, make_school):
    school = make_school("Stadtteilschule Am See")
    form = school_form(name="Stadtteilschule Am Seeufer", district_id=str(school.district_id))
    response = client.post(f"/schools/{school.id}/edit", data=form, follow_redirects=True)
    assert "Die Änderungen sind gespeichert." in response.text
    assert "Stadtteilschule Am Seeufer" in response.text
    entry = db.session.scalars(select(AuditLog).filter_by(action="school.update")).one()
    assert "name" in entry.details["changed"]
    assert "district_id" not in entry.details["changed"]


def test_invalid_edit_leaves_the_school_unchanged(client, coordinator, make_school):
    school = make_school("Stadtteilschule Am See")
    response = client.post(f"/schools/{school.id}/edit", data=school_form(name=""))
    assert 'id="name-error"' in response.text
    db.session.expire_all()
    assert db.session.get(School, school.id).name == "Stadtteilschule Am See"


def test_unticking_active_deactivates_the_school_without_deleting_it(
    client, coordinator, make_school
):
    school = make_school("Kita Regenbogen", type="kita")
    form = school_form(name="Kita Regenbogen", type="kita", active=None)
    client.post(f"/schools/{school.id}/edit", data=form)
    db.session.expire_all()
    assert db.session.get(School, school.id).active is False
    assert "Kita Regenbogen" not in client.get("/schools").text
    assert "Kita Regenbogen" in client.get("/schools?status=inactive").text
    detail = client.get(f"/schools/{school.id}").text
    assert "Diese Schule ist deaktiviert." in detail
    entry = db.session.scalars(select(AuditLog).filter_by(action="school.update")).one()
    assert entry.details["active"] is False


def test_unknown_school_is_not_found(client, coordinator):
    assert client.get("/schools/4711").status_code == 404
    assert client.get("/schools/4711/edit").status_code == 404
