"""Hypothesis over every HTML form: whatever a browser (or anyone) posts, the answer is no 500."""

import re
import traceback
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from moderators import create_app
from moderators.auth.access import PUBLIC
from moderators.auth.services import send_password_reset
from moderators.config import TestConfig
from moderators.extensions import db
from moderators.scheduling.links import ACCEPT, offer_link
from moderators.scheduling.models import Assignment
from tests.conftest import next_weekday_at
from tests.test_access import world  # noqa: F401  (the fixture: one object of each kind)

ROLES = ("coordinator", "moderator", "school", "anonymous")
EXAMPLES = 12  # per route and role: bounded and derandomized, so `make test` stays short
ODD_VALUES = [
    *["", " ", "0", "-1", "1.5", "-0", "1e309", "NaN", "Infinity", "2147483648"],
    *["99999999999999999999999", "2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31"],
    *["24:00", "25:61", "2026-02-30T25:00", "on", "true", "null", "[]", "\x00", "a\x00b"],
    *["<script>alert(1)</script>", "' OR 1=1 --", "%s %(name)s {0}", "\u202eabc", "😀👩‍👩‍👧"],
    *["مرحبا بالعالم", "Привет", "Ğüşçö İı", "名前", "ተማሪ", "a@b", "x@example.org"],
]


class FormFinder(HTMLParser):
    """The forms posted from a page: action path → {field name: (kind, option values)}."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: dict[str, dict[str, tuple[str, list[str]]]] = {}
        self.fields: dict | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            action = urlsplit(attrs.get("action") or self.page_path).path
            self.fields = self.forms.setdefault(action, {})
        elif self.fields is None or not attrs.get("name") or attrs["name"] == "csrf_token":
            if tag == "option" and self.select and self.fields is not None:
                self.fields[self.select][1].append(attrs.get("value", ""))
        elif tag == "select":
            self.select = attrs["name"]
            self.fields.setdefault(self.select, ("select", []))
        elif tag in ("input", "textarea", "button"):
            kind = {"input": attrs.get("type", "text"), "button": "submit"}.get(tag, tag)
            values = [attrs["value"]] if "value" in attrs else []
            old = self.fields.get(attrs["name"], (kind, []))
            self.fields[attrs["name"]] = (kind, old[1] + values)

    def handle_endtag(self, tag):
        if tag == "form":
            self.fields = None
        elif tag == "select":
            self.select = None


def post_rules():
    """Every POST route outside the API, read from a throwaway app at collection time."""
    app = create_app(TestConfig)
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.rule.startswith("/api/")
    ]
    return sorted(rules, key=lambda rule: rule.rule)


def roles_for(view) -> list[str]:
    return [role for role in ROLES if view.access == PUBLIC or role in view.access]


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.session_id()
        session["_fresh"] = True


def client_as(app, objects, role):
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, objects["users"][role])
    return client


def forms_on(client, path: str) -> dict:
    response = client.get(path)
    if response.status_code != 200 or response.mimetype != "text/html":
        return {}
    finder = FormFinder(path)
    finder.feed(response.get_data(as_text=True))
    return finder.forms


def find_form(app, client, objects, path: str, rule) -> dict | None:
    """The fields of the form that posts to `path`: on the page itself, on a page above it
    (/sessions/3 for /sessions/3/cancel), or else on any page the role can see."""
    candidates = [path] if "GET" in rule.methods else []
    parts = path.rstrip("/").split("/")
    candidates += ["/".join(parts[:n]) or "/" for n in range(len(parts) - 1, 0, -1)]
    for candidate in candidates:
        if path in (forms := forms_on(client, candidate)):
            return forms[path]
    for other in app.url_map.iter_rules():
        if "GET" not in other.methods or other.rule.startswith(("/api/", "/static")):
            continue
        if not set(other.arguments) <= set(objects["args"]):
            continue
        with app.test_request_context():
            page = url_for(other.endpoint, **{a: objects["args"][a] for a in other.arguments})
        if page not in candidates and path in (forms := forms_on(client, page)):
            return forms[path]
    return None


def field_value(kind: str, options: list[str]):
    """One value: a real option, an odd or foreign string, a long one, or a typed value."""
    strategies = [
        st.sampled_from(ODD_VALUES),
        st.text(max_size=40),
        st.integers(256, 20_000).map(lambda n: ("Elternabend ä " * (n // 14 + 1))[:n]),
    ]
    if options:
        strategies.insert(0, st.sampled_from(options))
    if kind in ("date", "datetime-local", "time", "number", "text", "textarea"):
        strategies += [
            st.dates().map(str),
            st.datetimes().map(lambda value: value.isoformat(timespec="minutes")),
            st.times().map(lambda value: value.strftime("%H:%M")),
            st.integers(-(10**12), 10**12).map(str),
        ]
    return st.one_of(strategies)


def form_data(fields: dict):
    """Pairs for a MultiDict: each field left out, sent once, or sent several times."""
    per_field = []
    for name, (kind, options) in sorted(fields.items()):
        one = field_value(kind, options)
        values = st.one_of(
            st.just([]), one.map(lambda v: [v]), st.lists(one, min_size=2, max_size=4)
        )
        per_field.append(values.map(lambda vs, name=name: [(name, v) for v in vs]))
    return st.tuples(*per_field).map(lambda groups: [pair for group in groups for pair in group])


@pytest.fixture
def more(world, make_cohort, make_held_session, make_session, make_moderator):  # noqa: F811
    """Objects whose forms the world's own do not show any more (its cohort is closed, its
    session fully staffed, its report written, its moderator booked and signed up)."""
    moderator = world["users"]["moderator"].moderator
    cohort = make_cohort(held=1, ahead=1, trainees=2)
    unreported = make_held_session(days_ago=2, moderators=[moderator]).accepted[0]
    staffable = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=5), moderators_needed=2)
    return {
        "cohort_id": cohort.id,
        "module_id": cohort.modules[0].id,
        "enrollment_id": cohort.enrollments[0].id,
        "assignment_id": unreported.id,
        "session_id": staffable.id,
        "moderator_id": make_moderator().id,  # no login, no bookings
    }


# Which of `more` each route takes instead of the world's object.
MORE = {
    "training.close": ["cohort_id"],
    "training.edit_cohort": ["cohort_id"],
    "training.enrol": ["cohort_id"],
    "training.enrol_new_trainee": ["cohort_id"],
    "training.new_module": ["cohort_id"],
    "training.attendance": ["module_id"],
    "training.cancel_module": ["module_id"],
    "training.edit_module": ["module_id"],
    "training.drop": ["enrollment_id"],
    "logbook.new_report": ["assignment_id"],
    "scheduling.add_assignment": ["session_id"],
    "roster.invite_moderator": ["moderator_id"],
    "privacy.anonymise_moderator": ["moderator_id"],
}


def url_arguments(app, objects, more, rule) -> dict:
    """The world's objects (or `more` of them), and for links from mails a token that works."""
    args = {name: objects["args"][name] for name in rule.arguments if name in objects["args"]}
    args |= {name: more[name] for name in MORE.get(rule.endpoint, ())}
    if "token" in rule.arguments:
        with app.test_request_context():
            if rule.endpoint == "moderator_sessions.respond_by_link":
                offer = db.session.get(Assignment, objects["args"]["assignment_id"])
                args["token"] = urlsplit(offer_link(offer, ACCEPT)).path.rsplit("/", 1)[-1]
            elif rule.endpoint == "auth.reset_password":
                args["token"] = send_password_reset(objects["users"]["school"].email)
    return args


