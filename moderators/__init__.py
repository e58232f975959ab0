"""The moderators app: parent moderators, schools and information sessions in Hamburg."""

import os
from pathlib import Path

from flask import Flask

from moderators.config import Config, DevelopmentConfig


def create_app(config: type | dict | None = None) -> Flask:
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    configure_settings(app, config)
    configure_extensions(app)
    configure_i18n(app)
    configure_auth(app)
    configure_security(app)
    configure_blueprints(app)
    configure_errorhandlers(app)
    configure_templates(app)
    configure_cli(app)
    return app


def configure_settings(app: Flask, config) -> None:
    if config is None:
        debug = os.environ.get("FLASK_DEBUG", "").lower() in {"1", "true", "yes", "on"}
        config = DevelopmentConfig if debug else Config
    if isinstance(config, dict):
        app.config.from_object(Config)
        app.config.update(config)
    else:
        app.config.from_object(config)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        db_file = Path(app.instance_path) / "moderators.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_file}"
    app.config["SQLALCHEMY_DATABASE_URI"] = _with_driver(app.config["SQLALCHEMY_DATABASE_URI"])
    _postgres_options(app)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set outside development and tests.")


def _with_driver(url: str) -> str:
    """Plain postgresql:// URLs, as hosts hand them out, use psycopg 3, the driver installed."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _postgres_options(app: Flask) -> None:
    """POSTGRES_OPTIONS for every PostgreSQL connection, unless the URL brings its own."""
    from sqlalchemy.engine import make_url

    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    wanted = url.get_backend_name() == "postgresql" and app.config.get("POSTGRES_OPTIONS")
    if not wanted or "options" in url.query:
        return
    engine = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    engine["connect_args"] = {"options": app.config["POSTGRES_OPTIONS"]} | engine.get(
        "connect_args", {}
    )
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine


def configure_extensions(app: Flask) -> None:
    from moderators.common import reading
    from moderators.extensions import csrf, db, limiter, mail, migrate

    db.init_app(app)
    reading.init_app(app, db)  # before any other hook reads the database
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    _import_models()


def _import_models() -> None:
    """Every model module, so that relationships named by string resolve and Alembic sees all."""
    import moderators.auth.models
    import moderators.common.audit
    import moderators.common.models
    import moderators.languages.models
    import moderators.logbook.models
    import moderators.notifications.models
    import moderators.roster.models
    import moderators.scheduling.models
    import moderators.schools.models
    import moderators.topics.models
    import moderators.training.models  # noqa: F401


def configure_i18n(app: Flask) -> None:
    from moderators.extensions import babel
    from moderators.i18n import LocalisedRequest, install_template_gettext, select_locale

    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    app.request_class = LocalisedRequest


def configure_auth(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from moderators.auth import sessions
    from moderators.extensions import login_manager

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Bitte melden Sie sich an, um diese Seite zu sehen.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    sessions.init_app(app)  # the user loader, session versions and timeouts


def configure_security(app: Flask) -> None:
    from moderators.common import security

    security.init_app(app)  # headers on every response; the client's address behind a proxy


def configure_blueprints(app: Flask) -> None:
    from moderators.api.views import bp as api_bp
    from moderators.auth.two_factor_views import bp as two_factor_bp
    from moderators.auth.views import bp as auth_bp
    from moderators.common.routing import IdConverter
    from moderators.extensions import csrf
    from moderators.languages.views import bp as languages_bp
    from moderators.logbook.review_views import bp as review_bp
    from moderators.logbook.views import bp as logbook_bp
    from moderators.privacy.views import bp as privacy_bp
    from moderators.public.views import bp as public_bp
    from moderators.reports.views import bp as reports_bp
    from moderators.roster.views import bp as roster_bp
    from moderators.scheduling.calendar_views import bp as calendar_bp
    from moderators.scheduling.moderator_views import bp as moderator_sessions_bp
    from moderators.scheduling.school_views import bp as school_requests_bp
    from moderators.scheduling.views import bp as scheduling_bp
    from moderators.schools.views import bp as schools_bp
    from moderators.topics.views import bp as topics_bp
    from moderators.training.views import bp as training_bp

    app.url_map.converters["int"] = IdConverter  # before any rule is added
    for blueprint in (
        auth_bp,
        two_factor_bp,
        roster_bp,
        schools_bp,
        topics_bp,
        languages_bp,
        training_bp,
        scheduling_bp,
        school_requests_bp,
        moderator_sessions_bp,
        calendar_bp,
        logbook_bp,
        review_bp,
        reports_bp,
        public_bp,
        privacy_bp,
    ):
        app.register_blueprint(blueprint)
    csrf.exempt(api_bp)  # the API authenticates by bearer token, never by cookie
    app.register_blueprint(api_bp, url_prefix="/api/v1")


def configure_errorhandlers(app: Flask) -> None:
    from moderators.common.errors import register_error_handlers

    register_error_handlers(app)


def configure_templates(app: Flask) -> None:
    from moderators.common.templating import register_template_helpers

    register_template_helpers(app)


def configure_cli(app: Flask) -> None:
    from moderators.cli import register_commands

    register_commands(app)
