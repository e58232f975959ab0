"""Load test: simulated coordinators, moderators, schools and parents on gunicorn and PostgreSQL.

`python benchmarks/load.py` (or `make load`) creates the database if it is missing (DATABASE_URL,
default postgresql://postgres@127.0.0.1:5432/moderators_load; `--fresh` drops and recreates it
first), migrates it, seeds it and loads the demo data, starts gunicorn with 4 workers, runs 50
simulated users (10 more a second) for 60 seconds, prints the figures and exits non-zero on any
failed request. The file is also a plain locustfile: `locust -f benchmarks/load.py --host ...`.
"""

import argparse
import os
import random
import secrets
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pages import a_choice, forms_of, link_paths  # noqa: E402  (beside this file)
from server import free_port, wait_until_up  # noqa: E402

from moderators.demo import (  # noqa: E402  (after the path: run from anywhere)
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    MODERATOR_EMAIL,
    SCHOOL_EMAIL,
)

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/moderators_load"
USERS, SPAWN_RATE, SECONDS, WORKERS = 50, 10, 60, 4


class SignedIn(HttpUser):
    """Signs in through the login form, with the CSRF token from the page, as a browser does."""

    abstract = True
    wait_time = between(0.5, 2)
    email = ""

    def on_start(self):
        page = self.client.get("/login")
        form = next(f for f in forms_of(page) if f["action"] == "/login")
        fields = form["fields"] | {"email": self.email, "password": DEMO_PASSWORD}
        with self.client.post("/login", data=fields, catch_response=True) as response:
            if urlsplit(response.url).path.startswith("/login"):
                response.failure(f"sign-in as {self.email} refused")

    def browse(self, *paths: str):
        for path in paths:
            self.client.get(path)

    def post_form(self, form: dict, fields: dict, name: str, refusal_ok: bool = False):
        """Post and follow the redirect; a form that comes back with errors is a failure,
        unless a refusal is to be expected (two coordinators booking the same person)."""
        with self.client.post(form["action"], data=fields, name=name, catch_response=True) as r:
            if r.ok and "field__error" in r.text and not refusal_ok:
                r.failure("the form came back with errors")

    def open_one(self, listing: str, prefix: str):
        """A page linked from `listing` whose path is `prefix` and an id, or None."""
        page = self.client.get(listing)
        ids = {
            path.removeprefix(prefix)
            for path in link_paths(page.text)
            if path.startswith(prefix) and path.removeprefix(prefix).isdigit()
        }
        if ids:
            return self.client.get(prefix + random.choice(sorted(ids)), name=f"{prefix}[id]")
        return None


class CoordinatorUser(SignedIn):
    weight = 2
    email = COORDINATOR_EMAIL

    @task(4)
    def queue_and_sessions(self):
        self.browse("/requests", "/sessions", "/reviews")

    @task(3)
    def pool(self):
        self.browse("/moderators", "/moderators?page=2", "/schools", "/languages")

    @task(2)
    def statistics(self):
        self.browse("/statistics", "/statistics/demand", "/allowances", "/cohorts")

    @task(2)
    def offer_a_session(self):
        """Open a planned session and offer it to one of the candidates the page proposes."""
        page = self.open_one("/sessions?status=planned", "/sessions/")
        offers = [f for f in forms_of(page) if f["action"].endswith("/assignments")] if page else []
        offers = [f for f in offers if f["fields"].get("moderator_id")]
        if offers:
            form = random.choice(offers)
            fields = form["fields"] | {"mode": "offer"}
            self.post_form(form, fields, "/sessions/[id]/assignments", refusal_ok=True)

    @task(2)
    def schedule_a_request(self):
        """Open a school's request and offer one preferred time to a candidate."""
        page = self.open_one("/requests", "/requests/")
        forms = [f for f in forms_of(page) if f["action"].endswith("/schedule")] if page else []
        forms = [f for f in forms if f["options"].get("moderator_ids")]
        if forms:
            form = random.choice(forms)
            fields = form["fields"] | {
                "moderator_ids": a_choice(form, "moderator_ids"),
                "mode": "offer",
            }
            self.post_form(form, fields, "/requests/[id]/schedule", refusal_ok=True)


class ModeratorUser(SignedIn):
    weight = 2
    email = MODERATOR_EMAIL

    @task(3)
    def own_pages(self):
        self.browse("/me", "/me/sessions", "/me/logbook")

    @task(1)
    def overview(self):
        self.browse("/me/overview", "/me/training", "/info-sessions")


