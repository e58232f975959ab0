"""EventReport (after a session) and Activity (other work): logged, reviewed and paid."""

from datetime import date, datetime

from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.common.models import TimestampMixin, UTCDateTime
from moderators.extensions import db

# Review states, shared by reports and activities
SUBMITTED, RETURNED, APPROVED = "submitted", "returned", "approved"
REVIEW_STATUSES = (SUBMITTED, RETURNED, APPROVED)
# Kinds of activity outside scheduled sessions
COUNSELLING, ACCOMPANIMENT, NETWORK_EVENT = "counselling", "accompaniment", "network_event"
SUPERVISION, TRAINING = "supervision", "training"
ACTIVITY_TYPES = (COUNSELLING, ACCOMPANIMENT, NETWORK_EVENT, SUPERVISION, TRAINING)
MAX_MINUTES = 600  # a duration or travel time beyond ten hours is a typing error
MAX_PEOPLE = 10_000


_REVIEW_STATUS_LABELS = {
    SUBMITTED: lazy_pgettext("report state", "eingereicht"),
    RETURNED: lazy_pgettext("report state", "zurückgegeben"),
    APPROVED: lazy_pgettext("report state", "freigegeben"),
}


def review_status_label(status: str) -> str:
    return str(_REVIEW_STATUS_LABELS[status])


_ACTIVITY_TYPE_LABELS = {
    COUNSELLING: lazy_pgettext("activity type", "Einzelberatung"),
    ACCOMPANIMENT: lazy_pgettext("activity type", "Begleitung zu einem Gespräch"),
    NETWORK_EVENT: lazy_pgettext("activity type", "Netzwerk- oder Community-Veranstaltung"),
    SUPERVISION: lazy_pgettext("activity type", "Supervision"),
    TRAINING: lazy_pgettext("activity type", "Fortbildung"),
}


def activity_type_label(kind: str) -> str:
    return str(_ACTIVITY_TYPE_LABELS[kind])


report_language = Table(
    "report_language",
    db.metadata,
    Column("report_id", ForeignKey("event_report.id", ondelete="CASCADE"), primary_key=True),
    Column("language_id", ForeignKey("language.id"), primary_key=True, index=True),
)

activity_language = Table(
    "activity_language",
    db.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("language_id", ForeignKey("language.id"), primary_key=True, index=True),
)


class ReviewMixin(TimestampMixin):
    """What reports and activities share: who logged it, its review, and the allowance."""

    status: Mapped[str] = mapped_column(String(20), default=SUBMITTED)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    review_comment: Mapped[str] = mapped_column(Text, default="")
    # Set on approval, in euro cents, by the rule in force that day; it never changes after.
    allowance_cents: Mapped[int | None] = mapped_column()
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    @property
    def status_label(self) -> str:
        return review_status_label(self.status)

    @property
    def editable(self) -> bool:
        return self.status != APPROVED


class EventReport(ReviewMixin, db.Model):
    """What one assigned moderator reports about a session: did it take place, whom it reached.

    The session's local date is copied into held_on, so that periods and months are plain date
    comparisons on every engine.
    """

    __tablename__ = "event_report"
    __table_args__ = (
        CheckConstraint(f"status IN {REVIEW_STATUSES!r}", name="status"),
        CheckConstraint("parents_reached >= 0", name="parents_reached"),
        CheckConstraint(f"duration_minutes BETWEEN 0 AND {MAX_MINUTES}", name="duration"),
        CheckConstraint(f"travel_minutes BETWEEN 0 AND {MAX_MINUTES}", name="travel"),
        Index("ix_event_report_status_held_on", "status", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("info_session.id"), index=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderator.id"), index=True)
    held_on: Mapped[date] = mapped_column()
    took_place: Mapped[bool] = mapped_column(default=True)
    reason_if_not: Mapped[str] = mapped_column(String(500), default="")
    parents_reached: Mapped[int] = mapped_column(default=0)
    duration_minutes: Mapped[int] = mapped_column(default=0)
    travel_minutes: Mapped[int] = mapped_column(default=0)
    topics_covered: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    assignment = relationship("Assignment")
    session = relationship("InfoSession")
    moderator = relationship("Moderator")
    languages = relationship("Language", secondary=report_language, order_by="Language.code")
    reviewed_by = relationship("User", foreign_keys="EventReport.reviewed_by_id")


class Activity(ReviewMixin, db.Model):
    """Work outside scheduled sessions: counselling a family, accompanying parents, a network
    event, supervision or further training."""

    __table_args__ = (
        CheckConstraint(f"status IN {REVIEW_STATUSES!r}", name="status"),
        CheckConstraint(f"type IN {ACTIVITY_TYPES!r}", name="type"),
        CheckConstraint("people_reached >= 0", name="people_reached"),
        CheckConstraint(f"duration_minutes BETWEEN 1 AND {MAX_MINUTES}", name="duration"),
        Index("ix_activity_status_held_on", "status", "held_on"),
        Index("ix_activity_moderator_held_on", "moderator_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderator.id"))
    type: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[date] = mapped_column()
    duration_minutes: Mapped[int] = mapped_column()
    people_reached: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")

    moderator = relationship("Moderator")
    languages = relationship("Language", secondary=activity_language, order_by="Language.code")
    reviewed_by = relationship("User", foreign_keys="Activity.reviewed_by_id")

    @property
    def type_label(self) -> str:
        return activity_type_label(self.type)


class ReportReminder(db.Model):
    """A moderator was reminded of this overdue report; nobody is reminded of it twice."""

    __tablename__ = "report_reminder"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), primary_key=True
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
