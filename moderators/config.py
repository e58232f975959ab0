"""Settings read from environment variables, with the test configuration beside them."""

import os
from datetime import timedelta
from pathlib import Path

from moderators.logbook.allowance import parse_rates

ROOT = Path(__file__).resolve().parent.parent


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # default set in create_app
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Settings for each PostgreSQL connection, as libpq options (empty: the server's own). The
    # planner's default price of a random read, four sequential ones, assumes spinning disks:
    # with the tables in memory it read every moderator's languages and districts for a page
    # of 25 (benchmarks/README.md, fifth round).
    POSTGRES_OPTIONS = os.environ.get("POSTGRES_OPTIONS", "-c random_page_cost=1.1")

    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = os.environ.get("APP_TIMEZONE", "Europe/Berlin")
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Sessions end after this long without a request ("remember me": not), and this long after
    # the sign-in in any case; checked on the server (moderators/auth/sessions.py).
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
    SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "12"))
    PERMANENT_SESSION_LIFETIME = timedelta(hours=SESSION_MAX_HOURS)
    REMEMBER_COOKIE_DURATION = timedelta(hours=SESSION_MAX_HOURS)
    # Strict-Transport-Security on every response; off in development (plain http on localhost).
    HSTS = _bool("HSTS", True)
    # Reverse proxies in front of the app that set X-Forwarded-For/-Proto (0: none; trust no more).
    PROXY_HOPS = int(os.environ.get("PROXY_HOPS", "0"))

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")  # per IP address
    # Failed sign-ins per e-mail address, from any address: slows guessing spread over many IPs.
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "5 per 15 minutes")
    # Two-factor sign-in (moderators/auth/two_factor.py): compulsory for coordinators when on.
    TWO_FACTOR_REQUIRED_FOR_COORDINATORS = _bool("TWO_FACTOR_REQUIRED_FOR_COORDINATORS", False)
    TWO_FACTOR_RATE_LIMIT = "5 per minute"  # code attempts per person

    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "elternmoderation@example.org")
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "30"))

    INVITATION_MAX_AGE = timedelta(days=int(os.environ.get("INVITATION_MAX_AGE_DAYS", "14")))
    RESET_MAX_AGE = timedelta(hours=2)
    # Share of a cohort's modules a trainee must attend to be certified.
    COMPLETION_THRESHOLD = float(os.environ.get("COMPLETION_THRESHOLD", "0.8"))
    # Links in mails sent outside a web request (reminders, retries) need the public address.
    SERVER_NAME = os.environ.get("SERVER_NAME")
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "https")
    PER_PAGE = 25
    # Time a moderator needs between two sessions (travel), before and after each.
    TRAVEL_BUFFER = timedelta(minutes=int(os.environ.get("TRAVEL_BUFFER_MINUTES", "30")))
    # How long an accept/decline link in an offer mail works.
    OFFER_LINK_MAX_AGE = timedelta(days=int(os.environ.get("OFFER_LINK_MAX_AGE_DAYS", "14")))
    # Allowance per session and per kind of activity: see moderators/logbook/allowance.py.
    ALLOWANCE_RATES = parse_rates(os.environ.get("ALLOWANCE_RATES"))
    # A moderator is reminded of a report still missing this long after the session.
    REPORT_REMINDER_AFTER = timedelta(days=int(os.environ.get("REPORT_REMINDER_DAYS", "7")))
    # Personal data is anonymised this long after a person's last activity (`flask privacy purge`).
    PRIVACY_RETENTION_YEARS = int(os.environ.get("PRIVACY_RETENTION_YEARS", "3"))


class DevelopmentConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    PREFERRED_URL_SCHEME = "http"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    HSTS = False


class TestConfig(Config):
    TESTING = True
    PREFERRED_URL_SCHEME = "http"
    # Not a secret: it signs the test suite's cookies and nothing real.
    SECRET_KEY = "test-secret"  # nosec B105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_SUPPRESS_SEND = True
    MAIL_SERVER = None
