"""What demo moderators write in their reports and activities, and what the office answers."""

from moderators.logbook.models import (
    ACCOMPANIMENT,
    COUNSELLING,
    NETWORK_EVENT,
    SUPERVISION,
    TRAINING,
)

TOPIC_POINTS = {  # by the seeded topics' German names
    "Das Hamburger Schulsystem": (
        "Schulformen im Überblick",
        "Schulpflicht",
        "Zeugnisse und Lernentwicklungsgespräche",
        "Wer ist an der Schule wofür zuständig",
        "Abschlüsse und Übergänge",
    ),
    "Von der Kita in die Grundschule": (
        "Viereinhalbjährigen-Untersuchung",
        "Anmeldung an der Grundschule",
        "Vorschulklasse oder Kita",
        "Sprachförderung vor der Einschulung",
    ),
    "Von der Grundschule in die weiterführende Schule": (
        "Stadtteilschule und Gymnasium",
        "Anmeldung in Klasse 5",
        "Die Empfehlung der Grundschule",
        "Tag der offenen Tür",
    ),
    "Ganztagsschule": (
        "Betreuung am Nachmittag",
        "Ferienbetreuung",
        "Mittagessen und Kosten",
        "Kurse am Nachmittag",
    ),
    "Elternrechte und Mitwirkung in der Schule": (
        "Elternabend und Elternrat",
        "Klassenelternvertretung",
        "Gespräche mit der Klassenleitung",
        "Rechte bei Konflikten",
    ),
    "Berufsorientierung und duale Ausbildung": (
        "Praktikum",
        "Duale Ausbildung",
        "Jugendberufsagentur",
        "Bewerbung",
    ),
    "Übergang Schule – Beruf": (
        "Schulabschlüsse",
        "Ausbildungsvorbereitung",
        "Berufsfachschule",
        "Jugendberufsagentur",
    ),
    "Sprachförderung und Mehrsprachigkeit": (
        "Mehrsprachigkeit zu Hause",
        "Förderkurse an der Schule",
        "Herkunftssprachlicher Unterricht",
        "Vorlesen in der Familiensprache",
    ),
}
QUESTIONS = (
    "Wie melde ich mein Kind an der weiterführenden Schule an?",
    "Was ist der Unterschied zwischen Stadtteilschule und Gymnasium?",
    "Wer hilft, wenn es Streit mit der Lehrkraft gibt?",
    "Gibt es Sprachförderung am Nachmittag?",
    "Kann mein Kind später noch das Abitur machen?",
    "Was kostet das Mittagessen?",
    "Wie findet mein Kind einen Praktikumsplatz?",
    "Darf ich zum Elterngespräch jemanden mitbringen?",
    "Was passiert, wenn mein Kind oft fehlt?",
)
REPORT_NOTES = (
    "Viele Eltern kamen mit kleinen Kindern, die Kinderbetreuung war sehr hilfreich.",
    "Die Klassenleitung war dabei und hat Fragen beantwortet.",
    "Einige Eltern kamen erst später.",
    "Sehr lebhafte Runde, wir haben länger gemacht.",
    "Flyer in der Sprache wurden gern mitgenommen.",
    "Mehrere Eltern wünschen sich eine Fortsetzung.",
)
NOT_HELD = (  # why a session did not take place, and whether the moderator had set off already
    ("Es sind keine Eltern gekommen.", True),
    ("Die Schule hat am selben Tag abgesagt.", False),
    ("Der Raum war verschlossen, niemand von der Schule war da.", True),
    ("Die Schule hatte den Termin vergessen.", True),
)
RETURN_COMMENTS = (
    "Bitte die Zahl der erreichten Eltern ergänzen.",
    "Die Dauer ist länger als die geplante Veranstaltung – bitte prüfen.",
    "Bitte kurz notieren, welche Themen besprochen wurden.",
    "Die Fahrtzeit scheint sehr lang, bitte noch einmal prüfen.",
    "Bitte die Sprache der Veranstaltung angeben.",
)
APPROVE_COMMENTS = ("Vielen Dank!", "Danke für den ausführlichen Bericht.", "Danke, gut gemacht.")
ACTIVITY_NOTES = {
    COUNSELLING: (
        "Beratung einer Familie zur Schulwahl nach Klasse 4.",
        "Mutter hatte Fragen zum Zeugnis und zur Versetzung.",
        "Telefonische Beratung zur Anmeldung in der Vorschulklasse.",
        "Familie neu in Hamburg, Fragen zur Schulpflicht.",
    ),
    ACCOMPANIMENT: (
        "Begleitung zum Lernentwicklungsgespräch, gedolmetscht.",
        "Begleitung zu einem Gespräch mit der Schulleitung.",
        "Begleitung zum Termin bei der Jugendberufsagentur.",
        "Begleitung zum ReBBZ.",
    ),
    NETWORK_EVENT: (
        "Stand beim Stadtteilfest.",
        "Vorstellung des Programms im Moscheeverein.",
        "Elterncafé im Stadtteilzentrum.",
        "Treffen des Netzwerks Migration im Bezirk.",
    ),
    SUPERVISION: (
        "Gruppensupervision der Elternmoderatorinnen und Elternmoderatoren.",
        "Fallbesprechung in der Supervisionsgruppe.",
    ),
    TRAINING: (
        "Fortbildung zum Übergang Schule – Beruf.",
        "Fortbildung Gesprächsführung.",
        "Fortbildung zum Kinderschutz.",
        "Fachtag Elternbeteiligung.",
    ),
}
ACTIVITY_WEIGHTS = {COUNSELLING: 30, ACCOMPANIMENT: 25, NETWORK_EVENT: 15, SUPERVISION: 15}
ACTIVITY_WEIGHTS |= {TRAINING: 15}
