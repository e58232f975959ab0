"""The school services on their own, as the JSON API will use them: rules and the audit log."""

import pytest
from sqlalchemy import select

from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.schools.models import School
from moderators.schools.services import SchoolError, create_school, update_school
from tests.conftest import district


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_create_school_stores_clean_values_and_records_it():
    school = create_school(
        name="  Kita Pusteblume ",
        type="kita",
        district_id=district("Bergedorf").id,
        contact_email=" kita@pusteblume.example ",
    )
    assert school.name == "Kita Pusteblume"
    assert school.contact_email == "kita@pusteblume.example"
    assert school.district.name == "Bergedorf"
    assert audit_actions() == ["school.create"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"type": "universitaet"}, "type"),
        ({"district_id": 99999}, "district_id"),
        ({"contact_email": "keine-adresse"}, "contact_email"),
        ({"contact_phone": "0" * 61}, "contact_phone"),
    ],
)
def test_broken_rules_name_the_field_and_save_nothing(app, changes, field):
    fields = {"name": "Schule", "type": "gymnasium", "district_id": district("Altona").id}
    with pytest.raises(SchoolError) as raised:
        create_school(**(fields | changes))
    assert raised.value.field == field
    with app.test_request_context(headers={"Accept-Language": "de"}):
        assert str(raised.value).startswith(("Bitte", "Höchstens"))  # a message for a person
    db.session.rollback()
    assert db.session.scalars(select(School)).first() is None
    assert audit_actions() == []


def test_update_reports_and_records_only_what_changed(make_school):
    school = make_school("Gymnasium Altona", type="gymnasium")
    changed = update_school(
        school, name="Gymnasium Altona", district_id=district("Eimsbüttel").id, active=False
    )
    assert changed == ["district_id", "active"]
    assert school.district.name == "Eimsbüttel"
    entry = db.session.scalars(select(AuditLog).filter_by(action="school.update")).one()
    assert entry.details == {"changed": ["district_id", "active"], "active": False}


def test_update_without_changes_writes_no_audit_row(make_school):
    school = make_school("Gymnasium Altona")
    assert update_school(school, name="Gymnasium Altona") == []
    assert audit_actions() == []


def test_update_rejects_fields_a_school_does_not_have(make_school):
    with pytest.raises(TypeError):
        update_school(make_school(), id=5)