class SchoolUser(SignedIn):
    weight = 1
    email = SCHOOL_EMAIL

    @task(3)
    def own_pages(self):
        self.browse("/school", "/school/requests", "/school/sessions")

    @task(1)
    def file_a_request(self):
        """Ask for a session: a language, a topic and one weekday afternoon a few weeks ahead."""
        page = self.client.get("/school/requests/new")
        form = next(f for f in forms_of(page) if f["action"] == "/school/requests/new")
        day = date.today() + timedelta(days=random.randint(21, 60))
        day -= timedelta(days=max(0, day.weekday() - 3))  # Monday to Thursday
        fields = form["fields"] | {
            "language_id": a_choice(form, "language_id"),
            "topic_id": a_choice(form, "topic_id"),
            "start_date_1": day.isoformat(),
            "start_time_1": random.choice(["16:00", "17:30", "18:00"]),
            "duration_minutes": "90",
            "expected_parents": str(random.randint(8, 40)),
            "notes": "Lasttest: bitte nicht bearbeiten.",
        }
        self.post_form(form, fields, "/school/requests/new")


class Parent(HttpUser):
    """Nobody signed in: the public pages for parents, in German and in another language."""

    weight = 1
    wait_time = between(0.5, 2)

    @task
    def public_pages(self):
        self.client.get("/")
        listing = self.client.get("/info-sessions")
        sessions = [p for p in link_paths(listing.text) if p.startswith("/info-sessions/")]
        if sessions:
            self.client.get(random.choice(sessions), name="/info-sessions/[id]")
        self.client.get(
            "/info-sessions", headers={"Accept-Language": "tr"}, name="/info-sessions (tr)"
        )


# The runner --------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--seconds", type=int, default=SECONDS)
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    prepare_database(url, options.fresh)
    port = free_port()
    env = os.environ | server_settings(url)
    log = ROOT / "instance" / "load-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"]
            + ["--access-logfile", "-", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/login")
            return run_users(f"http://127.0.0.1:{port}", options.users, options.seconds, log)
        finally:
            server.terminate()
            server.wait(timeout=30)


def server_settings(url: str) -> dict[str, str]:
    """Production settings, but over plain http on localhost, and sign-in limits that 50 people
    behind one address do not reach."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_hex(32),
        "SESSION_COOKIE_SECURE": "0",
        "HSTS": "0",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "LOGIN_ACCOUNT_RATE_LIMIT": "100000 per minute",
        "TWO_FACTOR_REQUIRED_FOR_COORDINATORS": "0",
    }


def prepare_database(url: str, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if fresh and not name.endswith("_load"):
        sys.exit(f"--fresh drops the database: only one named *_load, not {name!r}")
    admin = parts._replace(scheme="postgresql", path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    env = os.environ | server_settings(url)
    for command in (["db", "upgrade"], ["seed"], ["demo-data"]):
        flask = [sys.executable, "-m", "flask", "--app", "wsgi", *command]
        subprocess.run(flask, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def run_users(host: str, users: int, seconds: int, log: Path) -> int:
    import gevent
    from locust.env import Environment

    server_errors = []

    def count_server_errors(request_type, name, response=None, **_):
        if response is not None and response.status_code >= 500:
            server_errors.append(f"{request_type} {name} -> {response.status_code}")

    environment = Environment(
        user_classes=[CoordinatorUser, ModeratorUser, SchoolUser, Parent], host=host
    )
    environment.events.request.add_listener(count_server_errors)
    runner = environment.create_local_runner()
    print(f"{users} users ({SPAWN_RATE} more a second) for {seconds} s against {host} ...")
    runner.start(users, spawn_rate=SPAWN_RATE)
    gevent.sleep(seconds)
    runner.quit()
    runner.greenlet.join()
    return report(environment.stats, server_errors, log)


def report(stats, server_errors: list[str], log: Path) -> int:
    total = stats.total
    print(f"\n{'request':<38}{'count':>8}{'fails':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for entry in sorted(stats.entries.values(), key=lambda e: (e.name, e.method)):
        label = f"{entry.method} {entry.name}"[:37]
        print(
            f"{label:<38}{entry.num_requests:>8}{entry.num_failures:>7}"
            f"{entry.get_response_time_percentile(0.5):>9.0f}"
            f"{entry.get_response_time_percentile(0.95):>9.0f}"
        )
    print(
        f"\nrequests {total.num_requests}, failures {total.num_failures}, "
        f"500s {len(server_errors)}, p50 {total.get_response_time_percentile(0.5):.0f} ms, "
        f"p95 {total.get_response_time_percentile(0.95):.0f} ms, "
        f"{total.total_rps:.1f} requests/s"
    )
    for error in stats.errors.values():
        print(f"  failed {error.occurrences}x: {error.method} {error.name}: {error.error}")
    if total.num_failures or server_errors:
        print(f"FAILED: see the server's log in {log}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
