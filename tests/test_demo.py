"""Demo data: a believable, repeatable pool and sign-in accounts that work."""

import random
from datetime import date

from sqlalchemy import func, select

from moderators.auth.models import User
from moderators.demo import (
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    MODERATOR_EMAIL,
    SCHOOL_EMAIL,
    demo_moderators,
    demo_schools,
    load_demo_data,
)
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.schools.models import School

TODAY = date(2025, 3, 14)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_same_seed_gives_the_same_pool_and_another_seed_another():
    first = demo_moderators(random.Random(7), TODAY), demo_schools(random.Random(7))
    again = demo_moderators(random.Random(7), TODAY), demo_schools(random.Random(7))
    other = demo_moderators(random.Random(8), TODAY)
    assert first == again
    assert [p["last_name"] for p in other] != [p["last_name"] for p in first[0]]


def test_the_pool_looks_like_hamburgs():
    people = demo_moderators(random.Random(2007), TODAY)
    assert len({p["email"] for p in people}) == len(people)
    native = [code for p in people for code, level in p["languages"] if level == "native"]
    assert native.count("tr") > native.count("ti")
    assert native.count("ar") > native.count("hy")
    for person in people:
        assert 1 <= len(person["languages"]) <= 3
        assert person["languages"][0][1] == "native"
        assert 1 <= len(person["districts"]) <= 3
        assert 1 <= len(person["availability"]) <= 4
        for weekday, starts_at, ends_at in person["availability"]:
            assert 0 <= weekday <= 5 and starts_at < ends_at
            assert starts_at.minute in (0, 30) and ends_at.minute in (0, 30)
        assert person["phone"].startswith(("040 ", "01"))
        for starts_on, ends_on, _note in person["absences"]:
            assert starts_on <= ends_on


def test_schools_have_unique_names_and_hamburg_addresses():
    schools = demo_schools(random.Random(2007))
    assert len({s["name"] for s in schools}) == len(schools) == 80
    assert all(s["address"].endswith(" Hamburg") for s in schools)
    assert {s["district"] for s in schools} == {
        "Hamburg-Mitte",
        "Altona",
        "Eimsbüttel",
        "Hamburg-Nord",
        "Wandsbek",
        "Bergedorf",
        "Harburg",
    }


def test_load_demo_data_fills_an_empty_database_once(app):
    summary = load_demo_data(2007)
    assert summary == {"moderators": 150, "schools": 80, "accounts": 3}
    assert count(Moderator) == 150 and count(School) == 80
    moderators = db.session.scalars(select(Moderator)).all()
    assert all(m.languages and m.districts and m.availability for m in moderators)
    assert sum(m.status == "active" for m in moderators) > 100

    accounts = {u.email: u for u in db.session.scalars(select(User))}
    for email in (COORDINATOR_EMAIL, MODERATOR_EMAIL, SCHOOL_EMAIL):
        assert accounts[email].check_password(DEMO_PASSWORD)
        assert accounts[email].is_active
    assert accounts[MODERATOR_EMAIL].moderator.status == "active"
    assert accounts[SCHOOL_EMAIL].school is not None

    assert load_demo_data(2007) is None
    assert count(Moderator) == 150 and count(School) == 80 and count(User) == 3


def test_the_coordinator_signs_in_with_the_demo_password(app, client):
    load_demo_data(3)
    response = client.post("/login", data={"email": COORDINATOR_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_data_command_prints_the_coordinator_login(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo-data", "--seed", "11"])
    assert result.exit_code == 0, result.output
    assert "150 moderators, 80 schools, 3 accounts created." in result.output
    assert f"{COORDINATOR_EMAIL} / {DEMO_PASSWORD}" in result.output

    result = runner.invoke(args=["demo-data"])
    assert "already holds moderators" in result.output
    assert count(Moderator) == 150
