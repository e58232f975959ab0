"""Mails about reports and activities: reviewed (approved or returned), and overdue reports."""

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from moderators.notifications.facts import MODERATOR, Rows, time_range
from moderators.notifications.outbox import queue_mail
from moderators.notifications.recipients import moderator_recipient
from moderators.notifications.urls import external_url


def report_reviewed(report) -> None:
    recipient = moderator_recipient(report.moderator)
    if report.status == "approved":
        subject = _l("Ihr Bericht wurde freigegeben")
    else:
        subject = _l("Bitte Ihren Bericht ergänzen")
    queue_mail(
        recipient.address,
        subject,
        "report_reviewed",
        recipient.locale,
        report=report,
        session=report.session,
        audience=MODERATOR,
        edit_url=external_url("logbook.edit_report", report_id=report.id),
        logbook_url=external_url("logbook.index"),
    )


def activity_reviewed(activity) -> None:
    recipient = moderator_recipient(activity.moderator)
    if activity.status == "approved":
        subject = _l("Ihre Tätigkeit wurde freigegeben")
    else:
        subject = _l("Bitte Ihre Tätigkeit ergänzen")
    queue_mail(
        recipient.address,
        subject,
        "activity_reviewed",
        recipient.locale,
        activity=activity,
        edit_url=external_url("logbook.edit_activity", activity_id=activity.id),
        logbook_url=external_url("logbook.index"),
    )


def reports_due(moderator, assignments, dedupe_key: str) -> None:
    """One mail listing the sessions whose reports the moderator still owes."""
    recipient = moderator_recipient(moderator)
    queue_mail(
        recipient.address,
        _l("Erinnerung: Berichte zu Ihren Veranstaltungen fehlen"),
        "reports_due",
        recipient.locale,
        assignments=assignments,
        overdue_facts=overdue_facts,
        logbook_url=external_url("logbook.index"),
        dedupe_key=dedupe_key,
    )


def overdue_facts(session) -> Rows:
    """When and where a session with a missing report was, enough to recognise it; called by
    the template, so that it comes out in the recipient's language."""
    place = ", ".join(part for part in (session.venue_name, session.venue_address) if part)
    return [
        (_("Datum"), format_date(session.starts_at, "full")),
        (_("Uhrzeit"), time_range(session.starts_at, session.ends_at)),
        (_("Ort"), place),
        (_("Sprache"), session.language.name),
    ]
