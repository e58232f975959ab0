"""The parts of the base layout that change only with the locale and the role, built once.

Every page pays for its layout: the main navigation (a url_for and a translation per entry) and
the language switcher (a name per shipped locale). Those depend on nothing but the UI locale,
the role, the entry of the current page and the app's URL root, so each combination is rendered
once per process and kept as markup.
"""

from collections.abc import Callable
from functools import cache

from flask import get_template_attribute, request, url_for
from flask_babel import force_locale, gettext
from markupsafe import Markup

from moderators.i18n import N_, current_locale

Rule = Callable[[str, str, str], bool]  # (endpoint, blueprint, path) -> is the current page


def _in(blueprint: str, path: str = "") -> Rule:
    return lambda endpoint, bp, current_path: bp == blueprint and current_path.startswith(path)


def _at(*endpoints: str) -> Rule:
    return lambda endpoint, bp, current_path: endpoint in endpoints


# Per role: (endpoint, label, when the entry is the current page).
NAVIGATION: dict[str, tuple[tuple[str, str, Rule], ...]] = {
    "coordinator": (
        ("scheduling.queue", N_("Anfragen"), _in("scheduling", "/requests")),
        ("scheduling.sessions", N_("Veranstaltungen"), _in("scheduling", "/sessions")),
        ("review.queue", N_("Berichte"), _in("review")),
        ("reports.statistics", N_("Statistik"), _in("reports")),
        ("roster.index", N_("Moderator*innen"), _in("roster")),
        ("schools.index", N_("Schulen"), _in("schools")),
        ("training.index", N_("Qualifizierung"), _in("training")),
        ("languages.coverage", N_("Sprachen"), _in("languages")),
        ("topics.index", N_("Themen"), _in("topics")),
    ),
    "moderator": (
        ("moderator_sessions.index", N_("Meine Veranstaltungen"), _at("moderator_sessions.index")),
        ("logbook.index", N_("Mein Logbuch"), _in("logbook")),
        ("reports.own_overview", N_("Meine Übersicht"), _at("reports.own_overview")),
        ("roster.own_profile", N_("Mein Profil"), lambda e, bp, p: e.startswith("roster.")),
        ("training.own_training", N_("Meine Qualifizierung"), _in("training")),
    ),
    "school": (
        ("schools.own", N_("Unsere Schule"), _at("schools.own")),
        (
            "school_requests.index",
            N_("Anfragen"),
            _at("school_requests.index", "school_requests.new"),
        ),
        ("school_requests.sessions", N_("Veranstaltungen"), _at("school_requests.sessions")),
    ),
    "anonymous": (
        ("public.sessions", N_("Veranstaltungen für Eltern"), _in("public")),
        ("auth.login", N_("Anmelden"), _at("auth.login")),
    ),
}


def main_navigation(role: str) -> Markup:
    """The entries of the main navigation for `role` (or "anonymous"), the current one marked."""
    endpoint, blueprint = request.endpoint or "", request.blueprint or ""
    current = next(
        (
            index
            for index, (_endpoint, _label, is_current) in enumerate(NAVIGATION[role])
            if is_current(endpoint, blueprint, request.path)
        ),
        None,
    )
    return _navigation(current_locale(), request.script_root, role, current)


@cache
def _navigation(locale: str, root: str, role: str, current: int | None) -> Markup:
    with force_locale(locale):
        entries = [
            (url_for(endpoint), gettext(label), index == current)
            for index, (endpoint, label, _rule) in enumerate(NAVIGATION[role])
        ]
    return get_template_attribute("macros/layout.html", "navigation")(entries)


def locale_options() -> Markup:
    """The options of the language switcher, the current UI language selected."""
    return _locale_options(current_locale())


@cache
def _locale_options(selected: str) -> Markup:
    from moderators.auth.views import locale_choices

    return get_template_attribute("macros/layout.html", "locale_options")(
        locale_choices(), selected
    )


# The words of the layout itself, translated once per locale.
TEXTS = {
    "site": N_("Elternmoderation Hamburg"),
    "skip": N_("Zum Inhalt springen"),
    "main_navigation": N_("Hauptnavigation"),
    "language": N_("Sprache"),
    "switch": N_("Wechseln"),
    "sign_out": N_("Abmelden"),
    "footer": N_(
        "Elternmoderation Hamburg – Informationsveranstaltungen für Eltern in ihren "
        "Herkunftssprachen"
    ),
}


def layout_texts() -> dict[str, str]:
    return _texts(current_locale())


@cache
def _texts(locale: str) -> dict[str, str]:
    with force_locale(locale):
        return {key: gettext(text) for key, text in TEXTS.items()}
