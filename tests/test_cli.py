"""The flask commands named in the issues: seed, users create, users token, translate check."""

from moderators.auth.models import User
from moderators.auth.signed_in import user_for_api_token
from moderators.common.models import District
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.topics.models import Topic


def test_seed_loads_26_languages_7_districts_and_topics_and_can_run_again(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    second = runner.invoke(args=["seed"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert db.session.scalar(db.select(db.func.count(Language.id))) == 26
    assert db.session.scalar(db.select(db.func.count(District.id))) == 7
    assert db.session.scalar(db.select(db.func.count(Topic.id))) >= 6
    assert "0 languages" in second.output


def test_seed_keeps_a_coordinators_rename(app):
    dari = db.session.scalar(db.select(Language).filter_by(code="fa-AF"))
    dari.name_de = "Dari (Afghanistan)"
    db.session.commit()
    app.test_cli_runner().invoke(args=["seed"])
    db.session.refresh(dari)
    assert dari.name_de == "Dari (Afghanistan)"


def test_users_create_links_a_moderator_account(app, make_moderator):
    moderator = make_moderator()
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            "M@example.org",
            "--role",
            "moderator",
            "--password",
            "ein sehr langes passwort",
            "--moderator-id",
            str(moderator.id),
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).filter_by(email="m@example.org"))
    assert user.moderator_id == moderator.id
    assert user.check_password("ein sehr langes passwort")


def test_users_create_refuses_a_short_password_and_a_duplicate(app, make_user):
    runner = app.test_cli_runner()
    short = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.org",
            "--role",
            "coordinator",
            "--password",
            "kurz",
        ]
    )
    assert short.exit_code != 0
    make_user("coordinator", email="b@example.org")
    duplicate = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "b@example.org",
            "--role",
            "coordinator",
            "--password",
            "ein sehr langes passwort",
        ]
    )
    assert duplicate.exit_code != 0 and "schon ein Konto" in duplicate.output


def test_users_token_prints_a_token_that_replaces_the_old_one(app, make_user):
    user = make_user("coordinator", email="api@example.org")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["users", "token", "api@example.org"]).output.strip()
    second = runner.invoke(args=["users", "token", "api@example.org"]).output.strip()
    assert user_for_api_token(first) is None
    assert user_for_api_token(second).id == user.id


def test_translate_check_passes_when_german_and_english_are_complete(app):
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
