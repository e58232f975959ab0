"""Reference data every installation starts with: languages, districts, topics."""

from sqlalchemy import select

from moderators.common.models import District
from moderators.extensions import db
from moderators.i18n import N_, text_direction
from moderators.languages.models import Language
from moderators.topics.models import Topic

# The 26 heritage languages of the programme: BCP 47 code and German name.
LANGUAGES = (
    ("sq", "Albanisch"),
    ("ar", "Arabisch"),
    ("hy", "Armenisch"),
    ("bs", "Bosnisch"),
    ("bg", "Bulgarisch"),
    ("zh", "Chinesisch"),
    ("fa-AF", "Dari"),
    ("en", "Englisch"),
    ("fa", "Persisch (Farsi)"),
    ("fr", "Französisch"),
    ("el", "Griechisch"),
    ("it", "Italienisch"),
    ("ku", "Kurmandschi"),
    ("ckb", "Sorani"),
    ("ps", "Paschtu"),
    ("pl", "Polnisch"),
    ("pt", "Portugiesisch"),
    ("rom", "Romanes"),
    ("ro", "Rumänisch"),
    ("ru", "Russisch"),
    ("sr", "Serbisch"),
    ("es", "Spanisch"),
    ("ti", "Tigrinya"),
    ("tr", "Türkisch"),
    ("uk", "Ukrainisch"),
    ("vi", "Vietnamesisch"),
)

DISTRICTS = (
    "Hamburg-Mitte",
    "Altona",
    "Eimsbüttel",
    "Hamburg-Nord",
    "Wandsbek",
    "Bergedorf",
    "Harburg",
)


TOPICS = (
    (N_("Das Hamburger Schulsystem"), "The Hamburg school system"),
    (N_("Von der Kita in die Grundschule"), "From Kita to primary school"),
    (N_("Von der Grundschule in die weiterführende Schule"), "From primary to secondary school"),
    (N_("Ganztagsschule"), "All-day school"),
    (N_("Elternrechte und Mitwirkung in der Schule"), "Parents' rights and participation"),
    (
        N_("Berufsorientierung und duale Ausbildung"),
        "Career orientation and the dual apprenticeship",
    ),
    (N_("Übergang Schule – Beruf"), "From school to work"),
    (N_("Sprachförderung und Mehrsprachigkeit"), "Language support and multilingualism"),
)


def seed_reference_data() -> dict[str, int]:
    """Add what is missing; never overwrite what coordinators have changed. Returns counts added."""
    added = {"languages": 0, "districts": 0, "topics": 0}
    known_codes = set(db.session.scalars(select(Language.code)))
    for code, name_de in LANGUAGES:
        if code not in known_codes:
            db.session.add(Language(code=code, name_de=name_de, direction=text_direction(code)))
            added["languages"] += 1
    known_districts = set(db.session.scalars(select(District.name)))
    for position, name in enumerate(DISTRICTS):
        if name not in known_districts:
            db.session.add(District(name=name, position=position))
            added["districts"] += 1
    known_topics = set(db.session.scalars(select(Topic.name_de)))
    for position, (name_de, name_en) in enumerate(TOPICS):
        if name_de not in known_topics:
            db.session.add(Topic(name_de=name_de, name_en=name_en, position=position))
            added["topics"] += 1
    db.session.commit()
    return added
