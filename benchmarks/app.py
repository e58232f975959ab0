"""The app as gunicorn serves it for the benchmark, plus two ceiling routes and a query count.

Only benchmarks/run.py starts this module (`gunicorn benchmarks.app:app`); the app itself never
gets these routes. Each response carries `X-Bench-Queries`: the SQL statements the request ran.
"""

from flask import g, has_app_context, render_template
from sqlalchemy import event

from moderators.auth.access import public, signed_in
from moderators.extensions import db
from wsgi import app  # as production serves it


@public
def bare():
    """The ceiling: the same app, no session, user, locale or template."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@signed_in
def layout():
    """What every page pays for: session, user, locale and the base layout, with nothing in it."""
    return render_template("base.html")


app.add_url_rule("/_bench/bare", "bench_bare", bare)
app.add_url_rule("/_bench/layout", "bench_layout", layout)


def _count(conn, cursor, statement, parameters, context, executemany):
    if has_app_context() and "bench_queries" in g:
        g.bench_queries += 1


def _reset():
    g.bench_queries = 0


def _report(response):
    response.headers["X-Bench-Queries"] = str(g.get("bench_queries", 0))
    return response


with app.app_context():
    event.listen(db.engine, "before_cursor_execute", _count)
# First before-request function and last after-request one (Flask runs those in reverse), so
# that the count covers what the app's own hooks run as well.
app.before_request_funcs.setdefault(None, []).insert(0, _reset)
app.after_request_funcs.setdefault(None, []).insert(0, _report)
