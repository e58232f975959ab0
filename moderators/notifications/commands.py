"""Flask commands for mail: send-mail empties the outbox, send-reminders fills it."""

import click


@click.command("send-mail")
def send_mail():
    """Send the due mails of the outbox; failures are retried later with back-off.

    Run it every minute or so (cron, systemd timer). Without MAIL_SERVER the mails are written
    to the log and count as sent. Two runs at once do not send a mail twice.
    """
    from moderators.notifications.sending import send_due_mails

    click.echo(str(send_due_mails()))


@click.command("send-reminders")
def send_reminders():
    """Queue reminders: of sessions that start within the next 48 hours, and of reports overdue
    for more than REPORT_REMINDER_DAYS (7); safe to run again.

    Run it hourly or daily, before send-mail. Nobody gets the same reminder twice.
    """
    from moderators.logbook.reminders import queue_report_reminders
    from moderators.notifications.reminders import queue_due_reminders

    reminded = queue_due_reminders()
    click.echo(f"{reminded} assignment(s) reminded; the mails wait in the outbox for send-mail.")
    mailed = queue_report_reminders()
    click.echo(f"{mailed} moderator(s) reminded of overdue reports.")


def register_mail_commands(app) -> None:
    app.cli.add_command(send_mail)
    app.cli.add_command(send_reminders)
