"""Moderator and what describes when and where they can work."""

from datetime import date, datetime, time

from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.common.models import TimestampMixin, UTCDateTime
from moderators.extensions import db

TRAINEE, ACTIVE, PAUSED, RETIRED = "trainee", "active", "paused", "retired"
STATUSES = (TRAINEE, ACTIVE, PAUSED, RETIRED)
NATIVE, FLUENT = "native", "fluent"
LEVELS = (NATIVE, FLUENT)
WEEKDAYS = range(7)  # 0 = Monday, as in Python and the API


_STATUS_LABELS = {
    TRAINEE: lazy_pgettext("moderator status", "in Qualifizierung"),
    ACTIVE: lazy_pgettext("moderator status", "aktiv"),
    PAUSED: lazy_pgettext("moderator status", "pausiert"),
    RETIRED: lazy_pgettext("moderator status", "ausgeschieden"),
}


def status_label(status: str) -> str:
    return str(_STATUS_LABELS[status])


_LEVEL_LABELS = {
    NATIVE: lazy_pgettext("language level", "Muttersprache"),
    FLUENT: lazy_pgettext("language level", "fließend"),
}


def level_label(level: str) -> str:
    return str(_LEVEL_LABELS[level])


moderator_district = Table(
    "moderator_district",
    db.metadata,
    Column("moderator_id", ForeignKey("moderator.id", ondelete="CASCADE"), primary_key=True),
    Column("district_id", ForeignKey("district.id", ondelete="CASCADE"), primary_key=True),
)


class Moderator(TimestampMixin, db.Model):
    __table_args__ = (CheckConstraint(f"status IN {STATUSES!r}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(20), default=TRAINEE, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    certified_on: Mapped[date | None] = mapped_column(index=True)
    # Set when the personal data was erased (DSGVO); statistics keep the rows under a pseudonym.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    languages: Mapped[list["ModeratorLanguage"]] = relationship(
        back_populates="moderator", cascade="all, delete-orphan"
    )
    districts = relationship("District", secondary=moderator_district, order_by="District.position")
    availability: Mapped[list["AvailabilityWindow"]] = relationship(
        back_populates="moderator",
        cascade="all, delete-orphan",
        order_by="(AvailabilityWindow.weekday, AvailabilityWindow.starts_at)",
    )
    absences: Mapped[list["Absence"]] = relationship(
        back_populates="moderator", cascade="all, delete-orphan", order_by="Absence.starts_on"
    )
    user = relationship("User", back_populates="moderator", uselist=False)
    enrollments = relationship("Enrollment", back_populates="moderator")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    def __str__(self) -> str:
        return self.full_name


class ModeratorLanguage(db.Model):
    """A language a moderator speaks, and how well."""

    __table_args__ = (CheckConstraint(f"level IN {LEVELS!r}", name="level"),)

    moderator_id: Mapped[int] = mapped_column(
        ForeignKey("moderator.id", ondelete="CASCADE"), primary_key=True
    )
    language_id: Mapped[int] = mapped_column(
        ForeignKey("language.id"), primary_key=True, index=True
    )
    level: Mapped[str] = mapped_column(String(10), default=FLUENT)

    moderator: Mapped[Moderator] = relationship(back_populates="languages")
    language = relationship("Language", lazy="joined")

    @property
    def level_label(self) -> str:
        return level_label(self.level)


class AvailabilityWindow(db.Model):
    """A weekly time window in which the moderator can hold sessions (local time)."""

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(
        ForeignKey("moderator.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int]
    starts_at: Mapped[time]
    ends_at: Mapped[time]

    moderator: Mapped[Moderator] = relationship(back_populates="availability")


class Absence(db.Model):
    """Days (inclusive) on which the moderator cannot work: holidays, illness, travel."""

    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="starts_before_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(
        ForeignKey("moderator.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    note: Mapped[str] = mapped_column(String(200), default="")

    moderator: Mapped[Moderator] = relationship(back_populates="absences")
