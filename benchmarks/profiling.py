"""Where the time of one route goes: pyinstrument over repeated requests in one process.

    .venv/bin/python benchmarks/profiling.py /moderators?language=tr
    .venv/bin/python benchmarks/profiling.py --as moderator --repeat 200 /me/sessions
    .venv/bin/python benchmarks/profiling.py --database postgresql --html /tmp/p.html /requests

`{request}`, `{session}` and `{period}` in the path are replaced by the ids run.py would use.
The app is benchmarks/app.py with production settings on a database filled by generate.py.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from pyinstrument import Profiler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import DATABASES, prepare, server_settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--database", default="sqlite", help="sqlite, postgresql or a URL")
    parser.add_argument(
        "--as", dest="role", default="coordinator", choices=("coordinator", "moderator", "token")
    )
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--html", help="write pyinstrument's HTML report here")
    parser.add_argument("--sql", action="store_true", help="print the statements of one request")
    options = parser.parse_args()
    url = DATABASES.get(options.database, options.database)
    # Before moderators.config is imported; plain http, as the test client speaks it.
    os.environ.update(server_settings(url) | {"PREFERRED_URL_SCHEME": "http"})
    setup = prepare(url)
    from benchmarks.app import app

    client = app.test_client()
    headers = sign_in(client, setup, options.role)
    path = options.path.format(
        request=setup["request_id"], session=setup["session_id"], period=setup["period"]
    )
    response = client.get(path, headers=headers)
    print(f"{path}: {response.status_code}, {response.headers.get('X-Bench-Queries')} queries")
    if response.status_code != 200:
        return 1
    if options.sql:
        print_statements(app, client, path, headers)
        return 0
    for _ in range(10):
        client.get(path, headers=headers)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(options.repeat):
            client.get(path, headers=headers)
    if options.html:
        Path(options.html).write_text(profiler.output_html())
    print(
        profiler.output_text(unicode=True, color=False, show_all=bool(os.environ.get("SHOW_ALL")))
    )
    return 0


def print_statements(app, client, path: str, headers: dict) -> None:
    """Each statement of one request with the time the database took for it, then the time of
    the whole request (the best of twenty, without the profiler)."""
    from sqlalchemy import event

    from moderators.extensions import db

    def start(conn, cursor, statement, parameters, context, executemany):
        conn.info["started"] = time.perf_counter()

    def show(conn, cursor, statement, parameters, context, executemany):
        took = (time.perf_counter() - conn.info["started"]) * 1000
        shown = parameters if len(str(parameters)) < 200 else ""
        print(f"{took:7.2f} ms  {' '.join(statement.split())[:400]} {shown}")

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", start)
        event.listen(db.engine, "after_cursor_execute", show)
    client.get(path, headers=headers)
    with app.app_context():
        event.remove(db.engine, "after_cursor_execute", show)
    best = min(_timed(client, path, headers) for _ in range(20))
    print(f"{best:7.2f} ms  the whole request")


def _timed(client, path: str, headers: dict) -> float:
    started = time.perf_counter()
    client.get(path, headers=headers)
    return (time.perf_counter() - started) * 1000


def sign_in(client, setup: dict, role: str) -> dict:
    """Headers for `role`: a bearer token, or the session cookie of a sign-in by the login form."""
    if role == "token":
        return {"Authorization": f"Bearer {setup['token']}"}
    from pages import forms_of

    page = client.get("/login")
    form = next(
        f
        for f in forms_of(SimpleNamespace(url="/login", text=page.text))
        if f["action"] == "/login"
    )
    fields = form["fields"] | {"email": setup[role], "password": setup["password"]}
    response = client.post("/login", data=fields)
    if response.status_code != 302:
        sys.exit(f"signing in as {setup[role]} failed ({response.status_code})")
    return {}


if __name__ == "__main__":
    sys.exit(main())
