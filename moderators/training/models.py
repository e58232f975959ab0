"""Cohort, TrainingModule, Enrollment and Attendance."""

from datetime import date, datetime

from flask_babel import lazy_pgettext, pgettext
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.common.models import TimestampMixin, UTCDateTime, utcnow
from moderators.common.timezone import local_today
from moderators.extensions import db

# Enrolment states
ENROLLED, COMPLETED, NOT_COMPLETED, DROPPED = "enrolled", "completed", "not_completed", "dropped"
ENROLLMENT_STATUSES = (ENROLLED, COMPLETED, NOT_COMPLETED, DROPPED)
# Attendance per module
PRESENT, EXCUSED, ABSENT = "present", "excused", "absent"
ATTENDANCE_STATUSES = (PRESENT, EXCUSED, ABSENT)
# Module and cohort states
PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"
RUNNING, CLOSED = "running", "closed"


_ENROLLMENT_STATUS_LABELS = {
    ENROLLED: lazy_pgettext("enrolment status", "angemeldet"),
    COMPLETED: lazy_pgettext("enrolment status", "abgeschlossen"),
    NOT_COMPLETED: lazy_pgettext("enrolment status", "nicht abgeschlossen"),
    DROPPED: lazy_pgettext("enrolment status", "ausgeschieden"),
}


def enrollment_status_label(status: str) -> str:
    return str(_ENROLLMENT_STATUS_LABELS[status])


def attendance_label(status: str | None) -> str:
    return {
        PRESENT: pgettext("attendance", "anwesend"),
        EXCUSED: pgettext("attendance", "entschuldigt"),
        ABSENT: pgettext("attendance", "abwesend"),
        None: pgettext("attendance", "nicht erfasst"),
    }[status]


_STATE_LABELS = {
    PLANNED: lazy_pgettext("cohort or module state", "geplant"),
    HELD: lazy_pgettext("module state", "stattgefunden"),
    CANCELLED: lazy_pgettext("module state", "abgesagt"),
    RUNNING: lazy_pgettext("cohort state", "läuft"),
    CLOSED: lazy_pgettext("cohort state", "abgeschlossen"),
}


def state_label(status: str) -> str:
    return str(_STATE_LABELS[status])


class Cohort(TimestampMixin, db.Model):
    """One training run (Qualifizierung) with its dated modules."""

    __table_args__ = (
        CheckConstraint("starts_on <= ends_on", name="starts_before_ends"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    venue: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(default=20)
    trainers: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    modules: Mapped[list["TrainingModule"]] = relationship(
        back_populates="cohort",
        order_by="(TrainingModule.position, TrainingModule.starts_at, TrainingModule.id)",
    )
    enrollments: Mapped[list["Enrollment"]] = relationship(
        back_populates="cohort", order_by="Enrollment.id"
    )

    @property
    def status(self) -> str:
        if self.closed_at is not None:
            return CLOSED
        return PLANNED if self.starts_on > local_today() else RUNNING

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def status_label(self) -> str:
        return state_label(self.status)

    def __str__(self) -> str:
        return self.name


class TrainingModule(db.Model):
    """One dated training unit of a cohort."""

    __tablename__ = "training_module"
    __table_args__ = (CheckConstraint("starts_at < ends_at", name="starts_before_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    position: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cohort: Mapped[Cohort] = relationship(back_populates="modules")
    topic = relationship("Topic")
    attendance: Mapped[list["Attendance"]] = relationship(back_populates="module")

    @property
    def status(self) -> str:
        if self.cancelled_at is not None:
            return CANCELLED
        return HELD if self.starts_at <= utcnow() else PLANNED

    @property
    def status_label(self) -> str:
        return state_label(self.status)

    def __str__(self) -> str:
        return self.title


class Enrollment(db.Model):
    """A person's place in a cohort, and how it ended."""

    __table_args__ = (
        UniqueConstraint("cohort_id", "moderator_id"),
        CheckConstraint(f"status IN {ENROLLMENT_STATUSES!r}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderator.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ENROLLED)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    drop_reason: Mapped[str] = mapped_column(String(500), default="")
    # Fixed when the cohort is closed; while it runs, the rate is computed from attendance.
    final_rate: Mapped[float | None]

    cohort: Mapped[Cohort] = relationship(back_populates="enrollments")
    moderator = relationship("Moderator", back_populates="enrollments")
    attendance: Mapped[list["Attendance"]] = relationship(back_populates="enrollment")

    @property
    def status_label(self) -> str:
        return enrollment_status_label(self.status)


class Attendance(db.Model):
    """Whether an enrolled person was at a module."""

    __table_args__ = (CheckConstraint(f"status IN {ATTENDANCE_STATUSES!r}", name="status"),)

    module_id: Mapped[int] = mapped_column(ForeignKey("training_module.id"), primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollment.id"), primary_key=True, index=True
    )
    status: Mapped[str] = mapped_column(String(10))

    module: Mapped[TrainingModule] = relationship(back_populates="attendance")
    enrollment: Mapped[Enrollment] = relationship(back_populates="attendance")
