"""Read-only queries over the audit log: the entries about a person, and what their objects are."""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    cast,
    false,
    literal_column,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import joinedload

from moderators.auth.models import User
from moderators.common.audit import AuditLog
from moderators.common.timezone import local_datetime
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.logbook.models import Activity, EventReport
from moderators.roster.models import Moderator
from moderators.scheduling.models import Assignment, InfoSession, SessionRequest
from moderators.schools.models import School
from moderators.topics.models import Topic
from moderators.training.models import Cohort, Enrollment, TrainingModule

# A list of ids, or a select of one id column: both work inside IN (...).
Ids = list[int] | Select


@dataclass
class Person:
    """Whom an audit filter is about: moderators, schools and accounts, by id."""

    moderator_ids: Ids | None = None
    school_ids: Ids | None = None
    user_ids: Ids | None = None


def person_by_email(text: str) -> Person:
    """Everyone whose account, profile or contact address contains `text`."""
    users = select(User.id).where(User.email.icontains(text, autoescape=True))
    moderators = union(
        select(User.moderator_id).where(User.id.in_(users), User.moderator_id.is_not(None)),
        select(Moderator.id).where(Moderator.email.icontains(text, autoescape=True)),
    )
    schools = union(
        select(User.school_id).where(User.id.in_(users), User.school_id.is_not(None)),
        select(School.id).where(School.contact_email.icontains(text, autoescape=True)),
    )
    return Person(
        moderator_ids=select(moderators.subquery().c[0]),
        school_ids=select(schools.subquery().c[0]),
        user_ids=users,
    )


def _object_in(kind: str, ids) -> ColumnElement:
    return and_(AuditLog.object_type == kind, AuditLog.object_id.in_(ids))


def _detail_in(key: str, ids) -> ColumnElement:
    return AuditLog.details[key].as_integer().in_(ids)


def about(person: Person) -> ColumnElement:
    """Entries whose object is the person, one of their accounts or something of theirs
    (reports, activities, bookings, training; a school's requests and sessions), whose details
    name them, or that one of their accounts did."""
    conditions: list[ColumnElement] = []
    account_ids: list = []
    if person.moderator_ids is not None:
        ids = person.moderator_ids
        conditions += [
            _object_in("Moderator", ids),
            _object_in(
                "EventReport", select(EventReport.id).where(EventReport.moderator_id.in_(ids))
            ),
            _object_in("Activity", select(Activity.id).where(Activity.moderator_id.in_(ids))),
            _object_in("Assignment", select(Assignment.id).where(Assignment.moderator_id.in_(ids))),
            _object_in("Enrollment", select(Enrollment.id).where(Enrollment.moderator_id.in_(ids))),
            _detail_in("moderator_id", ids),
        ]
        account_ids.append(select(User.id).where(User.moderator_id.in_(ids)))
    if person.school_ids is not None:
        ids = person.school_ids
        conditions += [
            _object_in("School", ids),
            _object_in(
                "SessionRequest", select(SessionRequest.id).where(SessionRequest.school_id.in_(ids))
            ),
            _object_in("InfoSession", select(InfoSession.id).where(InfoSession.school_id.in_(ids))),
            _detail_in("school_id", ids),
        ]
        account_ids.append(select(User.id).where(User.school_id.in_(ids)))
    if person.user_ids is not None:
        account_ids.append(person.user_ids)
    for ids in account_ids:
        conditions += [_object_in("User", ids), AuditLog.actor_id.in_(ids)]
    return or_(*conditions) if conditions else false()


