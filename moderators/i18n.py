"""Locale selection, language display names from CLDR, and text direction."""

from functools import cache, cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.support import Translations
from flask import Request, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user
from wtforms.i18n import messages_path

# Names CLDR lacks or gets too coarse for this programme, by language code and reader locale.
NAME_OVERRIDES = {
    "ku": {"de": "Kurmandschi", "en": "Kurmanji", "ku": "Kurmancî"},
    "rom": {"de": "Romanes", "en": "Romani", "rom": "Romani čhib"},
    "ckb": {"de": "Sorani (Zentralkurdisch)", "en": "Sorani (Central Kurdish)"},
    "fa": {"de": "Persisch (Farsi)", "en": "Persian (Farsi)"},
}
RTL_SCRIPTS_LANGUAGES = {"ar", "fa", "ps", "ur", "ckb", "he", "yi", "dv", "ug"}


def available_locales() -> list[str]:
    """Locales with a catalog under translations/, German first."""
    return _available_locales(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


@cache
def _available_locales(directory: str) -> list[str]:
    found = {p.parent.parent.name for p in Path(directory).glob("*/LC_MESSAGES/messages.po")}
    found.add("de")
    return sorted(found, key=lambda code: (code != "de", code != "en", code))


def select_locale() -> str:
    """The user's saved choice, then the session's, then Accept-Language, then German."""
    if not has_request_context():  # CLI and background work: the default, unless forced
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    locales = available_locales()
    if current_user and current_user.is_authenticated and current_user.locale in locales:
        return current_user.locale
    if session.get("locale") in locales:
        return session["locale"]
    return request.accept_languages.best_match(locales) or "de"


def _babel_id(code: str) -> str:
    return code.replace("-", "_")


@cache
@cache  # CLDR's names never change while the app runs; pages name languages all the time
def language_name(code: str, reader: str) -> str | None:
    """The name of language `code` in the `reader` locale, from CLDR or the overrides."""
    override = NAME_OVERRIDES.get(code, {})
    if reader in override:
        return override[reader]
    try:
        names = Locale.parse(reader).languages
    except (UnknownLocaleError, ValueError):
        return None
    name = names.get(_babel_id(code)) or names.get(code.split("-")[0])
    return name[:1].upper() + name[1:] if name else override.get("en")


@cache
def native_language_name(code: str) -> str | None:
    """The name of a language in the language itself (Türkçe, العربية, دری)."""
    return language_name(code, _babel_id(code)) if _is_locale(code) else language_name(code, code)


def _is_locale(code: str) -> bool:
    try:
        Locale.parse(_babel_id(code))
    except (UnknownLocaleError, ValueError):
        return False
    return True


@cache
def text_direction(code: str) -> str:
    try:
        return Locale.parse(_babel_id(code)).text_direction
    except (UnknownLocaleError, ValueError):
        return "rtl" if code.split("-")[0] in RTL_SCRIPTS_LANGUAGES else "ltr"


def N_(text: str) -> str:
    """Marks a German text for the catalogs without translating it here: it is translated
    where it is shown (a topic's name by Topic.name_in, a menu entry by the layout)."""
    return text


def current_locale() -> str:
    return str(get_locale() or "de")


def display_language(code: str, fallback: str | None = None) -> str:
    """A language's name in the reader's UI language; the stored German name as fallback."""
    return language_name(code, current_locale()) or fallback or code


def catalog_text(text: str, locale: str) -> str | None:
    """`text` (a German msgid) as the `locale` catalog translates it, or None if it does not."""
    translated = _catalog(current_app.config["BABEL_TRANSLATION_DIRECTORIES"], locale).gettext(text)
    return translated if translated != text else None


@cache
def _catalog(directory: str, locale: str) -> Translations:
    return Translations.load(directory, [locale])


def install_template_gettext(app) -> None:
    """Templates translate through the request's catalog, found once per request and locale.

    Flask-Babel's template callables look the catalog up again for every string (domain, context,
    locale: most of the cost of a translated word on a page). This keeps the one found, and looks
    again whenever the locale object changes (force_locale, say for a mail in another language).
    """
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )


def _translations():
    if not has_app_context():
        return get_translations()
    babel_state = g.get("_flask_babel")  # where Flask-Babel keeps the locale of this context
    locale = getattr(babel_state, "babel_locale", None)
    found = g.get("ui_translations")
    if locale is None or found is None or found[0] is not locale:
        translations = get_translations()  # finds the locale, if not yet done
        g.ui_translations = (getattr(g.get("_flask_babel"), "babel_locale", None), translations)
        return translations
    return found[1]


class LocalisedRequest(Request):
    """The app's request: WTForms' own messages come from a catalog read once per process.

    Flask-WTF looks for `request.wtforms_translations` and, when missing, reads the WTForms
    catalog from disk again for every request with a form.
    """

    @cached_property
    def wtforms_translations(self):
        return _wtforms_catalog(str(get_locale()))


@cache
def _wtforms_catalog(locale: str) -> Translations:
    return Translations.load(messages_path(), [locale], domain="wtforms")
