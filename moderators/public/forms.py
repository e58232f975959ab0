"""The filter above the public session list."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from moderators.common.forms import choices
from moderators.common.models import District
from moderators.extensions import db
from moderators.i18n import display_language


class PublicFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    language = SelectField(_l("Sprache"), validate_choice=False)
    district = SelectField(_l("Bezirk"), validate_choice=False)

    def __init__(self, formdata, languages):
        super().__init__(formdata)
        named = sorted(
            ((lang.code, display_language(lang.code, lang.name_de)) for lang in languages),
            key=lambda pair: pair[1].casefold(),
        )
        self.language.choices = choices([("", _l("alle Sprachen")), *named])
        districts = db.session.scalars(db.select(District.name).order_by(District.position))
        self.district.choices = choices(
            [("", _l("alle Bezirke")), *((name, name) for name in districts)]
        )

    def criteria(self) -> dict[str, str | None]:
        """Only values the lists offer; anything else filters nothing."""
        known = {
            field: {c.value for c in getattr(self, field).choices}
            for field in ("language", "district")
        }
        return {
            field: value if (value := getattr(self, field).data) in known[field] and value else None
            for field in ("language", "district")
        }
