"""Schemathesis over every operation of /api/v1, as each role: never a 5xx, always the document."""

from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from moderators.auth.services import issue_api_token
from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.scheduling.models import SessionRequest
from moderators.schools.models import SCHOOL_TYPES
from tests.conftest import next_weekday_at
from tests.test_access import world  # noqa: F401  (the fixture: one object of each kind)

POSITIVE, NEGATIVE = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# (role, kind of data, examples per operation): bounded and derandomized, so that `make test`
# stays short and a failure comes back on every run. Without a token every answer is a 401,
# so a few examples show it.
RUNS = [
    ("coordinator", POSITIVE, 20),
    ("moderator", POSITIVE, 20),
    ("school", POSITIVE, 20),
    ("coordinator", NEGATIVE, 10),
    ("moderator", NEGATIVE, 10),
    ("school", NEGATIVE, 10),
    ("anonymous", POSITIVE, 5),
]


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def valid_bodies(objects, preferred_start: str) -> dict:
    """A body the service accepts, per operation: fuzzed fields are laid over it, so that
    generated values reach the services and the database instead of stopping at the first 422
    for an unknown language or school."""
    args = objects["args"]
    future = next_weekday_at(2, 10, weeks_ahead=4).isoformat()
    language = {"language": "tr", "topic_id": args["topic_id"], "duration_minutes": 90}
    report = {"took_place": True, "parents_reached": 12, "languages": ["tr"]}
    return {
        ("POST", "/api/v1/schools"): {
            "name": "Grundschule Fuzz",
            "type": next(iter(SCHOOL_TYPES)),
            "district": "Altona",
        },
        ("POST", "/api/v1/requests"): {
            **language,
            "school_id": args["school_id"],
            "preferred_starts": [future],
            "expected_parents": 15,
        },
        ("POST", "/api/v1/sessions"): {
            **language,
            "school_id": args["school_id"],
            "starts_at": future,
        },
        ("POST", "/api/v1/requests/{request_id}/schedule"): {
            "starts_at": preferred_start,
            "moderator_ids": [args["moderator_id"]],
            "mode": "offer",
        },
        ("POST", "/api/v1/sessions/{session_id}/assignments"): {
            "moderator_id": args["moderator_id"],
            "mode": "offer",
        },
        ("POST", "/api/v1/sessions/{session_id}/report"): {
            **report,
            "duration_minutes": 90,
            "travel_minutes": 20,
            "moderator_id": args["moderator_id"],
        },
        ("POST", "/api/v1/activities"): {
            "moderator_id": args["moderator_id"],
            "type": "counselling",
            "date": (local_today() - timedelta(days=1)).isoformat(),
            "duration_minutes": 60,
            "languages": ["tr"],
            "people_reached": 3,
        },
    }


@st.composite
def laid_over(draw, operation, mode, base):
    """A generated case whose body keeps some of its own fields on top of `base`."""
    case = draw(operation.as_strategy(generation_mode=mode))
    if isinstance(case.body, dict):
        own = draw(st.sets(st.sampled_from(sorted(case.body)))) if case.body else set()
        case.body = {**base, **{key: case.body[key] for key in own}}
    return case


def case_strategy(operation, mode, ids, base):
    """Generated cases; in valid data, some name objects that exist or start from a valid body."""
    generated = operation.as_strategy(generation_mode=mode)
    if mode is NEGATIVE:
        return generated
    strategies = [generated]
    names = {parameter.name for parameter in operation.path_parameters}
    known = {name: ids[name] for name in names if name in ids}
    if known:
        strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=known))
    if base is not None:
        seeded = laid_over(operation, mode, base)
        if known:
            seeded = seeded.map(lambda case: set_path(case, known))
        strategies.append(seeded)
    return st.one_of(strategies)


def set_path(case, known):
    case.path_parameters = {**(case.path_parameters or {}), **known}
    return case


def fuzz_operation(strategy, examples, headers):
    @fuzz_settings(examples)
    @given(case=strategy)
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize(("role", "mode", "examples"), RUNS)
def test_every_operation_answers_as_documented_and_never_with_a_server_error(
    app,
    world,  # noqa: F811
    make_held_session,
    role,
    mode,
    examples,
):
    moderator = world["users"]["moderator"].moderator
    unreported = make_held_session(days_ago=2, moderators=[moderator])
    request = db.session.get(SessionRequest, world["args"]["request_id"])
    bodies = valid_bodies(world, request.slots[0].starts_at.isoformat())
    ids = {name: value for name, value in world["args"].items() if name.endswith("_id")}
    report_ids = {**ids, "session_id": unreported.id}  # a held session still without report

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {}
    if role != "anonymous":
        headers["Authorization"] = f"Bearer {issue_api_token(world['users'][role])}"
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        base = bodies.get((operation.method.upper(), operation.path))
        own_ids = report_ids if operation.path.endswith("/report") else ids
        strategy = case_strategy(operation, mode, own_ids, base)
        try:
            fuzz_operation(strategy, examples, headers)
        # Schemathesis reports check failures as an exception group; collect them all, so that
        # one run names every operation at fault.
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.label}: {error}")
    assert failures == [], "\n\n".join(failures)
