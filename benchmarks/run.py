"""Benchmark: requests/s, p50, p95 and SQL queries of the key routes on one gunicorn sync worker.

For each database (SQLite instance/bench.sqlite, then PostgreSQL .../bench, both filled by
benchmarks/generate.py) it starts gunicorn with one sync worker on benchmarks/app.py, signs in
through the login form, warms up, measures every route with wrk (if installed) or a small
threaded Python client, prints a table and writes benchmarks/results/<database>.json.
See benchmarks/README.md.
"""

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests
from measure import download, load
from pages import forms_of
from server import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DATABASES = {
    "sqlite": f"sqlite:///{ROOT / 'instance' / 'bench.sqlite'}",
    "postgresql": "postgresql://postgres@127.0.0.1:5432/bench",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="written into the results")
    parser.add_argument(
        "--database",
        action="append",
        metavar="NAME[=URL]",
        help="sqlite, postgresql or name=url (several allowed; default: both)",
    )
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per route")
    parser.add_argument("--warmup", type=float, default=2, help="warm-up time per route")
    parser.add_argument("--connections", type=int, default=2, help="concurrent clients")
    parser.add_argument("--downloads", type=int, default=3, help="timed XLSX downloads")
    parser.add_argument(
        "--routes", help="only these routes, by name, comma-separated (with the ceilings)"
    )
    options = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for spec in options.database or list(DATABASES):
        name, _, url = spec.partition("=")
        result = run_database(name, url or DATABASES[name], options)
        text = json.dumps(result, indent=2) + "\n"
        path = RESULTS / f"{name}.json"
        path.write_text(text)
        # A copy per scale, so that a run at the other scale can be compared with this one.
        (RESULTS / f"{name}-scale-{options.scale:g}.json").write_text(text)
        print(f"written to {path.relative_to(ROOT)}")
        print_growth(name, result)
        print()
    return 0


def run_database(name: str, url: str, options) -> dict:
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit(f"{url}: the benchmark issues an API token; only a database named *bench*")
    print(f"== {name}: {url}")
    setup = prepare(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = os.environ | server_settings(url)
    log = ROOT / "instance" / f"bench-gunicorn-{name}.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "-k", "sync", "-b", f"127.0.0.1:{port}"]
            + ["benchmarks.app:app"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"{base}/_bench/bare")
            coordinator = sign_in(base, setup["coordinator"], setup["password"])
            moderator = sign_in(base, setup["moderator"], setup["password"])
            bearer = {"Authorization": f"Bearer {setup['token']}"}
            routes = routes_of(setup, coordinator, moderator, bearer)
            if options.routes:
                wanted = {"bare", "layout", *options.routes.split(",")}
                routes = [route for route in routes if route[0] in wanted]
            routes = measure_all(base, routes, options)
            rss = worker_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    bare, layout = routes[0]["rps"], routes[1]["rps"]
    for route in routes:
        route["ratio_bare"] = round(route["rps"] / bare, 3) if bare else None
        route["ratio_layout"] = round(route["rps"] / layout, 3) if layout else None
    print_table(routes)
    print(f"worker resident after the run: {rss} MB" if rss else "worker size unknown")
    return {
        "scale": options.scale,
        "database": name,
        "bare_rps": bare,
        "layout_rps": layout,
        "routes": routes,
    }


def prepare(url: str) -> dict:
    """Accounts, a token and the ids the routes need, straight from the database."""
    from sqlalchemy import func, select

    from moderators import create_app
    from moderators.auth.models import User
    from moderators.auth.services import issue_api_token
    from moderators.demo import COORDINATOR_EMAIL, DEMO_PASSWORD, MODERATOR_EMAIL
    from moderators.extensions import db
    from moderators.reports.statistics import Period
    from moderators.scheduling.models import OPEN, InfoSession, SessionRequest

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(16)})
    with app.app_context():
        # generate.py (like `flask demo-data`) gives the demo accounts the demo password.
        users = {"coordinator": COORDINATOR_EMAIL, "moderator": MODERATOR_EMAIL}
        coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR_EMAIL))
        if coordinator is None:
            sys.exit(f"no account {COORDINATOR_EMAIL} in {url}: fill it with generate.py")
        token = issue_api_token(coordinator)
        db.session.commit()
        tr = select(func.max(SessionRequest.id)).where(SessionRequest.status == OPEN)
        request_id = db.session.scalar(
            tr.where(SessionRequest.language.has(code="tr"))
        ) or db.session.scalar(tr)
        now = datetime.now(UTC)
        session_id = db.session.scalar(
            select(InfoSession.id)
            .where(InfoSession.starts_at <= now)
            .order_by(InfoSession.starts_at.desc())
        )
        db.engine.dispose()
    year = Period.school_year_of(date.today() - timedelta(days=365))  # the last complete one
    return {
        **users,
        "password": DEMO_PASSWORD,
        "token": token,
        "request_id": request_id,
        "session_id": session_id,
        "period": f"from={year.start.isoformat()}&to={year.end.isoformat()}",
    }