def audit_select(
    people: list[Person] = (),
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Select:
    """Audit entries about all of `people`, of one group of actions ("moderator", "user", ...)
    and between two local days, newest first, with their actors in the same query."""
    query = (
        select(AuditLog)
        .options(joinedload(AuditLog.actor))
        .order_by(AuditLog.at.desc(), AuditLog.id.desc())
    )
    for person in people:
        query = query.where(about(person))
    if action:
        query = query.where(AuditLog.action.startswith(action + ".", autoescape=True))
    if since is not None:
        query = query.where(AuditLog.at >= local_datetime(since, time(0)))
    if until is not None:
        query = query.where(AuditLog.at < local_datetime(until + timedelta(days=1), time(0)))
    return query


def entries_about_moderator(moderator: Moderator) -> list[AuditLog]:
    return list(db.session.scalars(audit_select([Person(moderator_ids=[moderator.id])])))


# What an entry is about ------------------------------------------------------------------


@dataclass
class ObjectRef:
    """An audit entry's object: a label, and the page that shows it (if there is one)."""

    label: str
    endpoint: str | None = None
    args: dict[str, Any] = field(default_factory=dict)


# Per kind: what names an object and leads to its page, as (text, more text, id, other id);
# all these kinds on a page are read in one UNION ALL.
NAMED = {
    "Moderator": (Moderator, Moderator.first_name, Moderator.last_name, None, None),
    "School": (School, School.name, None, None, None),
    "User": (User, User.email, None, User.moderator_id, User.school_id),
    "Cohort": (Cohort, Cohort.name, None, None, None),
    "TrainingModule": (TrainingModule, TrainingModule.title, None, TrainingModule.cohort_id, None),
    "Enrollment": (Enrollment, None, None, Enrollment.cohort_id, None),
    "Assignment": (Assignment, None, None, Assignment.session_id, None),
}


def _named(wanted: dict[str, set[int]]) -> dict[tuple[str, int], ObjectRef]:
    """The objects of all NAMED kinds in `wanted`, in one query."""
    parts = []
    for kind, ids in wanted.items():
        if kind in NAMED:
            model, *columns = NAMED[kind]
            # Typed: PostgreSQL matches the kinds' columns by type.
            columns = [
                (cast(null(), type_) if column is None else column).label(name)
                for column, type_, name in zip(
                    columns,
                    (String, String, Integer, Integer),
                    ("text", "more", "ref", "other"),
                    strict=True,
                )
            ]
            parts.append(
                select(literal_column(f"'{kind}'").label("kind"), model.id, *columns).where(
                    model.id.in_(ids)
                )
            )
    if not parts:
        return {}
    query = parts[0] if len(parts) == 1 else union_all(*parts)
    return {
        (kind, object_id): _named_ref(kind, object_id, *values)
        for kind, object_id, *values in db.session.execute(query)
    }


def _named_ref(kind: str, object_id: int, text, more, ref_id, other_id) -> ObjectRef:
    match kind:
        case "Moderator":
            return ObjectRef(f"{text} {more}", "roster.detail", {"moderator_id": object_id})
        case "School":
            return ObjectRef(text, "schools.detail", {"school_id": object_id})
        case "User" if ref_id is not None:
            return ObjectRef(text, "roster.detail", {"moderator_id": ref_id})
        case "User" if other_id is not None:
            return ObjectRef(text, "schools.detail", {"school_id": other_id})
        case "User":
            return ObjectRef(text)
        case "Cohort":
            return ObjectRef(text, "training.cohort", {"cohort_id": object_id})
        case "TrainingModule":
            return ObjectRef(text, "training.cohort", {"cohort_id": ref_id})
        case "Enrollment":
            return ObjectRef(f"#{object_id}", "training.cohort", {"cohort_id": ref_id})
        case _:  # Assignment
            return ObjectRef(f"#{object_id}", "scheduling.session", {"session_id": ref_id})


def _labelled(model, label_of, endpoint_of):
    """A loader for a kind whose label needs the object (a name in the reader's language)."""

    def load(ids: set[int]) -> dict[int, ObjectRef]:
        rows = db.session.scalars(select(model).where(model.id.in_(ids)))
        return {row.id: ObjectRef(label_of(row), *endpoint_of(row)) for row in rows}

    return load


LOADERS = {
    "Topic": _labelled(Topic, lambda t: t.name, lambda t: ("topics.edit", {"topic_id": t.id})),
    "Language": _labelled(
        Language, lambda lang: lang.name, lambda lang: ("languages.edit", {"language_id": lang.id})
    ),
}
# Kinds whose id is all a row needs: no query.
BY_ID = {
    "EventReport": ("review.report", "report_id"),
    "Activity": ("review.activity", "activity_id"),
    "InfoSession": ("scheduling.session", "session_id"),
    "SessionRequest": ("scheduling.request", "request_id"),
}


def describe_objects(entries: list[AuditLog]) -> dict[tuple[str, int], ObjectRef]:
    """(object_type, object_id) → what it is and where it is shown: one query for the kinds in
    NAMED, one each for topics and languages (named in the reader's language)."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.object_id is not None:
            wanted.setdefault(entry.object_type, set()).add(entry.object_id)
    refs = _named(wanted)
    for kind, ids in wanted.items():
        if kind in NAMED:
            found = {i: refs[kind, i] for i in ids if (kind, i) in refs}
        elif kind in LOADERS:
            found = LOADERS[kind](ids)
        elif kind in BY_ID:
            endpoint, arg = BY_ID[kind]
            found = {i: ObjectRef(f"#{i}", endpoint, {arg: i}) for i in ids}
        else:
            found = {}
        for object_id in ids:
            refs[kind, object_id] = found.get(object_id, ObjectRef(f"#{object_id}"))
    return refs