def fuzz_route(app, objects, more, rule, role) -> None:
    client = client_as(app, objects, role)
    with app.test_request_context():
        path = url_for(rule.endpoint, **url_arguments(app, objects, more, rule))
    fields = find_form(app, client, objects, path, rule) or {}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(pairs=form_data(fields))
    def post(pairs):
        client = client_as(app, objects, role)  # again: the last example may have signed out
        response = client.post(path, data=MultiDict(pairs))
        assert response.status_code < 500, f"{role} POST {path} -> {response.status_code}"

    post()


@pytest.mark.parametrize("rule", post_rules(), ids=lambda rule: rule.rule)
def test_no_form_post_gets_a_server_error(app, world, more, rule):  # noqa: F811
    failures = []
    for role in roles_for(app.view_functions[rule.endpoint]):
        try:
            fuzz_route(app, world, more, rule, role)
        except Exception as error:  # every role's failure, with Hypothesis' falsifying example
            failures.append(f"{role}: " + "".join(traceback.format_exception(error))[-4000:])
    assert failures == [], "\n\n".join(failures)


def test_attendance_can_be_saved_again_on_the_same_page(client, coordinator, make_cohort):
    """Found by the fuzzing: a second save met the rows the page had loaded (a 500)."""
    cohort = make_cohort(held=1, trainees=2)
    url = f"/modules/{cohort.modules[0].id}/attendance"
    names = [f"attendance_{enrollment.id}" for enrollment in cohort.enrollments]
    for status in ("present", "absent"):
        client.get(url)
        assert client.post(url, data=dict.fromkeys(names, status)).status_code == 302
    page = client.get(url).get_data(as_text=True)
    checked = re.findall(r'<input checked [^>]*name="(\w+)"[^>]*value="(\w+)"', page)
    assert sorted(checked) == sorted((name, "absent") for name in names)
