"""Demo training as rows: the planned cohorts with their modules, enrolments and attendance."""

import random

from sqlalchemy import select

from moderators.common.timezone import local_today
from moderators.demo_training import plan_training
from moderators.extensions import db
from moderators.roster.models import Moderator
from moderators.topics.models import Topic
from moderators.training.models import COMPLETED, Attendance, Cohort, Enrollment, TrainingModule
from moderators.training.services import COHORT_FIELDS, completion_threshold

ENROLLMENT_FIELDS = ("status", "enrolled_at", "decided_at", "drop_reason", "final_rate")


def training_cohorts(plan: list[dict], moderators: list[Moderator]) -> list[Cohort]:
    """The planned cohorts as rows (modules, enrolments and attendance hang on them);
    certifies the moderators who completed one."""
    topics = {topic.name_de: topic.id for topic in db.session.scalars(select(Topic))}
    cohorts = []
    for planned in plan:
        cohort = Cohort(**{field: planned[field] for field in (*COHORT_FIELDS, "closed_at")})
        modules = [
            TrainingModule(
                cohort=cohort,
                position=n,
                topic_id=topics.get(m["topic"]),
                **{k: m[k] for k in ("title", "starts_at", "ends_at", "cancelled_at")},
            )
            for n, m in enumerate(planned["modules"])
        ]
        for e in planned["enrollments"]:
            moderator = moderators[e["person"]]
            fields = {k: e[k] for k in ENROLLMENT_FIELDS}
            enrollment = Enrollment(cohort=cohort, moderator=moderator, **fields)
            for module, status in zip(modules, e["attendance"], strict=True):
                if status is not None:
                    Attendance(module=module, enrollment=enrollment, status=status)
            if e["status"] == COMPLETED:
                moderator.certified_on = planned["ends_on"]
        cohorts.append(cohort)
    return cohorts


def training_history(rng: random.Random, people: list[dict], moderators: list) -> list[Cohort]:
    """The cohorts, as of today and under the configured completion rule (app context)."""
    plan = plan_training(rng, people, local_today(), completion_threshold())
    return training_cohorts(plan, moderators)
