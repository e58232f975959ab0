"""Forms a moderator uses to answer an offer."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from moderators.common.forms import strip

REASON_MAX = 500  # Assignment.decline_reason holds 500 characters


class DeclineForm(FlaskForm):
    """Declining needs no reason; one given helps the coordination office plan."""

    reason = TextAreaField(
        _l("Grund (freiwillig)"),
        description=_l(
            "Zum Beispiel: an diesem Tag verhindert. Der Grund geht an die Koordination."
        ),
        validators=[
            Length(
                max=REASON_MAX, message=_l("Der Grund darf höchstens %(max)d Zeichen lang sein.")
            )
        ],
        filters=[strip],
        render_kw={"maxlength": REASON_MAX, "rows": 3},
    )
    # i18n: button that sends the answer "no" to an offered session
    submit = SubmitField(_l("Angebot ablehnen"))
