"""Names and places for the demo data: people of many origins, Hamburg's districts and streets."""

import re
import unicodedata
from typing import NamedTuple

_FOLD = str.maketrans(
    {"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
    | {"ı": "i", "ł": "l", "Ł": "L", "đ": "dj", "Đ": "Dj"}
)


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


class Origin(NamedTuple):
    """Where a group of moderators comes from and what its names look like."""

    language: str  # the language they grew up with
    also: tuple[
        str, ...
    ]  # further languages they often speak; the first may be a second mother tongue
    weight: int  # share of the pool
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    feminine: tuple[tuple[str, str], ...] = ()  # family-name endings that change for women

    def family_name(self, name: str, female: bool) -> str:
        """Petrow → Petrowa, Kowalski → Kowalska, Papadopoulos → Papadopoulou for women."""
        if female:
            for ending, replacement in self.feminine:
                if name.endswith(ending):
                    return name[: -len(ending)] + replacement
        return name


SLAVIC_EAST = (("ow", "owa"), ("ew", "ewa"), ("in", "ina"))
# fmt: off
ORIGINS: dict[str, Origin] = {
    "turkish": Origin("tr", ("ku", "ar"), 22,
        _names("Ayşe, Fatma, Elif, Zeynep, Emine, Hatice, Merve, Sevgi, Gülay, Derya, Songül"),
        _names("Mehmet, Mustafa, Ahmet, Hüseyin, Murat, Kemal, Serkan, Emre, Cem, Orhan"),
        _names("Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk, Arslan, Doğan, Kılıç, "
               "Koç, Kurt, Özdemir, Güneş, Polat")),
    "kurmanji": Origin("ku", ("tr", "ar"), 7,
        _names("Berivan, Rojda, Dilan, Zozan, Nesrin, Rojin, Evîn, Hêvî, Gulistan"),
        _names("Azad, Rezan, Baran, Welat, Serhat, Diyar, Ciwan, Mazlum, Rênas"),
        _names("Ekinci, Tekin, Kaplan, Aslan, Güler, Hesen, Osman, Sino, Mihemed, Ibrahim")),
    "sorani": Origin("ckb", ("ar", "fa"), 3,
        _names("Shirin, Hero, Kajal, Nazdar, Shilan, Tara, Chra"),
        _names("Karwan, Rebwar, Dilshad, Sherko, Hemin, Aram, Zana"),
        _names("Rashid, Qadir, Aziz, Faraj, Salih, Karim, Omar")),
    "levant": Origin("ar", ("en", "fr", "ku"), 14,
        _names("Fatima, Amal, Rania, Nour, Layla, Samira, Hanan, Yasmin, Mariam, Dalia, Huda"),
        _names("Mohammed, Ahmad, Khaled, Omar, Samir, Yusuf, Tarek, Bilal, Hassan, Mahmoud, Walid"),
        _names("Al-Hassan, Haddad, Khalil, Mansour, Nasser, Saleh, Darwish, Hamdan, Ibrahim, "
               "Al-Ali, Kassem, Abboud, Youssef")),
    "maghreb": Origin("ar", ("fr", "es"), 4,
        _names("Khadija, Naima, Fatiha, Nadia, Malika, Souad, Latifa"),
        _names("Mohamed, Rachid, Youssef, Hicham, Mustapha, Driss, Karim"),
        _names("El Amrani, Benali, Bouzid, El Idrissi, Alaoui, Cherkaoui, Ouali, Belhadj")),
    "iranian": Origin("fa", ("fa-AF", "en", "ku"), 10,
        _names("Maryam, Shirin, Parisa, Nasrin, Leila, Azadeh, Mahsa, Roya, Fereshteh, Nazanin"),
        _names("Reza, Ali, Hossein, Mehdi, Amir, Babak, Kaveh, Dariush, Farhad, Saeed"),
        _names("Ahmadi, Hosseini, Rezaei, Mohammadi, Karimi, Jafari, Moradi, Rahimi, Tehrani, "
               "Shirazi, Sadeghi, Farahani")),
    "afghan": Origin("fa-AF", ("fa", "ps"), 9,
        _names("Zahra, Farzana, Mursal, Nilofar, Marzia, Shukria, Freshta, Hamida, Masooma, Sima"),
        _names("Ahmad, Mohammad, Jawad, Hamid, Farid, Nasir, Sayed, Mustafa, Omid, Wahid"),
        _names("Rahimi, Noori, Hakimi, Sultani, Amiri, Haidari, Sharifi, Azizi, Rasuli, Hashimi, "
               "Sadat")),
    "pashtun": Origin("ps", ("fa-AF", "fa"), 4,
        _names("Malalai, Palwasha, Gulalai, Nazia, Wagma, Zarmina, Spogmai, Shabana"),
        _names("Ajmal, Naveed, Khalid, Asadullah, Jamal, Abdul, Rahmat, Zalmai"),
        _names("Khan, Yousafzai, Durrani, Popal, Wardak, Ahmadzai, Stanikzai, Safi, Shinwari")),
    "russian": Origin("ru", ("uk", "pl"), 15,
        _names("Olga, Natalia, Irina, Swetlana, Tatjana, Jelena, Marina, Anastasia, Julia, "
               "Ljudmila, Galina, Oksana"),
        _names("Sergej, Alexander, Dmitri, Andrej, Wladimir, Igor, Nikolai, Juri, Maxim, Pawel"),
        _names("Iwanow, Petrow, Smirnow, Kusnezow, Popow, Sokolow, Lebedew, Nowikow, Morosow, "
               "Wolkow, Fedorow, Orlow, Klassen, Friesen, Reimer, Schmidt"),
        SLAVIC_EAST),
    "ukrainian": Origin("uk", ("ru", "pl", "en"), 7,
        _names("Olena, Oksana, Iryna, Natalija, Kateryna, Switlana, Julija, Tetjana, Halyna"),
        _names("Oleksandr, Andrij, Wolodymyr, Serhij, Mykola, Taras, Dmytro, Bohdan, Ihor"),
        _names("Kowalenko, Schewtschenko, Bondarenko, Tkatschenko, Krawtschuk, Melnyk, Boiko, "
               "Lyssenko, Moroz, Polischtschuk")),
    "polish": Origin("pl", ("ru",), 7,
        _names("Anna, Katarzyna, Agnieszka, Małgorzata, Joanna, Magdalena, Ewa, Monika, Dorota"),
        _names("Piotr, Tomasz, Krzysztof, Paweł, Marcin, Michał, Andrzej, Łukasz, Grzegorz"),
        _names("Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, "
               "Szymański, Woźniak, Dąbrowski, Kaczmarek, Mazur"),
        (("ski", "ska"), ("cki", "cka"))),
    "albanian": Origin("sq", ("sr", "it", "el"), 6,
        _names("Arta, Drita, Blerta, Valbona, Mimoza, Shqipe, Vjosa, Lindita, Fjolla, Teuta"),
        _names("Arben, Besnik, Driton, Fatmir, Agron, Ilir, Bujar, Valon, Luan"),
        _names("Krasniqi, Gashi, Berisha, Morina, Hoxha, Shala, Bytyqi, Kelmendi, Hasani, "
               "Rexhepi, Sadiku")),
    "bosnian": Origin("bs", ("sr",), 4,
        _names("Amra, Emina, Lejla, Selma, Aida, Merima, Alma, Sabina, Edina, Jasmina"),
        _names("Adnan, Emir, Haris, Kenan, Mirza, Senad, Edin, Damir, Nermin"),
        _names("Hodžić, Hadžić, Begić, Delić, Mujić, Hasanović, Softić, Mehmedović, Omerović")),
    "serbian": Origin("sr", ("bs", "rom"), 4,
        _names("Jelena, Milica, Ivana, Dragana, Snežana, Marija, Jovana, Vesna, Gordana"),
        _names("Nikola, Marko, Dragan, Milan, Stefan, Nenad, Zoran, Goran, Dejan"),
        _names("Jovanović, Petrović, Nikolić, Marković, Đorđević, Stojanović, Ilić, Pavlović, "
               "Popović, Živković")),
    "romanian": Origin("ro", ("it", "es", "fr"), 5,
        _names("Ioana, Elena, Maria, Andreea, Mihaela, Cristina, Alina, Daniela, Roxana"),
        _names("Andrei, Alexandru, Mihai, Ionuț, Florin, Bogdan, Cristian, Adrian"),
        _names("Popescu, Ionescu, Popa, Dumitrescu, Stoica, Munteanu, Rusu, Lungu, Ciobanu")),
    "bulgarian": Origin("bg", ("tr", "ru"), 5,
        _names("Maria, Ivanka, Desislava, Galina, Teodora, Veselina, Radka, Petya, Nadezhda"),
        _names("Georgi, Ivan, Dimitar, Nikolai, Stojan, Petar, Hristo, Todor, Krasimir, Plamen"),
        _names("Ivanov, Georgiev, Dimitrov, Petrov, Stojanov, Nikolov, Todorov, Kostov, Angelov"),
        (("ov", "ova"), ("ev", "eva"))),
    "vietnamese": Origin("vi", ("en",), 4,
        _names("Thi Lan, Thi Huong, Thi Mai, Thi Hoa, Ngoc Anh, Thu Trang, Thanh Huyen, Thi Thao"),
        _names("Van Minh, Van Hung, Duc Anh, Quang Huy, Van Long, Minh Tuan, Thanh Son"),
        _names("Nguyen, Tran, Le, Pham, Hoang, Phan, Vu, Dang, Bui, Do")),
    "chinese": Origin("zh", ("en",), 3,
        _names("Xiaoli, Meiling, Jing, Yan, Hui, Fang, Xiu, Lan"),
        _names("Wei, Jun, Hao, Lei, Ming, Qiang, Jian, Tao"),
        _names("Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou")),
    "portuguese": Origin("pt", ("es", "fr", "en"), 4,
        _names("Ana, Sofia, Beatriz, Fernanda, Juliana, Mariana, Rita, Luísa, Cláudia"),
        _names("João, Pedro, Miguel, Rui, Carlos, Paulo, Tiago, Nuno, Rafael"),
        _names("Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, "
               "Gonçalves, Almeida")),
    "spanish": Origin("es", ("pt", "en", "fr"), 4,
        _names("María, Carmen, Lucía, Laura, Isabel, Paula, Marta, Claudia, Valentina"),
        _names("José, Juan, Carlos, Javier, Alejandro, Diego, Pablo, Andrés, Luis"),
        _names("García, Martínez, López, Sánchez, González, Fernández, Pérez, Gómez, Díaz, "
               "Ramírez, Torres")),
    "francophone": Origin("fr", ("en", "ar"), 5,
        _names("Aminata, Fatou, Aïssatou, Mariama, Awa, Christelle, Nathalie, Marie, Claire"),
        _names("Mamadou, Ibrahima, Moussa, Ousmane, Abdoulaye, Serge, Thierry, Olivier, Jean"),
        _names("Diallo, Traoré, Ndiaye, Camara, Koné, Sow, Diop, Kabongo, Mbarga, Dubois, Martin")),
    "ghanaian": Origin("en", ("fr",), 3,
        _names("Abena, Akosua, Ama, Efua, Adwoa, Yaa, Esi, Grace, Joyce"),
        _names("Kwame, Kofi, Kwabena, Yaw, Kwaku, Kojo, Emmanuel, Samuel"),
        _names("Mensah, Owusu, Asante, Boateng, Osei, Addo, Agyeman, Appiah, Amoah, Darko")),
    "greek": Origin("el", ("en",), 3,
        _names("Maria, Eleni, Katerina, Sofia, Dimitra, Georgia, Vasiliki, Despina, Ioanna"),
        _names("Georgios, Dimitrios, Konstantinos, Nikolaos, Ioannis, Christos, Panagiotis"),
        _names("Papadopoulos, Georgiou, Nikolaidis, Papadakis, Konstantinidis, Dimitriou, "
               "Vlachos, Karagiannis, Oikonomou, Alexiou, Makris"),
        (("akis", "aki"), ("os", "ou"), ("is", "ou"), ("as", "a"))),
    "italian": Origin("it", ("es", "en", "fr"), 3,
        _names("Giulia, Francesca, Chiara, Sara, Valentina, Federica, Alessandra, Silvia, Paola"),
        _names("Marco, Giuseppe, Luca, Francesco, Antonio, Alessandro, Salvatore, Giovanni"),
        _names("Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco")),
    "armenian": Origin("hy", ("ru", "fa", "ar"), 2,
        _names("Anahit, Lusine, Armine, Gayane, Narine, Siranush, Tatevik"),
        _names("Aram, Armen, Tigran, Vahe, Hayk, Gevorg, Ashot"),
        _names("Petrosyan, Hakobyan, Sargsyan, Grigoryan, Harutyunyan, Khachatryan, Avetisyan")),
    "eritrean": Origin("ti", ("ar", "en"), 2,
        _names("Senait, Tsega, Selam, Mebrat, Azeb, Saba, Hiwet, Tsehay"),
        _names("Yonas, Tesfay, Merhawi, Dawit, Filmon, Habtom, Goitom, Mehari"),
        _names("Tesfamariam, Ghebremedhin, Haile, Berhane, Tekle, Woldemichael, Kidane")),
    "romani": Origin("rom", ("sr", "ro", "bs"), 2,
        _names("Sevdija, Ramiza, Elvira, Florina, Violeta, Medina, Manuela"),
        _names("Šaban, Ramadan, Bajram, Florin, Marian, Sead, Ricardo"),
        _names("Ramadani, Bajrami, Osmanović, Demirović, Mitrović, Lăcătuș, Căldăraru, "
               "Reinhardt, Rosenberg")),
}
# fmt: on

# Contact persons at schools, Kitas and community centres are mostly of German origin.
GERMAN = Origin(
    "de",
    (),
    0,
    _names(
        "Anke, Birgit, Claudia, Susanne, Katrin, Sabine, Julia, Kirsten, Heike, "
        "Nicole, Meike, Silke, Wiebke, Christina"
    ),
    _names("Thomas, Jan, Frank, Matthias, Stefan, Jörg, Dirk, Torsten, Sven, Henning"),
    _names(
        "Petersen, Hansen, Jensen, Schröder, Meyer, Möller, Lange, Wulf, Brandt, "
        "Schulz, Krüger, Timm, Voß, Harms, Lüders, Behrens, Carstensen"
    ),
)

# fmt: off
# Per district: share of the pool, and quarters (Stadtteile) with a postal code and streets.
DISTRICT_PLACES: dict[str, tuple[int, tuple[tuple[str, str, tuple[str, ...]], ...]]] = {
    "Hamburg-Mitte": (20, (
        ("Wilhelmsburg", "21107", ("Vogelhüttendeich", "Rotenhäuser Straße", "Veringstraße")),
        ("Billstedt", "22111", ("Möllner Landstraße", "Oststeinbeker Weg", "Kaltenbergen")),
        ("Horn", "22111", ("Horner Landstraße", "Rennbahnstraße")),
        ("Hamm", "20537", ("Sievekingsdamm", "Hammer Steindamm")),
        ("St. Georg", "20099", ("Lange Reihe", "Koppel")),
        ("Veddel", "20539", ("Veddeler Brückenstraße", "Slomanstieg")),
        ("St. Pauli", "20359", ("Simon-von-Utrecht-Straße", "Thadenstraße")),
    )),
    "Altona": (13, (
        ("Altona-Altstadt", "22767", ("Max-Brauer-Allee", "Königstraße", "Schomburgstraße")),
        ("Ottensen", "22765", ("Bahrenfelder Straße", "Hohenesch", "Arnkielstraße")),
        ("Lurup", "22547", ("Luruper Hauptstraße", "Flurstraße", "Fahrenort")),
        ("Osdorf", "22549", ("Achtern Born", "Blomkamp", "Bornheide")),
        ("Bahrenfeld", "22761", ("Bahrenfelder Chaussee", "Regerstraße")),
        ("Altona-Nord", "22769", ("Holstenstraße", "Eckernförder Straße")),
    )),
    "Eimsbüttel": (11, (
        ("Eimsbüttel", "20259", ("Osterstraße", "Fruchtallee", "Methfesselstraße")),
        ("Stellingen", "22525", ("Kieler Straße", "Basselweg")),
        ("Eidelstedt", "22523", ("Elbgaustraße", "Lohkampstraße", "Furtweg")),
        ("Lokstedt", "22529", ("Grelckstraße", "Vizelinstraße")),
        ("Schnelsen", "22457", ("Frohmestraße", "Holsteiner Chaussee")),
    )),
    "Hamburg-Nord": (11, (
        ("Barmbek-Süd", "22083", ("Hamburger Straße", "Humboldtstraße")),
        ("Barmbek-Nord", "22305", ("Fuhlsbüttler Straße", "Hellbrookstraße")),
        ("Dulsberg", "22049", ("Alter Teichweg", "Straßburger Straße")),
        ("Langenhorn", "22419", ("Langenhorner Chaussee", "Tangstedter Landstraße")),
        ("Winterhude", "22303", ("Jarrestraße", "Barmbeker Straße")),
    )),
    "Wandsbek": (20, (
        ("Wandsbek", "22041", ("Wandsbeker Marktstraße", "Schloßstraße")),
        ("Jenfeld", "22045", ("Jenfelder Allee", "Öjendorfer Weg")),
        ("Steilshoop", "22309", ("Gropiusring", "Schreyerring")),
        ("Bramfeld", "22179", ("Bramfelder Chaussee", "Fahrenkrön")),
        ("Rahlstedt", "22143", ("Rahlstedter Straße", "Scharbeutzer Straße", "Hüllenkamp")),
        ("Farmsen-Berne", "22159", ("August-Krogmann-Straße", "Berner Heerweg")),
    )),
    "Bergedorf": (8, (
        ("Bergedorf", "21029", ("Sachsentor", "Holtenklinker Straße")),
        ("Lohbrügge", "21031", ("Leuschnerstraße", "Lohbrügger Landstraße", "Binnenfeldredder")),
        ("Neuallermöhe", "21035", ("Fleetplatz", "Edith-Stein-Platz")),
        ("Kirchwerder", "21037", ("Kirchwerder Landweg", "Neuengammer Hausdeich")),
    )),
    "Harburg": (14, (
        ("Harburg", "21073", ("Lüneburger Straße", "Eißendorfer Straße", "Knoopstraße")),
        ("Heimfeld", "21075", ("Heimfelder Straße", "Alter Postweg")),
        ("Neugraben-Fischbek", "21149", ("Cuxhavener Straße", "Francoper Straße")),
        ("Wilstorf", "21077", ("Winsener Straße", "Rönneburger Straße")),
        ("Neuwiedenthal", "21147", ("Rehrstieg", "Striepenweg")),
    )),
}
# fmt: on
DISTRICT_WEIGHTS = {name: weight for name, (weight, _quarters) in DISTRICT_PLACES.items()}

KITA_NAMES = _names(
    "Regenbogen, Sonnenschein, Pusteblume, Kunterbunt, Spatzennest, Löwenzahn, "
    "Sternschnuppe, Elbstrolche, Wirbelwind, Zwergenland, Hafenkinder, Kleine Welt"
)
SCHOOL_TYPE_COUNTS = {
    "grundschule": 28,
    "stadtteilschule": 14,
    "gymnasium": 10,
    "rebbz": 7,
    "berufliche_schule": 6,
    "kita": 9,
    "community_centre": 6,
}
MOBILE_PREFIXES = ("0151", "0152", "0157", "0160", "0162", "0170", "0172", "0176", "0177", "0178")
COMMUNITY_CENTRES = ("Stadtteilzentrum", "Bürgerhaus", "Elternschule", "Nachbarschaftshaus")
ABSENCE_NOTES = ("Urlaub", "Familienbesuch", "Fortbildung", "Kur", "Reise", "")

# Training: the curriculum in its order (a module's title and the seeded topic it prepares for),
# venues, trainers and why people left a cohort.
# fmt: off
CURRICULUM = (  # every cohort has the first two and the last
    ("Auftakt: Kennenlernen, Ziele und Ablauf der Qualifizierung", None),
    ("Das Hamburger Schulsystem im Überblick", "Das Hamburger Schulsystem"),
    ("Von der Kita in die Grundschule: Vorstellungsverfahren und Anmeldung",
     "Von der Kita in die Grundschule"),
    ("Nach Klasse 4: Stadtteilschule oder Gymnasium",
     "Von der Grundschule in die weiterführende Schule"),
    ("Ganztag an Hamburger Schulen: GBS und GTS", "Ganztagsschule"),
    ("Elternrechte: Elternabend, Elternrat und Kreiselternrat",
     "Elternrechte und Mitwirkung in der Schule"),
    ("Berufsorientierung und duale Ausbildung", "Berufsorientierung und duale Ausbildung"),
    ("Nach der Schule: Jugendberufsagentur und Ausbildungsvorbereitung", "Übergang Schule – Beruf"),
    ("Mehrsprachigkeit als Stärke", "Sprachförderung und Mehrsprachigkeit"),
    ("Moderieren und Präsentieren: einen Elternabend leiten", None),
    ("Interkulturelle Kommunikation und schwierige Gesprächssituationen", None),
    ("Datenschutz, Schweigepflicht und die eigene Rolle als Moderatorin oder Moderator", None),
    ("Praxiswerkstatt: Probemoderation mit Feedback", None),
)
LI = "Landesinstitut für Lehrerbildung, Felix-Dahn-Straße 3"
VENUES = (LI, LI, "Haus der Familie Altona", "Bürgerhaus Barmbek", "Elternschule Billstedt")
LOCAL_COHORTS = (  # held in one quarter: name suffix, district, venue
    ("Harburg", "Harburg", "Elternschule Harburg"),
    ("Wilhelmsburg", "Hamburg-Mitte", "Bürgerhaus Wilhelmsburg"),
)
TRAINERS = _names("Birgit Lüders, Dr. Nilüfer Aydın, Hamid Sultani, Kirsten Behrens, Olga Wagner, "
                  "Jan Carstensen, Maryam Tehrani, Sabine Krüger, Tesfay Haile, Heike Brandt")
DROP_REASONS = ("Umzug", "Umzug nach Berlin", "Berufstätigkeit", "neue Arbeitsstelle",
                "familiäre Gründe", "gesundheitliche Gründe", "Pflege eines Angehörigen")
# fmt: on


def ascii_fold(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: Öztürk → oeztuerk, Đorđević → djordjevic."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    plain = "".join(c for c in decomposed if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
