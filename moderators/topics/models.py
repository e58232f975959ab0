"""Topic: what an information session is about, named in German and English."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from moderators.extensions import db
from moderators.i18n import catalog_text, current_locale


class Topic(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name_de: Mapped[str] = mapped_column(String(160), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(160))
    description: Mapped[str | None] = mapped_column(String(1000))
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    def name_in(self, locale: str) -> str:
        return topic_name(self.name_de, self.name_en, locale)

    @property
    def name(self) -> str:
        return self.name_in(current_locale())

    def __str__(self) -> str:
        return self.name


def topic_name(name_de: str, name_en: str | None, locale: str) -> str:
    """German is the original. The seeded topics are in the catalogs, so every shipped locale
    has their name; other topics show the English name where there is one."""
    if locale.startswith("de"):
        return name_de
    if locale.startswith("en") and name_en:
        return name_en
    return catalog_text(name_de, locale) or name_en or name_de
