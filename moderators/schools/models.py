"""School: any place that asks for sessions (school, Kita, community centre) and its contact."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderators.common.models import TimestampMixin, UTCDateTime
from moderators.extensions import db

SCHOOL_TYPES = {
    "grundschule": _l("Grundschule"),
    "stadtteilschule": _l("Stadtteilschule"),
    "gymnasium": _l("Gymnasium"),
    "rebbz": _l("ReBBZ (Regionales Bildungs- und Beratungszentrum)"),
    "berufliche_schule": _l("Berufliche Schule"),
    "kita": _l("Kita"),
    "community_centre": _l("Stadtteilzentrum"),
}


class School(TimestampMixin, db.Model):
    __table_args__ = (CheckConstraint(f"type IN {tuple(SCHOOL_TYPES)!r}", name="type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    type: Mapped[str] = mapped_column(String(30))
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(160), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Set when the contact person's data was erased (DSGVO).
    contact_anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    district = relationship("District", lazy="joined")
    users = relationship("User", back_populates="school")

    @property
    def type_label(self) -> str:
        return str(SCHOOL_TYPES[self.type])

    def __str__(self) -> str:
        return self.name
