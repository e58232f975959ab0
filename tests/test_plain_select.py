"""The filters above the lists render their selects as WTForms would, only with less work."""

import pytest
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField
from wtforms.validators import InputRequired
from wtforms.widgets import Select

from moderators.common.forms import PlainSelect, choices

CHOICES = [
    ("", _l("Alle")),
    ("tr", "Türkisch"),
    ("x&y", "A <b>\"quoted\"</b> & 'more'"),
    ("empty", ""),
    ("7", 7),
]


class Both(Form):
    plain = SelectField("Plain", widget=PlainSelect())
    usual = SelectField("Usual", widget=Select())


@pytest.mark.parametrize("chosen", [None, "", "tr", "x&y", "7", "unknown"])
def test_plain_select_writes_what_wtforms_writes(app, chosen):
    with app.test_request_context():
        form = Both(data={"plain": chosen, "usual": chosen})
        form.plain.choices = choices(CHOICES)
        form.usual.choices = choices(CHOICES)
        for attributes in ({}, {"class_": "wide"}):
            usual = str(form.usual(**attributes)).replace('"usual"', '"plain"')
            assert str(form.plain(**attributes)) == usual


class Required(Form):
    plain = SelectField("Plain", widget=PlainSelect(), validators=[InputRequired()])
    usual = SelectField("Usual", widget=Select(), validators=[InputRequired()])


def test_a_required_select_is_written_as_wtforms_writes_it(app):
    with app.test_request_context():
        form = Required(data={"plain": "tr", "usual": "tr"})
        form.plain.choices = choices(CHOICES)
        form.usual.choices = choices(CHOICES)
        usual = str(form.usual(aria_describedby="hint")).replace('"usual"', '"plain"')
        assert str(form.plain(aria_describedby="hint")) == usual
        assert " required" in usual
