"""Readable names for audit-log actions, their groups and the field names they list."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

# The groups the audit viewer filters by: the part of an action before the dot.
ACTION_GROUPS = {
    "moderator": _l("Moderator*innen"),
    "school": _l("Schulen"),
    "user": _l("Zugänge"),
    "privacy": _l("Datenschutz"),
    "request": _l("Anfragen"),
    "session": _l("Veranstaltungen"),
    "assignment": _l("Einsätze"),
    "report": _l("Berichte"),
    "activity": _l("Tätigkeiten"),
    "cohort": _l("Qualifizierung"),
    "module": _l("Module"),
    "enrollment": _l("Teilnahmen"),
    "topic": _l("Themen"),
    "language": _l("Sprachen"),
}

ACTIONS = {
    "moderator.create": _l("Moderator*in angelegt"),
    "moderator.update": _l("Profil geändert"),
    "moderator.add_availability": _l("Zeitfenster eingetragen"),
    "moderator.remove_availability": _l("Zeitfenster entfernt"),
    "moderator.add_absence": _l("Abwesenheit eingetragen"),
    "moderator.remove_absence": _l("Abwesenheit entfernt"),
    "moderator.certify": _l("Zertifiziert"),
    "school.create": _l("Schule angelegt"),
    "school.update": _l("Schule geändert"),
    "user.create": _l("Zugang angelegt"),
    "user.invite": _l("Zur App eingeladen"),
    "user.invite_accepted": _l("Einladung angenommen"),
    "user.reset_accepted": _l("Neues Passwort festgelegt"),
    "user.password_reset_requested": _l("Neues Passwort angefordert"),
    "user.login": _l("Angemeldet"),
    "user.set_locale": _l("Sprache der App gewählt"),
    "user.activate": _l("Zugang freigegeben"),
    "user.deactivate": _l("Zugang gesperrt"),
    "user.api_token": _l("API-Schlüssel erzeugt"),
    "user.calendar_token": _l("Kalender-Abo eingerichtet"),
    "user.calendar_token_revoked": _l("Kalender-Abo beendet"),
    "privacy.export": _l("Eigene Daten abgerufen"),
    "privacy.anonymise": _l("Personendaten gelöscht (anonymisiert)"),
    "privacy.anonymise_contact": _l("Daten der Ansprechperson gelöscht"),
    "request.create": _l("Anfrage gestellt"),
    "request.cancel": _l("Anfrage storniert"),
    "request.unfilled": _l("Anfrage nicht besetzt"),
    "session.create": _l("Veranstaltung angelegt"),
    "session.update": _l("Veranstaltung geändert"),
    "session.reschedule": _l("Veranstaltung verlegt"),
    "session.cancel": _l("Veranstaltung abgesagt"),
    "assignment.offer": _l("Einsatz angeboten"),
    "assignment.assign": _l("Fest eingeteilt"),
    "assignment.accept": _l("Einsatz zugesagt"),
    "assignment.decline": _l("Einsatz abgelehnt"),
    "report.submit": _l("Bericht eingereicht"),
    "report.update": _l("Bericht geändert"),
    "report.approve": _l("Bericht freigegeben"),
    "report.return": _l("Bericht zurückgegeben"),
    "activity.submit": _l("Tätigkeit eingetragen"),
    "activity.update": _l("Tätigkeit geändert"),
    "activity.approve": _l("Tätigkeit freigegeben"),
    "activity.return": _l("Tätigkeit zurückgegeben"),
    "cohort.create": _l("Durchgang angelegt"),
    "cohort.update": _l("Durchgang geändert"),
    "cohort.close": _l("Durchgang abgeschlossen"),
    "module.create": _l("Modul angelegt"),
    "module.update": _l("Modul geändert"),
    "module.cancel": _l("Modul abgesagt"),
    "module.reinstate": _l("Modul findet wieder statt"),
    "module.attendance": _l("Anwesenheit erfasst"),
    "enrollment.create": _l("Zur Qualifizierung angemeldet"),
    "enrollment.dropped": _l("Aus dem Durchgang genommen"),
    "enrollment.completed": _l("Qualifizierung abgeschlossen"),
    "enrollment.not_completed": _l("Qualifizierung nicht abgeschlossen"),
    "topic.create": _l("Thema angelegt"),
    "topic.update": _l("Thema geändert"),
    "language.create": _l("Sprache angelegt"),
    "language.update": _l("Sprache geändert"),
    "language.activate": _l("Sprache aktiviert"),
    "language.deactivate": _l("Sprache deaktiviert"),
}

# What kind of thing an audit row is about, by model name.
OBJECT_KINDS = {
    "Moderator": _l("Moderator*in"),
    "School": _l("Schule"),
    "User": _l("Zugang"),
    "EventReport": _l("Bericht"),
    "Activity": _l("Tätigkeit"),
    "Assignment": _l("Einsatz"),
    "InfoSession": _l("Veranstaltung"),
    "SessionRequest": _l("Anfrage"),
    "Cohort": _l("Durchgang"),
    "TrainingModule": _l("Modul"),
    "Enrollment": _l("Teilnahme"),
    "Topic": _l("Thema"),
    "Language": _l("Sprache"),
}

MAIL_STATES = {
    "pending": lazy_pgettext("mail state", "wartet auf Versand"),
    "sent": lazy_pgettext("mail state", "verschickt"),
    "failed": lazy_pgettext("mail state", "nicht zugestellt"),
}

# Field names that audit rows list (never their values), as a reader knows them.
FIELDS = {
    "first_name": _l("Vorname"),
    "last_name": _l("Nachname"),
    "email": _l("E-Mail-Adresse"),
    "phone": _l("Telefon"),
    "notes": _l("Notizen"),
    "status": _l("Status"),
    "languages": _l("Sprachen"),
    "districts": _l("Bezirke"),
    "availability": _l("Zeitfenster"),
    "absences": _l("Abwesenheiten"),
    "name": lazy_pgettext("field", "Name"),
    "type": _l("Art der Einrichtung"),
    "district_id": _l("Bezirk"),
    "address": _l("Adresse"),
    "contact_name": _l("Name der Ansprechperson"),
    "contact_email": _l("E-Mail der Ansprechperson"),
    "contact_phone": _l("Telefon der Ansprechperson"),
    "active": _l("aktiv"),
    "account": _l("Zugang zur App"),
    "outbox": _l("gespeicherte E-Mails"),
}
# Details that list field names; their values are turned into the labels above.
FIELD_LIST_KEYS = ("fields", "changed", "erased")


def action_label(action: str) -> str:
    label = ACTIONS.get(action)
    return str(label) if label is not None else action


def object_kind_label(kind: str) -> str:
    label = OBJECT_KINDS.get(kind)
    return str(label) if label is not None else kind


def mail_state_label(status: str) -> str:
    label = MAIL_STATES.get(status)
    return str(label) if label is not None else status


def field_label(name: str) -> str:
    label = FIELDS.get(name)
    return str(label) if label is not None else name
