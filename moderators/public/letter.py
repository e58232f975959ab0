"""The invitation letter for parents: one text from the catalogs, in the session's language and
in German."""

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from moderators.i18n import available_locales, text_direction


def locale_for_language(code: str) -> str | None:
    """The shipped UI locale of a session language (fa-AF → fa_AF), if there is one."""
    locale = code.replace("-", "_")
    return locale if locale in available_locales() else None


def letter_parts(session) -> list[dict]:
    """The letter's versions, the session's language first and German after it; German only
    when the session is in German or its language has no catalog."""
    locales = [locale_for_language(session.language.code), "de"]
    parts = []
    for locale in dict.fromkeys(code for code in locales if code):
        with force_locale(locale):
            text = render_template("public/_letter_text.html", session=session)
        # render_template has escaped every value in the text already.
        html = Markup(text)  # nosec B704
        parts.append({"locale": locale, "dir": text_direction(locale), "html": html})
    return parts
