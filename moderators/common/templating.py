"""Jinja globals and filters: locale, text direction, formatting, pagination links."""

from decimal import Decimal

from babel.dates import format_skeleton, get_day_names
from flask import Flask, request, url_for
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    format_time,
    get_locale,
)
from markupsafe import Markup

from moderators.common.timezone import local_today, to_local
from moderators.i18n import current_locale, display_language, native_language_name, text_direction


def url_with(**changes) -> str:
    """This page's URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def weekday_name(weekday: int, width: str = "wide") -> str:
    """Monday is 0; the name comes from CLDR in the reader's locale."""
    return get_day_names(width, locale=get_locale())[weekday]


def hidden_fields(form) -> Markup:
    """A form's hidden fields (the CSRF token among them) without ids: a page with several forms
    would otherwise repeat id="csrf_token", which screen readers and WCAG 4.1.1 object to."""
    hidden = [f for f in form if getattr(f.widget, "input_type", None) == "hidden"] if form else []
    return Markup("").join(field(id=False) for field in hidden)  # each field escapes its own value


def format_day(day) -> str:
    """A day with its weekday, short and numeric, as the reader's locale writes it
    ("Mi., 25.11.2026", "Wed, 11/25/2026")."""
    return format_skeleton("yMEd", day, locale=get_locale())


def format_euros(cents: int | None) -> str:
    """An amount kept in cents, as euros in the reader's locale ("12,50 €", "€12.50")."""
    return format_currency(Decimal(cents or 0) / 100, "EUR")


def format_hours(minutes: int | None) -> str:
    """Minutes as hours with one decimal, in the reader's locale ("1,5")."""
    return format_decimal(Decimal(minutes or 0) / 60, format="#,##0.0")


def register_template_helpers(app: Flask) -> None:
    from moderators.common.layout import layout_texts, locale_options, main_navigation

    app.jinja_env.globals.update(
        format_date=format_date,
        format_datetime=format_datetime,
        format_time=format_time,
        format_decimal=format_decimal,
        format_percent=format_percent,
        format_day=format_day,
        hidden_fields=hidden_fields,
        format_euros=format_euros,
        format_hours=format_hours,
        url_with=url_with,
        weekday_name=weekday_name,
        local_today=local_today,
        to_local=to_local,
        layout_texts=layout_texts,
        locale_options=locale_options,
        main_navigation=main_navigation,
    )
    app.jinja_env.filters.update(language_name=display_language, native_name=native_language_name)

    @app.context_processor
    def locale_context():
        locale = current_locale()
        return {"ui_locale": locale, "ui_direction": text_direction(locale)}
