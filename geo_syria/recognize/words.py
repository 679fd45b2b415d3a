"""Word lists of recognition: common words, organisations, person cues, non-names.

Data for :mod:`geo_syria.recognize` (re-exported there), kept apart so the
recogniser's code stays short.
"""

from __future__ import annotations

__all__ = [
    "COMMON_WORDS",
    "COUNTRY_WORDS",
    "FIRST_NAMES",
    "GENERIC_WORDS",
    "GROUP_WORDS",
    "NEVER_NAMES",
    "NOT_NAMES",
    "ONLY_WITH_CUE",
    "ORGANISATIONS",
    "PERSON_CUES",
]

#: Names that are common English words: never places unless a Syrian place and capitalised.
COMMON_WORDS = frozenset(
    """a about after again all also an and any are as at back bar be been before best
    but by can come could day did do down each even first for from get go good had has
    have he her here him his how if in into is it its just last like long made make male
    man many may me more most much must my new nice no not now of off old on once one only
    or other our out over own reading said same see she so some still such take than that
    the their them then there these they this those through to too two under up us use very
    was way we well were what when where which while who will with would year you your
    mobile victoria hamilton university union independence liberty unity hope opportunity
    faith friendship paradise eden progress split police army state party media mission
    temple sale deal mark bath march august june april date title justice fort valley
    salem barna levant
    zero three four five six seven eight nine ten eleven twelve hundred thousand million
    great time base road court game care able rage god gods nazi nazis general capital
    """.split()
)
#: Names that are never read as places on their own ("al-Sham" is the Levant or a faction).
NEVER_NAMES = frozenset({"sham", "levant", "arab", "islam"})
#: Generic words of place names ("Khan", "Kafr", "Tal", "Dam"), lower case: no place on
#: their own, nor is the name after them when the whole is not a known name ("Kafr Hamra").
GENERIC_WORDS = frozenset(
    """khan kafr kfar kafar kefr kfer bab tal tall tel tell til deir dayr dair ain ayn ein
    jisr maarat maarrat maaret marat mazraat mazraa beit bayt jabal jebel jabel wadi qasr
    khirbet khirbat kherbet dam dams ras sahl nahr qalaat qalat hayy harat""".split()
)
#: First names and family names of people in the news: never places on their own.
FIRST_NAMES = frozenset(
    """mohammed muhammad mohamed mohammad ahmed ahmad mustafa mostafa moustafa rami wael
    bashar hafez hafiz maher ali omar umar khaled khalid hassan hasan hussein husain
    hussam ibrahim ismail youssef yusuf yousef mahmoud mahmud abdullah abdallah fadi samir
    sami ziad ziyad walid tarek tariq nabil bassel basil anas yasser yasir jamal adnan
    faisal nasser nasir osama usama majed majid riad riyad imad ayman hisham iyad firas
    ghassan kamal mazen talal amer hamid rashid saleh fawaz louay moaz assad asad
    vladimir donald recep sergei sergey""".split()
)
#: Chemical agents of the war's reporting ("Sarin traces" is no village).
AGENT_WORDS = frozenset("sarin chlorine napalm phosphorus".split())
#: Words a place is named by only after a place cue ("the village of Rami"): people's
#: names and agents.
ONLY_WITH_CUE = FIRST_NAMES | AGENT_WORDS
#: Words for communities and faiths, lower case: never a place name on their own.
GROUP_WORDS = frozenset(
    """druze christian christians alawite alawites sunni sunnis shia shiite shiites kurd kurds
    arab arabs turkmen yazidi yazidis assyrian assyrians armenian armenians circassian muslim
    muslims abbasid umayyad ottoman""".split()
)
#: Names of Syria and its neighbours, lower case: "Syrias Aleppo" (a possessive that lost its
#: apostrophe) is no name.
COUNTRY_WORDS = frozenset("syria turkey iraq lebanon jordan israel russia iran egypt".split())
#: Names of organisations and the like, matched in any case; place names inside them
#: are not places.
ORGANISATIONS = (
    "Free Syrian Army",
    "Syrian Observatory for Human Rights",
    "Syrian Democratic Forces",
    "Syrian Arab Army",
    "Syrian Arab Republic",
    "Syrian National Coalition",
    "Syrian American Medical Society",
    "Islamic State of Iraq and the Levant",
    "Islamic State of Iraq and Syria",
    "Islamic State in Iraq and Syria",
    "Islamic State",
    "Hayat Tahrir al-Sham",
    "Tahrir al-Sham",
    "Tahrir al Sham",
    "Ahrar al-Sham",
    "Ahrar al Sham",
    "Fateh al-Sham",
    "Fatah al-Sham",
    "Jabhat al-Nusra",
    "Jabhat Fateh al-Sham",
    "Jabhat Fatah al-Sham",
    "Nusra Front",
    "al-Nusra",
    "Faylaq al-Sham",
    "Failaq al-Sham",
    "Jaish al-Izza",
    "Jaysh al-Izza",
    "Jaish al-Sunna",
    "Jaysh Khalid Ibn al-Walid",
    "Jaish Khalid Ibn al-Walid",
    "Nour al-Din al-Zenki",
    "Liwa al-Quds",
    "Ansar al-Islam",
    "Ansar al-Sham",
    "Baath Party",
    "Ba'ath Party",
    "Jaish al-Islam",
    "Jaysh al-Islam",
    "Failaq al-Rahman",
    "Failaq al Rahman",
    "Hezbollah",
    "al-Qaeda",
    "al-Qaida",
    "Qaeda",
    "SANA",
    "Sana news agency",
    "Hizbollah",
    "White House",
    "Kremlin",
    "United Nations",
    "United States",
    "Arab League",
    "Human Rights Watch",
    "Amnesty International",
    "World Health Organization",
    "Southern Front",
    "Army of Conquest",
    "Jaish al-Fatah",
    "Hamas",
    "Damascus Declaration",
    "Aleppo University",
    "Damascus University",
    "Geneva Conventions",
    "Geneva Convention",
)
#: Words before a name that make it a person's: "Abu Abdo", "President Assad".
PERSON_CUES = frozenset(
    """abu abou umm um bin ibn president spokesman spokeswoman minister general gen
    colonel col sheikh shaykh mr mrs ms dr commander brigadier lieutenant captain mufti
    imam king prince emir envoy""".split()
)
#: Capitalised words that a cue may catch but that are not names.
NOT_NAMES = frozenset(
    """The This That These Those A An Its Their His Her Our Government Rebel Rebels Regime
    Syrian Syria's Northern Southern Eastern Western Central Northeastern Northwestern
    Southeastern Southwestern North South East West Army Opposition Turkish Russian
    Iranian Kurdish Iraqi Lebanese American Islamic Arab Jihadist State Military Which
    Same Old Whole Entire Border Desert Coastal Rural Besieged Key Strategic Nearby Possibly
    Probably Reportedly Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
    February March April May June July August September October November December""".split()
)
