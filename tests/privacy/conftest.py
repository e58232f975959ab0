"""Fixtures of the privacy tests: a moderator with data in every part of the app."""

from datetime import date, timedelta

import pytest

from moderators.common.timezone import local_today
from moderators.extensions import db
from moderators.logbook.services import log_activity
from moderators.notifications.models import OutboxMail
from moderators.roster import services as roster
from moderators.training import enrolments
from moderators.training.closing import close_cohort


@pytest.fixture
def full_moderator(make_user, make_cohort, make_held_session, make_report):
    """Returns a function: a moderator (with account) who has a profile, an absence, a finished
    training, a held session with a report, an activity and a stored mail, each marked with
    `tag` so a test can tell whose data it sees."""

    def make(tag: str, email: str):
        user = make_user("moderator", email=email)
        moderator = user.moderator
        roster.update_moderator(
            moderator,
            first_name=f"Ayşe{tag}",
            last_name=f"Yılmaz{tag}",
            phone=f"040 {tag} 123",
            notes=f"Notiz {tag}",
        )
        roster.add_absence(moderator, date(2030, 1, 1), date(2030, 1, 5), f"Reise {tag}")
        cohort = make_cohort(held=1, name=f"Durchgang {tag}")
        moderator.status = "trainee"
        db.session.commit()
        enrollment = enrolments.enroll(cohort, moderator)
        enrolments.record_attendance(cohort.modules[0], {enrollment.id: "present"})
        close_cohort(cohort)
        session = make_held_session(days_ago=10, moderators=[moderator])
        make_report(session.accepted[0], notes=f"Bericht {tag}")
        log_activity(
            moderator,
            type="counselling",
            held_on=local_today() - timedelta(days=2),
            duration_minutes=45,
            notes=f"Tätigkeit {tag}",
        )
        db.session.add(
            OutboxMail(recipient=email, subject=f"Betreff {tag}", body_text=f"Hallo {tag}")
        )
        db.session.commit()
        return user

    return make
