"""Language: a heritage language with its BCP 47 code."""

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from moderators.extensions import db
from moderators.i18n import display_language, native_language_name


class Language(db.Model):
    __table_args__ = (CheckConstraint("direction IN ('ltr', 'rtl')", name="direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_de: Mapped[str] = mapped_column(String(80))
    direction: Mapped[str] = mapped_column(String(3), default="ltr")
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def name(self) -> str:
        """The name in the reader's UI language; the stored German name when CLDR has none."""
        return display_language(self.code, self.name_de)

    @property
    def native_name(self) -> str:
        return native_language_name(self.code) or self.name_de

    def __str__(self) -> str:
        return self.name
