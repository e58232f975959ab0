"""SessionRequest (with its preferred times), InfoSession and Assignment."""

from datetime import datetime, timedelta

from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.common.models import TimestampMixin, UTCDateTime, utcnow
from moderators.extensions import db

# Request states
OPEN, SCHEDULED, UNFILLED, CANCELLED = "open", "scheduled", "unfilled", "cancelled"
REQUEST_STATUSES = (OPEN, SCHEDULED, UNFILLED, CANCELLED)
# Session states
PLANNED, HELD = "planned", "held"
SESSION_STATUSES = (PLANNED, HELD, CANCELLED)
# Assignment states
OFFERED, ACCEPTED, DECLINED, WITHDRAWN = "offered", "accepted", "declined", "withdrawn"
ASSIGNMENT_STATUSES = (OFFERED, ACCEPTED, DECLINED, WITHDRAWN)
# Assignments that keep a moderator busy at that time
BOOKED = (OFFERED, ACCEPTED)

MIN_DURATION, MAX_DURATION = 30, 240


_REQUEST_STATUS_LABELS = {
    OPEN: lazy_pgettext("request state", "offen"),
    SCHEDULED: lazy_pgettext("request state", "eingeplant"),
    UNFILLED: lazy_pgettext("request state", "nicht besetzt"),
    CANCELLED: lazy_pgettext("request state", "storniert"),
}


def request_status_label(status: str) -> str:
    return str(_REQUEST_STATUS_LABELS[status])


_SESSION_STATUS_LABELS = {
    PLANNED: lazy_pgettext("session state", "geplant"),
    HELD: lazy_pgettext("session state", "stattgefunden"),
    CANCELLED: lazy_pgettext("session state", "abgesagt"),
}


def session_status_label(status: str) -> str:
    return str(_SESSION_STATUS_LABELS[status])


_ASSIGNMENT_STATUS_LABELS = {
    OFFERED: lazy_pgettext("assignment state", "angeboten"),
    ACCEPTED: lazy_pgettext("assignment state", "zugesagt"),
    DECLINED: lazy_pgettext("assignment state", "abgelehnt"),
    WITHDRAWN: lazy_pgettext("assignment state", "zurückgezogen"),
}


def assignment_status_label(status: str) -> str:
    return str(_ASSIGNMENT_STATUS_LABELS[status])


class VenueMixin:
    """Where a session takes place: a school's address or another place, in a district."""

    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)


class SessionRequest(VenueMixin, TimestampMixin, db.Model):
    """A school asks for a moderator in a language, on a topic, at one of a few times."""

    __tablename__ = "session_request"
    __table_args__ = (
        CheckConstraint(f"status IN {REQUEST_STATUSES!r}", name="status"),
        CheckConstraint(
            f"duration_minutes BETWEEN {MIN_DURATION} AND {MAX_DURATION}", name="duration"
        ),
        CheckConstraint("expected_parents >= 0", name="expected_parents"),
        Index("ix_session_request_status_created", "status", "created_at"),  # the queue
        Index("ix_session_request_created_at", "created_at"),  # demand per period
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    language_id: Mapped[int] = mapped_column(ForeignKey("language.id"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    duration_minutes: Mapped[int] = mapped_column(default=90)
    expected_parents: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default=OPEN, index=True)
    status_reason: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    school = relationship("School")
    language = relationship("Language")
    topic = relationship("Topic")
    district = relationship("District")
    slots: Mapped[list["RequestSlot"]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestSlot.starts_at"
    )
    sessions: Mapped[list["InfoSession"]] = relationship(back_populates="request")

    @property
    def status_label(self) -> str:
        return request_status_label(self.status)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class RequestSlot(db.Model):
    """One preferred start time of a request."""

    __tablename__ = "request_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("session_request.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)

    request: Mapped[SessionRequest] = relationship(back_populates="slots")


class InfoSession(VenueMixin, TimestampMixin, db.Model):
    """A dated information session in one language on one topic."""

    __tablename__ = "info_session"
    __table_args__ = (
        CheckConstraint(f"status IN {SESSION_STATUSES!r}", name="status"),
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        CheckConstraint("moderators_needed >= 1", name="moderators_needed"),
        Index("ix_info_session_starts_at", "starts_at"),
        Index("ix_info_session_school_time", "school_id", "starts_at"),  # a school's sessions
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("session_request.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    language_id: Mapped[int] = mapped_column(ForeignKey("language.id"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    moderators_needed: Mapped[int] = mapped_column(default=1)
    expected_parents: Mapped[int] = mapped_column(default=0)
    public: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=PLANNED, index=True)
    status_reason: Mapped[str] = mapped_column(String(500), default="")

    request: Mapped[SessionRequest | None] = relationship(back_populates="sessions")
    school = relationship("School")
    language = relationship("Language")
    topic = relationship("Topic")
    district = relationship("District")
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="session", order_by="Assignment.id"
    )

    @property
    def status_label(self) -> str:
        return session_status_label(self.status)

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def accepted(self) -> list["Assignment"]:
        return [a for a in self.assignments if a.status == ACCEPTED]

    @property
    def is_past(self) -> bool:
        return self.starts_at <= utcnow()


class Assignment(db.Model):
    """A moderator offered to or booked for a session.

    The session's times are copied here, so that the database itself can refuse two accepted
    assignments of one moderator that overlap (an exclusion constraint on PostgreSQL).
    """

    __table_args__ = (
        CheckConstraint(f"status IN {ASSIGNMENT_STATUSES!r}", name="status"),
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_assignment_moderator_time", "moderator_id", "starts_at"),
        # A moderator's page: their offers, bookings and the reports they owe.
        Index("ix_assignment_moderator_status_time", "moderator_id", "status", "starts_at"),
        Index("ix_assignment_session_status", "session_id", "status"),  # who is booked
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("info_session.id"), index=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderator.id"))
    status: Mapped[str] = mapped_column(String(20), default=OFFERED, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_reason: Mapped[str] = mapped_column(String(500), default="")
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[InfoSession] = relationship(back_populates="assignments")
    moderator = relationship("Moderator")

    @property
    def status_label(self) -> str:
        return assignment_status_label(self.status)
