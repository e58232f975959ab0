"""Demo data: a believable pool of moderators and schools in Hamburg, and three sign-in accounts.

The generators return plain dicts and depend only on the random seed (and today's date for
absences), so the same seed always gives the same pool; `load_demo_data` turns them into rows and
adds the training history the pool went through (demo_training).
"""

import random
from datetime import date

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from moderators import demo_names as names
from moderators.auth.models import COORDINATOR, MODERATOR, SCHOOL, User
from moderators.common.models import District
from moderators.demo_logbook import logbook_history
from moderators.demo_names import DISTRICT_PLACES, GERMAN, ORIGINS, ascii_fold
from moderators.demo_people import demo_moderators, landline, person_name
from moderators.demo_scheduling import scheduling_history
from moderators.demo_training_rows import training_history
from moderators.extensions import db
from moderators.languages.models import Language
from moderators.roster.models import (
    ACTIVE,
    Absence,
    AvailabilityWindow,
    Moderator,
    ModeratorLanguage,
)
from moderators.schools.models import School
from moderators.seed import seed_reference_data

COORDINATOR_EMAIL = "koordination@example.org"
MODERATOR_EMAIL = "moderatorin@example.org"
SCHOOL_EMAIL = "schule@example.org"
# Printed by `flask demo-data` for the demo accounts; never used outside a demo database.
DEMO_PASSWORD = "elternmoderation-demo"  # nosec B105


# Schools ------------------------------------------------------------------


def _first_free(candidates: list[str], taken: set[str]) -> str:
    numbered = (f"{candidates[0]} {n}" for n in range(2, 1000))
    name = next(name for name in (*candidates, *numbered) if name not in taken)
    taken.add(name)
    return name


def _school_name(rng, school_type, district, quarter, street, taken, bs_numbers) -> str:
    if school_type == "grundschule":
        candidates = [f"Grundschule {street}", f"Schule {street}", f"Grundschule {quarter}"]
    elif school_type in ("stadtteilschule", "gymnasium"):
        kind = "Stadtteilschule" if school_type == "stadtteilschule" else "Gymnasium"
        candidates = [f"{kind} {quarter}", f"{kind} {street}"]
    elif school_type == "rebbz":
        candidates = [f"ReBBZ {district}"]
    elif school_type == "berufliche_schule":
        candidates = [f"Berufliche Schule {quarter} (BS {next(bs_numbers):02d})"]
    elif school_type == "kita":
        kitas = [*rng.sample(names.KITA_NAMES, 3), quarter]
        candidates = [f"Kita {name}" for name in kitas]
    else:
        candidates = [f"{kind} {quarter}" for kind in rng.sample(names.COMMUNITY_CENTRES, 4)]
    return _first_free(candidates, taken)


def _contact(rng: random.Random) -> tuple[str, str]:
    """Most contact persons at schools have German names, some do not."""
    origin = GERMAN if rng.random() < 0.8 else rng.choice(list(ORIGINS.values()))
    return person_name(rng, origin, female=rng.random() < 0.7)


def demo_schools(rng: random.Random) -> list[dict]:
    """Schools, Kitas and community centres as plain dicts, spread over the seven districts."""
    district_weights = names.DISTRICT_WEIGHTS
    taken: set[str] = set()
    bs_numbers = iter(rng.sample(range(1, 36), names.SCHOOL_TYPE_COUNTS["berufliche_schule"]))
    schools = []
    for school_type, count in names.SCHOOL_TYPE_COUNTS.items():
        for n in range(count):
            if school_type == "rebbz":  # one advice centre per district
                district = list(DISTRICT_PLACES)[n % len(DISTRICT_PLACES)]
            else:
                district = rng.choices(list(district_weights), list(district_weights.values()))[0]
            quarter, postcode, streets = rng.choice(DISTRICT_PLACES[district][1])
            street = rng.choice(streets)
            name = _school_name(rng, school_type, district, quarter, street, taken, bs_numbers)
            first, last = _contact(rng)
            is_school = school_type not in ("kita", "community_centre")
            phone = f"040 428{rng.randint(10_000, 99_999)}-0" if is_school else landline(rng)
            number = f"{rng.randint(1, 160)}{rng.choice(('', '', '', 'a', 'b'))}"
            schools.append(
                {
                    "name": name,
                    "type": school_type,
                    "district": district,
                    "address": f"{street} {number}, {postcode} Hamburg",
                    "contact_name": f"{first} {last}",
                    "contact_email": f"{ascii_fold(first)[0]}.{ascii_fold(last)}"
                    f"@{ascii_fold(name)}.example.org",
                    "contact_phone": phone,
                }
            )
    return schools


