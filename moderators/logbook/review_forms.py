"""Forms of the coordinator's review: the queue's filters, approving and returning."""

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from moderators.common.forms import PlainSelect, choices, strip
from moderators.logbook.models import REVIEW_STATUSES, SUBMITTED, review_status_label
from moderators.logbook.review_queries import ACTIVITIES, BOTH, REPORTS

COMMENT_LENGTH = 2000  # what the service accepts


class ReviewFilterForm(FlaskForm):
    """The GET form above the queue; values that are not among the choices are ignored."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Art"), default=BOTH, widget=PlainSelect())
    status = SelectField(_l("Stand"), default=SUBMITTED, widget=PlainSelect())
    name = SearchField(_l("Name der Moderator*in"), filters=[strip])

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.kind.choices = choices(
            [
                # i18n: filter of the review queue: reports and activities together
                (BOTH, pgettext("review filter", "Berichte und Tätigkeiten")),
                (REPORTS, pgettext("review filter", "Berichte")),
                (ACTIVITIES, pgettext("review filter", "Tätigkeiten")),
            ]
        )
        self.status.choices = choices((s, review_status_label(s)) for s in REVIEW_STATUSES)

    def criteria(self) -> dict:
        """Arguments of review_queries.review_queue."""
        self.validate()
        return {
            "kind": self.kind.data if not self.kind.errors else BOTH,
            "status": self.status.data if not self.status.errors else SUBMITTED,
            "name": (self.name.data or "")[:100],
        }


class ApproveForm(FlaskForm):
    comment = TextAreaField(
        _l("Anmerkung (freiwillig)"),
        validators=[Length(max=COMMENT_LENGTH)],
        filters=[strip],
        description=_l("Die Moderator*in erhält sie mit der Freigabe per E-Mail."),
    )
    submit = SubmitField(_l("Freigeben"))


class ReturnForm(FlaskForm):
    comment = TextAreaField(
        _l("Was ist zu ergänzen oder zu korrigieren?"),
        validators=[
            DataRequired(message=_l("Bitte schreiben Sie, was zu ändern ist.")),
            Length(max=COMMENT_LENGTH),
        ],
        filters=[strip],
        description=_l("Die Moderator*in erhält den Text per E-Mail und sieht ihn im Logbuch."),
    )
    submit = SubmitField(_l("Zurückgeben"))