def server_settings(url: str) -> dict[str, str]:
    """Production settings (as in load.py, which imports locust: not here) over plain http."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_hex(32),
        "SESSION_COOKIE_SECURE": "0",
        "HSTS": "0",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "LOGIN_ACCOUNT_RATE_LIMIT": "100000 per minute",
        "TWO_FACTOR_REQUIRED_FOR_COORDINATORS": "0",
        "PYTHONPATH": str(ROOT),
    }


def sign_in(base: str, email: str, password: str) -> str:
    """The session cookie of a sign-in through the login form, with its CSRF token."""
    client = requests.Session()
    page = client.get(f"{base}/login", timeout=30)
    form = next(f for f in forms_of(page) if f["action"] == "/login")
    fields = form["fields"] | {"email": email, "password": password}
    response = client.post(f"{base}/login", data=fields, timeout=30)
    if response.url.rstrip("/").endswith("/login") or "session" not in client.cookies:
        sys.exit(f"signing in as {email} failed ({response.status_code})")
    return f"session={client.cookies['session']}"


def routes_of(setup: dict, coordinator: str, moderator: str, bearer: dict) -> list[tuple]:
    """(name, path, headers, how): the two ceilings first, then the key routes."""
    as_coordinator, as_moderator = {"Cookie": coordinator}, {"Cookie": moderator}
    request_id, session_id, period = setup["request_id"], setup["session_id"], setup["period"]
    return [
        ("bare", "/_bench/bare", {}, "load"),
        ("layout", "/_bench/layout", as_coordinator, "load"),
        ("pool", "/moderators?language=tr", as_coordinator, "load"),
        ("queue", "/requests", as_coordinator, "load"),
        ("candidates", f"/requests/{request_id}", as_coordinator, "load"),
        ("dashboard", "/me/sessions", as_moderator, "load"),
        ("session", f"/sessions/{session_id}", as_coordinator, "load"),
        ("statistics", f"/statistics?{period}", as_coordinator, "load"),
        ("export", f"/statistics.xlsx?{period}", as_coordinator, "download"),
        ("api_pool", "/api/v1/moderators?language=tr", bearer, "load"),
        ("api_candidates", f"/api/v1/requests/{request_id}/candidates", bearer, "load"),
    ]


def measure_all(base: str, routes: list[tuple], options) -> list[dict]:
    results = []
    for name, path, headers, how in routes:
        check = requests.get(base + path, headers=headers, allow_redirects=False, timeout=120)
        if check.status_code != 200:
            sys.exit(f"{name}: GET {path} gave {check.status_code}, not 200")
        queries = int(check.headers.get("X-Bench-Queries", -1))
        if how == "download":
            rps, p50, p95 = download(base + path, headers, options.downloads)
        else:
            load(base, path, headers, options.warmup, options.connections)
            rps, p50, p95 = load(base, path, headers, options.seconds, options.connections)
            # wrk counts a redirect (say, to the sign-in page) as a success: ask once more.
            after = requests.get(base + path, headers=headers, allow_redirects=False, timeout=120)
            if after.status_code != 200:
                sys.exit(f"{name}: GET {path} gave {after.status_code} after the load")
        print(f"  {name:15} {rps:8.1f}/s  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries")
        results.append(
            {
                "name": name,
                "path": path,
                "rps": rps,
                "p50_ms": p50,
                "p95_ms": p95,
                "queries": queries,
            }
        )
    return results


def worker_rss_mb(master: int) -> int | None:
    """Resident size of gunicorn's one worker (a child of the master), from /proc."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        status = Path(f"/proc/{children[0]}/status").read_text()
    except (OSError, IndexError):
        return None
    kilobytes = int(re.search(r"^VmRSS:\s+(\d+)", status, re.MULTILINE).group(1))
    return round(kilobytes / 1024)


def print_growth(name: str, result: dict) -> None:
    """p50 of each route against the latest run at another scale (the target: at most +50 %)."""
    others = sorted(RESULTS.glob(f"{name}-scale-*.json"), key=lambda path: path.stat().st_mtime)
    others = [path for path in others if json.loads(path.read_text())["scale"] != result["scale"]]
    if not others:
        return
    other = json.loads(others[-1].read_text())
    small, large = sorted((other, result), key=lambda run: run["scale"])
    before = {route["name"]: route["p50_ms"] for route in small["routes"]}
    print(f"p50 growth from scale {small['scale']:g} to {large['scale']:g}:")
    for route in large["routes"]:
        if before.get(route["name"]):
            growth = route["p50_ms"] / before[route["name"]] - 1
            mark = "" if growth <= 0.5 else "  over +50 %"
            small_p50, p50 = before[route["name"]], route["p50_ms"]
            print(f"  {route['name']:15} {small_p50:7.1f} -> {p50:7.1f} ms  {growth:+6.0%}{mark}")


def print_table(routes: list[dict]) -> None:
    heads = ("req/s", "p50 ms", "p95 ms", "queries", "×bare", "×layout")
    print(f"{'route':15} " + " ".join(f"{head:>8}" for head in heads))
    for r in routes:
        print(
            f"{r['name']:15} {r['rps']:8.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['queries']:8}"
            f" {r['ratio_bare']:8.2f} {r['ratio_layout']:8.2f}  {r['path']}"
        )


if __name__ == "__main__":
    sys.exit(main())
