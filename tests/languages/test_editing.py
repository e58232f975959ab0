"""Coordinators add, rename and deactivate languages; every change is in the audit log."""

import pytest
from sqlalchemy import func, select

from moderators.common.audit import AuditLog
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.languages.services import LanguageError, create_language, update_language
from tests.conftest import language


def audit_actions(obj) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditLog.action)
            .where(AuditLog.object_type == "Language", AuditLog.object_id == obj.id)
            .order_by(AuditLog.id)
        )
    )


def test_coordinator_adds_a_language_with_the_direction_from_its_code(client, coordinator):
    response = client.post(
        "/languages/new", data={"code": "ur", "name_de": "Urdu", "direction": "", "active": "y"}
    )
    assert response.status_code == 302
    urdu = language("ur")
    assert (urdu.name_de, urdu.direction, urdu.active) == ("Urdu", "rtl", True)
    entry = db.session.scalars(select(AuditLog).filter_by(action="language.create")).one()
    assert entry.actor_id == coordinator.id
    assert entry.details["code"] == "ur"
    assert "Urdu" in client.get("/languages").text


def test_a_code_typed_in_lower_case_is_written_the_bcp47_way(client, coordinator):
    client.post("/languages/new", data={"code": " sr-latn ", "name_de": "Serbisch (lateinisch)"})
    assert language("sr-Latn").direction == "ltr"


@pytest.mark.parametrize("code", ["Turkish", "t", "tr_tr!", "fa-A", "12", "tr-"])
def test_an_invalid_code_gives_an_error_next_to_the_field(client, coordinator, code):
    response = client.post("/languages/new", data={"code": code, "name_de": "Irgendwas"})
    assert response.status_code == 200
    assert 'id="code-error"' in response.text
    assert "Sprachcode nach BCP 47" in response.text
    assert db.session.scalar(select(func.count()).select_from(Language)) == 26


def test_a_duplicate_code_gives_an_error_next_to_the_field(client, coordinator):
    response = client.post("/languages/new", data={"code": "TR", "name_de": "Noch mal Türkisch"})
    assert response.status_code == 200
    assert 'id="code-error"' in response.text
    assert "Diesen Sprachcode gibt es schon." in response.text
    assert db.session.scalar(select(func.count()).select_from(Language)) == 26


def test_create_language_refuses_a_code_that_exists(app):
    with pytest.raises(LanguageError) as caught:
        create_language("fa-AF", "Dari")
    assert caught.value.field == "code"


def test_coordinator_renames_a_language(client, coordinator):
    romanes = language("rom")
    response = client.post(
        f"/languages/{romanes.id}/edit",
        data={"name_de": "Romani", "direction": "ltr", "active": "y"},
    )
    assert response.status_code == 302
    assert language("rom").name_de == "Romani"
    entry = db.session.scalars(select(AuditLog).filter_by(action="language.update")).one()
    assert entry.details["changes"] == {"name_de": ["Romanes", "Romani"]}


def test_coordinator_deactivates_a_language_and_it_stays_in_the_database(client, coordinator):
    armenian = language("hy")
    response = client.post(
        f"/languages/{armenian.id}/edit", data={"name_de": "Armenisch", "direction": "ltr"}
    )
    assert response.status_code == 302
    assert language("hy").active is False
    assert audit_actions(armenian) == ["language.deactivate"]
    html = client.get("/languages").text
    assert "Inaktive Sprachen" in html


def test_saving_without_changes_writes_no_audit_row(app):
    turkish = language("tr")
    update_language(turkish, "Türkisch", "ltr", True)
    assert audit_actions(turkish) == []


def test_the_edit_form_shows_the_code_but_does_not_change_it(client, coordinator):
    dari = language("fa-AF")
    response = client.get(f"/languages/{dari.id}/edit")
    assert response.status_code == 200
    assert "<code>fa-AF</code>" in response.text
    assert 'name="code"' not in response.text
    client.post(
        f"/languages/{dari.id}/edit",
        data={"code": "prs", "name_de": "Dari", "direction": "rtl", "active": "y"},
    )
    assert language("fa-AF").id == dari.id


def test_editing_an_unknown_language_is_not_found(client, coordinator):
    assert client.get("/languages/99999/edit").status_code == 404


@pytest.mark.parametrize("role", ["moderator", "school"])
@pytest.mark.parametrize("path", ["/languages/new", "/languages/{id}/edit"])
def test_only_coordinators_change_languages(client, login_as, role, path):
    login_as(role)
    url = path.format(id=language("tr").id)
    assert client.get(url).status_code == 403
    assert client.post(url, data={"code": "xx", "name_de": "X"}).status_code == 403
    assert language("tr").name_de == "Türkisch"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/languages/new")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