# Loading ------------------------------------------------------------------


def _moderator(person: dict, languages: dict, districts: dict) -> Moderator:
    fields = ("first_name", "last_name", "email", "phone", "status", "notes")
    return Moderator(
        **{field: person[field] for field in fields},
        languages=[
            ModeratorLanguage(language=languages[code], level=level)
            for code, level in person["languages"]
        ],
        districts=[districts[name] for name in person["districts"]],
        availability=[
            AvailabilityWindow(weekday=day, starts_at=start, ends_at=end)
            for day, start, end in person["availability"]
        ],
        absences=[
            Absence(starts_on=start, ends_on=end, note=note)
            for start, end, note in person["absences"]
        ],
    )


def _accounts(people: list[dict], moderators: list, schools: list) -> list[User]:
    """The three sign-in accounts, unless their e-mail addresses are taken already."""
    moderator = next(
        m for p, m in zip(people, moderators, strict=True) if p["status"] == ACTIVE and p["female"]
    )
    school = next(s for s in schools if s.type == "grundschule")
    wanted = [
        (COORDINATOR_EMAIL, COORDINATOR, {}),
        (MODERATOR_EMAIL, MODERATOR, {"moderator": moderator}),
        (SCHOOL_EMAIL, SCHOOL, {"school": school}),
    ]
    email_lower = func.lower(User.email)
    emails = [email for email, _, _ in wanted]
    taken = set(db.session.scalars(select(email_lower).where(email_lower.in_(emails))))
    password_hash = generate_password_hash(DEMO_PASSWORD, method="scrypt")  # slow: hash once
    return [
        User(email=email, role=role, password_hash=password_hash, **links)
        for email, role, links in wanted
        if email not in taken
    ]


def load_demo_data(random_seed: int = 2007, force: bool = False) -> dict[str, int] | None:
    """Fill the database with demo moderators, schools and accounts; None if the pool exists."""
    seed_reference_data()
    if not force and db.session.scalar(select(func.count(Moderator.id))):
        return None
    # Seeded on purpose: the same demo data each time; nothing secret comes from it.
    rng = random.Random(random_seed)  # nosec B311
    languages = {language.code: language for language in db.session.scalars(select(Language))}
    districts = {district.name: district for district in db.session.scalars(select(District))}
    people = demo_moderators(rng, date.today())
    moderators = [_moderator(person, languages, districts) for person in people]
    schools = [
        School(**{**school, "district": districts[school["district"]]})
        for school in demo_schools(rng)
    ]
    accounts = _accounts(people, moderators, schools)
    db.session.add_all([*moderators, *schools, *accounts])
    cohorts = training_history(rng, people, moderators)
    requests, sessions = scheduling_history(rng, people, moderators, schools, accounts)
    db.session.add_all([*cohorts, *requests, *sessions])  # after the people: all keep their order
    reports, activities = logbook_history(rng, people, moderators, sessions, accounts)
    enrollments = sum(len(cohort.enrollments) for cohort in cohorts)  # before commit expires them
    db.session.commit()
    made = {"moderators": moderators, "schools": schools, "accounts": accounts, "cohorts": cohorts}
    made |= {"requests": requests, "sessions": sessions}
    made |= {"reports": reports, "activities": activities}
    return {what: len(rows) for what, rows in made.items()} | {"enrollments": enrollments}
