"""The report pages' formatter writes exactly what Flask-Babel and format_hours write."""

from datetime import date

from flask_babel import force_locale, format_date, format_decimal

from moderators.common.templating import format_hours
from moderators.i18n import available_locales
from moderators.reports.formats import ReaderFormats

VALUES = [0, 1, 7, 59, 60, 61, 999, 1000, 1234, 12345, 123456, 1234567, 2.5]


def test_counts_and_hours_read_as_flask_babel_writes_them_in_every_locale(app):
    with app.test_request_context():
        for locale in available_locales():
            with force_locale(locale):
                formats = ReaderFormats()
                assert [formats.count(v) for v in VALUES] == [format_decimal(v) for v in VALUES]
                minutes = [v for v in VALUES if isinstance(v, int)] + [None]
                assert [formats.hours(m) for m in minutes] == [format_hours(m) for m in minutes]
                for pattern in ("MMMM yyyy", "MMM", "L"):
                    days = [date(2026, month, 1) for month in range(1, 13)]
                    expected = [format_date(day, pattern) for day in days]
                    assert [formats.day(day, pattern) for day in days] == expected


def test_a_formatter_keeps_the_locale_it_was_made_in(app):
    with app.test_request_context():
        with force_locale("en"):
            english = ReaderFormats()
        with force_locale("de"):
            assert english.count(1234) == "1,234"
            assert ReaderFormats().count(1234) == "1.234"
