"""Figures: numbers stated as claims, normalised and compared across sources.

``parse_number`` reads one number phrase ("about 2,700", "between 10,000 and 12,000", "€1.2bn").
``extract_figures`` finds the number phrases in an article's content sentences, drops those that are
not claims (dates, years, times, ages, ordinals, designations such as "KN-23" or "170mm", list
markers, phone numbers, ratios, durations) and reads the words around each remaining one for what
it counts (``unit``/``subject``), what happened to it (``measure``), who says so (``attribution``),
when (``as_of``) and how firmly (``certainty``). ``group_figures`` lines up figures from different
sources that measure the same thing and says whether they agree.

Every rule is grammar of numbers plus small general lexicons (qualifiers, attribution verbs,
casualty and transfer verbs, currencies, demonyms); nothing is tuned to one story.

Certainty scale (the weakest cue in the number's clause or its reporting frame wins):
  "stated" (said as fact) < "estimated" ("estimate", "assessment", or an approximate number)
  < "hedged" ("may", "might", "could", "likely", "reportedly", "believed to", "possibly")
  < "speculative" ("if", "would", "expected to", "projected to").

Bounds: "about X" is the point X flagged approximate; "at least/more than/over X" has no upper
bound; "up to/fewer than/under X" has no lower bound; "nearly/almost X" is [0.9 X, X], flagged
approximate; vague counts ("hundreds", "several") carry their conventional range, flagged
approximate, and ``NumberValue.vague``.

Malformed numbers: digit strings that follow no grouping convention ("1,00,000", "1,2345", "3,5")
parse to None. A dot followed by exactly three digits ("3.000") is either a decimal or European
thousands grouping: ``parse_number`` returns it with ``ambiguous=True`` and both ``readings``
(``value`` is the English reading), and ``extract_figures`` never makes a figure from it.

Combined casualty figures ("4,000 ... killed or injured"): a measure that joins several outcomes
("killed_or_wounded", "wounded_or_missing", "casualties") gets no group of its own. Instead every
claim that covers two or more outcomes (one sentence's "300 killed and 2,700 wounded", or one
combined figure) goes into a "casualties:<subject>" group, where totals are compared: equal outcome
sets must overlap, and a claim covering fewer outcomes cannot exceed one covering more. The single
outcomes (killed, wounded, ...) still get their own groups as well.

Grouping: same measure and unit, and compatible subjects (one subject's words contain the other's;
a place scope such as "in Sweden" must match; money, votes and percentages are told apart by their
actor, the donor, candidate or priced good, and an unnamed actor matches no one). Keys are
"measure:subject" ("killed:north-korean-troops") or "measure:actor:unit" ("pledged:japan:usd").
Verdicts: "single" when one source; else "agree" when every value allowed by the mentions overlaps
(bounds as written, ±10% around an approximate single value), else "diverge". Vague counts are
listed but never decide a verdict; "count" and "amount" figures (the thing counted is known, what
happened to it is not) are not grouped. Origins: speakers are normalised (demonym -> country,
"intelligence agency" = "National Intelligence Service"), a shorter name with a distinctive word
("Joint Chiefs") matches its longer form, and an unattributed figure is its outlet's own origin.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from summarizer.models import Article, Figure, FigureGroup, Sentence

__all__ = [
    "NumberValue",
    "extract_figures",
    "figure_measure_label",
    "group_figures",
    "parse_number",
]

# ---------------------------------------------------------------------------------------------
# Number vocabulary


def _words(text: str) -> frozenset[str]:
    """A lexicon written as one space-separated string."""
    return frozenset(text.split())


_SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_BIG_NUMBER_WORDS: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_SCALE_WORDS: dict[str, float] = {
    **_BIG_NUMBER_WORDS, "hundred": 1e2, "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12,
    "trn": 1e12, "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
_SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# "a few" needs its article: bare "few" means "not many".
_VAGUE_FEW: dict[str, tuple[float, float]] = {"several": (3.0, 9.0), "few": (2.0, 5.0)}
_VAGUE_PLURALS: dict[str, tuple[float, float]] = {
    "tens": (20.0, 99.0), "dozens": (24.0, 99.0), "scores": (40.0, 99.0),
    "hundreds": (200.0, 999.0), "thousands": (2e3, 9999.0), "millions": (2e6, 9.999e6),
    "billions": (2e9, 9.999e9),
}  # fmt: skip
_PLURAL_SCALES: dict[str, float] = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}

_CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₴": "UAH",
}  # fmt: skip
# Letters written straight before "$": "US$5m", "A$3bn".
_DOLLAR_PREFIXES: dict[str, str] = {
    "us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "nz": "NZD", "hk": "HKD",
    "s": "SGD",
}  # fmt: skip
_CURRENCY_CODES: frozenset[str] = _words(
    "USD EUR GBP JPY CNY RMB CHF AUD CAD INR KRW RUB UAH RON TRY ZAR ILS BRL MXN SEK NOK DKK PLN "
    "HKD SGD NZD IDR THB MYR NGN EGP PKR BDT"
)
_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH",
    "lei": "RON", "leu": "RON", "lira": "TRY", "liras": "TRY", "rand": "ZAR", "shekels": "ILS",
    "shekel": "ILS", "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "naira": "NGN",
    "sterling": "GBP",
}  # fmt: skip
# Adjectives that say which dollar: "U.S. dollars", "Australian dollars".
_DOLLAR_ADJECTIVES: dict[str, str] = {
    "u.s.": "USD", "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "singapore": "SGD", "taiwan": "TWD", "zealand": "NZD", "kong": "HKD",
}  # fmt: skip

# Qualifiers written before a number, longest first when matched.
_QUALIFIERS_BEFORE: dict[tuple[str, ...], str] = {
    ("approximately",): "approx", ("about",): "approx", ("around",): "approx",
    ("roughly",): "approx", ("some",): "approx", ("an", "estimated"): "approx",
    ("estimated",): "approx", ("approx",): "approx", ("approx", "."): "approx",
    ("circa",): "approx", ("~",): "approx", ("nearly",): "nearly", ("almost",): "nearly",
    ("close", "to"): "nearly", ("just", "under"): "nearly", ("just", "below"): "nearly",
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least", ("not", "less", "than"): "at_least",
    ("a", "minimum", "of"): "at_least", ("more", "than"): "more_than", ("over",): "more_than",
    ("upwards", "of"): "more_than", ("in", "excess", "of"): "more_than", ("above",): "more_than",
    ("exceeding",): "more_than", ("well", "over"): "more_than", ("just", "over"): "more_than",
    ("beyond",): "more_than", ("up", "to"): "up_to", ("as", "many", "as"): "up_to",
    ("as", "much", "as"): "up_to", ("no", "more", "than"): "up_to",
    ("not", "more", "than"): "up_to", ("at", "most"): "up_to", ("a", "maximum", "of"): "up_to",
    ("fewer", "than"): "less_than", ("less", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than",
}  # fmt: skip
# Written after a number: "3,000 or more", "300 or so", "3,000-plus".
_QUALIFIERS_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least", ("or", "so"): "approx", ("plus",): "more_than",
    ("-", "plus"): "more_than", ("+",): "more_than", ("odd",): "approx", ("-", "odd"): "approx",
}  # fmt: skip
# "another 3,000", "an additional 3,000": an increment on an earlier count.
_ADDITIONAL_BEFORE: tuple[tuple[str, ...], ...] = (
    ("an", "additional"),
    ("an", "extra"),
    ("a", "further"),
    ("another",),
    ("additional",),
    ("further",),
)
_ADDITIONAL_MODIFIERS = frozenset({"additional", "more", "further", "extra", "fresh"})

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME_UNITS = _words(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries night nights"
)

# ---------------------------------------------------------------------------------------------
# Words around numbers

_FUNCTION_WORDS = _words(
    "a an the of in on at by for from to with into onto across since during after before over "
    "under through per as than like about around against toward towards among amid between "
    "within without via and or but nor so yet while whereas although though because if unless "
    "that which who whom whose where when what how this these those it its their his her our "
    "your my they them he she we you i us him there here is are was were be been being am has "
    "have had having will would shall should can could may might must do does did done not no "
    "only just also even still already all both each every either neither some any such"
)
_AUXILIARIES = _words(
    "is are was were be been being am has have had having will would shall should can could "
    "may might must do does did not also still already now then previously recently reportedly "
    "allegedly reported apparently initially earlier later further"
)
_PRONOUNS = _words("he she they it we i")
_RELATIVES = frozenset({"which", "who", "that"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "prof", "prof."})

# What can be counted. People nouns share one class so casualty verbs can apply to them; the
# synonyms make "soldiers" and "troops" the same unit.
_UNIT_SYNONYMS: dict[str, str] = {
    "soldiers": "troops", "soldier": "troops", "forces": "troops", "personnel": "troops",
    "servicemen": "troops", "servicemembers": "troops", "troop": "troops",
    "persons": "people", "person": "people", "individuals": "people", "dead": "people",
    "deaths": "people", "death": "people", "fatalities": "people", "victims": "people",
    "bodies": "people", "lives": "people", "casualties": "people",
}  # fmt: skip
_PEOPLE_UNITS = _words(
    "troops people civilians residents inhabitants children women men adults students workers "
    "employees staff migrants refugees tourists passengers crew sailors marines officers police "
    "policemen protesters demonstrators prisoners detainees hostages captives inmates patients "
    "citizens nationals foreigners donors voters members engineers advisers advisors doctors "
    "nurses journalists survivors evacuees families households villagers miners pilgrims "
    "fighters militants combatants rebels insurgents mercenaries conscripts recruits reservists "
    "guards pilots volunteers rescuers firefighters"
)
_THING_UNITS = _words(
    "tanks missiles drones shells rockets launchers aircraft planes jets helicopters ships "
    "vessels boats vehicles trucks containers rounds howitzers guns weapons rifles mines bombs "
    "homes houses buildings schools hospitals jobs cases tonnes tons barrels votes ballots "
    "seats earthquakes aftershocks villages towns cities companies shares"
)
_COUNTABLE_HEADS = _PEOPLE_UNITS | _THING_UNITS | frozenset(_UNIT_SYNONYMS)
# "220 units of rocket launchers" counts launchers; "200 pieces of artillery" counts pieces of it.
_TRANSPARENT_PARTITIVES = frozenset({"units", "items"})
_CONTAINER_NOUNS = _words(
    "containers shipments tonnes tons barrels boxes crates truckloads loads batches sets cases "
    "bags sacks litres liters gallons pieces"
)

# Outcome verbs for counted people. The key order below is the order of combined measures.
_CASUALTY_ORDER = ("killed", "wounded", "missing", "captured")
_CASUALTY_CUES: dict[str, str] = {
    "killed": "killed", "kill": "killed", "killing": "killed", "dead": "killed",
    "died": "killed", "die": "killed", "dying": "killed", "deaths": "killed", "death": "killed",
    "slain": "killed", "eliminated": "killed", "perished": "killed", "fatalities": "killed",
    "wounded": "wounded", "wounding": "wounded", "injured": "wounded", "injuring": "wounded",
    "injuries": "wounded", "injury": "wounded", "hurt": "wounded",
    "missing": "missing", "unaccounted": "missing",
    "captured": "captured", "capturing": "captured", "prisoner": "captured",
    "displaced": "displaced", "homeless": "displaced", "fled": "displaced",
    "evacuated": "evacuated", "evacuating": "evacuated",
    "arrested": "arrested", "arresting": "arrested", "detained": "arrested",
    "detaining": "arrested", "rescued": "rescued", "rescuing": "rescued", "kills": "killed",
    "displacing": "displaced",
    "casualties": "casualties",
}  # fmt: skip
_COMBINING_WORDS = frozenset(
    {"or", "and", ",", "either", "/", "been", "have", "were", "are", "had"}
)

_TRANSFER_CUES: dict[str, str] = {}
for _category, _cue_words in {
    "deploy": "sent send sends sending deployed deploy deploys deploying deployment dispatched "
    "dispatch dispatches dispatching stationed mobilised mobilized redeployed",
    "supply": "supplied supply supplies supplying shipped shipments shipment delivered deliver "
    "delivers delivering deliveries provided provide provides providing exported transferred "
    "transfer sold handed",
    "pledge": "pledged pledge pledges pledging promised promise promises promising committed "
    "commit commits offered offer offers announced announces earmarked",
    "give": "donated donate donates donating donation donations gave give gives given giving "
    "contributed contribute contributes contribution contributions granted grant grants "
    "disbursed allocated",
    "raise": "raised raise raises raising collected collecting collect",
    "spend": "spent spend spends spending",
    "cost": "cost costs costing",
    "price": "price prices priced trading traded selling fetched settled closed fare fares fee "
    "fees",
    "destroy": "destroyed destroying downed",
    "vote": "won wins win received receives got gets secured secures took takes garnered "
    "polled obtained",
    "rise": "rose rise rises rising climbed climbs jumped jumps surged surges gained gains "
    "increased increases grew grows up",
    "fall": "fell falls falling dropped drops slumped slumps declined declines decreased "
    "decreases shrank lost down",
}.items():
    for _word in _cue_words.split():
        _TRANSFER_CUES[_word] = _category
# Nouns that name the measure of the number that follows: "the death toll at 2,600".
_RATE_NOUNS: dict[str, str] = {
    "toll": "killed", "magnitude": "magnitude", "turnout": "turnout", "inflation": "inflation",
    "unemployment": "unemployment", "approval": "approval",
}  # fmt: skip
_PER_UNIT_WORDS = _words(
    "barrel litre liter gallon ounce tonne ton kilo kilogram share unit night head month year "
    "day person ticket kilowatt-hour"
)

_ATTRIBUTION_VERBS = _words(
    "said says say saying stated told tells reported reports estimated estimates estimate "
    "estimating believe believes assessed assesses assess announced announces claimed claims "
    "confirmed confirms added noted notes note warned put puts putting counted recorded "
    "tallied indicated indicates showed shows suggested suggests acknowledged revealed reveals "
    "wrote writes found finds calculated calculates quoted"
)
# Verbs that frame a reported number so their certainty carries over to sibling clauses.
_FRAME_VERBS = _words(
    "said says say stated told reported reports estimated estimates estimate estimating "
    "assessed assesses assess according"
)
_INSTITUTION_NOUNS = _words(
    "officials official intelligence ministry agency agencies service media sources source "
    "police authorities analysts experts military army government office spokesman "
    "spokeswoman spokesperson chief chiefs staff observatory committee commission council "
    "report reports survey data figures statement press news outlet newspaper department "
    "organization organisation group groups officers commanders minister president secretary "
    "ambassador envoy representative correspondent journalists monitors observers watchdog "
    "center centre institute university foundation diplomats lawmakers administration "
    "ministries researchers scientists investigators prosecutors court tribunal coalition "
    "alliance party campaign poll pollsters commissioner governor mayor leader leaders "
    "operator operators firm company bank traders dealers brokers"
)
_REPORT_NOUNS = (
    "report|reports|estimate|estimates|assessment|assessments|figures|data|statement|briefing|"
    "count|tally|survey|study|analysis|statistics"
)

# Country names and demonyms, for telling origins apart and for labels. Capitals name their
# governments in news copy ("Seoul has provided ...").
_COUNTRY_ALIASES: dict[str, str] = {}
for _country, _aliases in {
    "south korea": "south korean|south koreans|south korea|seoul|rok",
    "north korea": "north korean|north koreans|north korea|pyongyang|dprk",
    "russia": "russian|russians|russia|moscow|kremlin",
    "ukraine": "ukrainian|ukrainians|ukraine|kyiv|kiev",
    "united states": "american|americans|united states|u.s.|us|usa|u.s.a.|washington|america",
    "united kingdom": "british|britain|united kingdom|uk|u.k.|london",
    "china": "chinese|china|beijing|prc",
    "japan": "japanese|japan|tokyo",
    "india": "indian|indians|india|new delhi",
    "indonesia": "indonesian|indonesians|indonesia|jakarta",
    "france": "french|france|paris",
    "germany": "german|germans|germany|berlin",
    "italy": "italian|italians|italy|rome",
    "spain": "spanish|spain|madrid",
    "turkey": "turkish|turkey|türkiye|ankara",
    "syria": "syrian|syrians|syria|damascus",
    "iran": "iranian|iranians|iran|tehran",
    "iraq": "iraqi|iraqis|iraq|baghdad",
    "israel": "israeli|israelis|israel",
    "egypt": "egyptian|egyptians|egypt|cairo",
    "romania": "romanian|romanians|romania|bucharest",
    "norway": "norwegian|norwegians|norway|oslo",
    "sweden": "swedish|swedes|sweden|stockholm",
    "canada": "canadian|canadians|canada|ottawa",
    "australia": "australian|australians|australia|canberra",
    "pakistan": "pakistani|pakistanis|pakistan|islamabad",
    "afghanistan": "afghan|afghans|afghanistan|kabul",
    "thailand": "thai|thailand|bangkok",
    "sri lanka": "sri lankan|sri lankans|sri lanka|colombo",
    "malaysia": "malaysian|malaysians|malaysia",
    "nepal": "nepali|nepalese|nepal|kathmandu",
    "morocco": "moroccan|moroccans|morocco|rabat",
    "mexico": "mexican|mexicans|mexico",
    "brazil": "brazilian|brazilians|brazil",
    "poland": "polish|poland|warsaw",
    "netherlands": "dutch|netherlands",
    "taiwan": "taiwanese|taiwan|taipei",
    "philippines": "filipino|filipinos|philippine|philippines|manila",
    "vietnam": "vietnamese|vietnam|hanoi",
    "lebanon": "lebanese|lebanon|beirut",
    "yemen": "yemeni|yemenis|yemen",
    "sudan": "sudanese|sudan|khartoum",
    "ethiopia": "ethiopian|ethiopians|ethiopia",
    "nigeria": "nigerian|nigerians|nigeria",
    "kenya": "kenyan|kenyans|kenya|nairobi",
    "belarus": "belarusian|belarus|minsk",
    "saudi arabia": "saudi|saudis|saudi arabia|riyadh",
}.items():
    for _alias in _aliases.split("|"):
        _COUNTRY_ALIASES[_alias] = _country
_COUNTRY_PATTERN = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(_COUNTRY_ALIASES, key=len, reverse=True))
    + r")(?![\w])"
)
# Institutions written several ways: "intelligence agency" = "National Intelligence Service".
_INSTITUTION_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("national intelligence service", "intelligence"),
    ("intelligence service", "intelligence"),
    ("intelligence agency", "intelligence"),
    ("spy agency", "intelligence"),
    ("nis", "intelligence"),
    ("joint chiefs of staff", "joint_chiefs"),
    ("joint chiefs", "joint_chiefs"),
    ("ministry of defence", "defence ministry"),
    ("ministry of defense", "defence ministry"),
    ("defense", "defence"),
    ("united nations", "un"),
    ("u.n.", "un"),
)
_GENERIC_ORIGIN_WORDS = _words(
    "officials sources media reports report analysts experts military government authorities "
    "spokesman spokeswoman spokesperson state news latest new earlier previous national "
    "official"
)
_PROPER_WORDS = frozenset(
    w for alias in _COUNTRY_ALIASES for w in alias.split() if w.isalpha() and len(w) > 3
) | frozenset({"korean", "korea", "western", "european", "nato"})

# ---------------------------------------------------------------------------------------------
# Public value type


@dataclass(frozen=True)
class NumberValue:
    """One number phrase, normalised: a best value with bounds (None = unbounded)."""

    value: float
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str = ""  # currency code ("USD"), "%", or "" for a plain count
    scale: float = 1.0  # multiplier written as a word or suffix ("million", "bn")
    text: str = ""  # the phrase as written, white space collapsed
    qualifier: str = ""  # approx|nearly|at_least|more_than|up_to|less_than|range|vague|""
    ambiguous: bool = False  # two readings ("3.000"): never turned into a figure
    readings: tuple[float, ...] = ()

    @property
    def vague(self) -> bool:
        """True for counts such as "hundreds" or "several" that give only an order of size."""
        return self.qualifier == "vague"


# ---------------------------------------------------------------------------------------------
# Tokens

_SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)"
_TOKEN_RE = re.compile(
    r"(?P<num>(?P<digits>" + _SPACE_GROUPED + r"|\d+(?:[.,]\d+)*)(?P<suffix>[^\W\d_]+)?)"
    r"|(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<word>[^\W\d_](?:[^\W_]|['’][^\W\d_])*(?:[-‑][^\W_]+(?:['’][^\W\d_]+)*(?:\.\d+)?)*)"
    r"|(?P<sym>[$€£¥₹₩₽₴~])"
    r"|(?P<pct>%)"
    r"|(?P<dash>[-–—‑])"
    r"|(?P<punct>\S)"
)
_PLAIN_NUM_RE = re.compile(r"(?P<digits>\d+)(?P<suffix>[^\W\d_]+)?")


@dataclass(frozen=True)
class _Token:
    kind: str  # num | abbr | word | sym | pct | dash | punct
    text: str
    start: int
    end: int
    digits: str = ""
    suffix: str = ""

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def capitalised(self) -> bool:
        return self.kind in ("word", "abbr") and self.text[:1].isupper()


def _tokenize(text: str) -> tuple[_Token, ...]:
    """Split text into tokens with offsets; digit groups split by spaces stay one number."""
    tokens: list[_Token] = []
    pos = 0
    while (match := _TOKEN_RE.search(text, pos)) is not None:
        kind = next(k for k in ("num", "abbr", "word", "sym", "pct", "dash", "punct") if match[k])
        if kind == "num" and re.search(r"\s", match["digits"]) and _after_month(tokens):
            # "February 8 300 troops": the day is not the first group of "8 300".
            match = _PLAIN_NUM_RE.match(text, match.start())
            assert match is not None
        tokens.append(
            _Token(
                kind,
                match.group(0),
                match.start(),
                match.end(),
                match["digits"] if kind == "num" else "",
                (match["suffix"] or "") if kind == "num" else "",
            )
        )
        pos = match.end()
    return tuple(tokens)


def _after_month(tokens: Sequence[_Token]) -> bool:
    return bool(tokens) and _month_number(tokens[-1]) is not None


def _month_number(token: _Token) -> int | None:
    """The month a capitalised token names ("January", "mid-March", "Jan"), else None."""
    if token.kind != "word":
        return None
    part = token.text.split("-")[-1]
    if not part[:1].isupper():
        return None
    return _MONTHS.get(part.lower())


# ---------------------------------------------------------------------------------------------
# Numerals


@dataclass(frozen=True)
class _Digits:
    value: float | None
    readings: tuple[float, ...] = ()


def _read_digits(text: str) -> _Digits:
    """Value of a digit string; None when it follows no grouping convention."""
    if re.fullmatch(_SPACE_GROUPED, text):
        return _Digits(float(re.sub(r"\D", "", text)))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return _Digits(float(text.replace(",", "")))
    if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", text):
        # English decimal or European thousands: both readings, flagged.
        return _Digits(float(text), (float(text), float(text.replace(".", ""))))
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return _Digits(float(text))
    return _Digits(None)


@dataclass(frozen=True)
class _Quantity:
    first: int  # token index of the first token (currency included)
    last: int  # token index of the last token
    low: float
    high: float
    currency: str = ""
    percent: bool = False
    scale: float = 1.0
    vague: bool = False
    readings: tuple[float, ...] = ()
    words: bool = False  # written in words ("two", "a dozen")
    plain_int: str = ""  # the digits of a bare integer ("2024"), else ""
    suffix: str = ""  # letters glued to digits that are not a scale ("th", "mm", "s")
    idiom: bool = False  # "a dozen": a round number used loosely


def _word_parts(token: _Token) -> list[str]:
    return token.low.split("-") if token.kind == "word" else []


def _is_number_word(part: str) -> bool:
    return (
        part in _SMALL_NUMBERS
        or part in _TENS
        or part in _BIG_NUMBER_WORDS
        or part
        in {
            "hundred",
            "dozen",
        }
    )


def _read_number_words(tokens: Sequence[_Token], i: int) -> tuple[float, int] | None:
    """A number written in words starting at token i: (value, index of last token)."""
    parts: list[str] = []
    last = i - 1
    j = i
    while j < len(tokens):
        token = tokens[j]
        pieces = _word_parts(token)
        if not pieces:
            break
        if (pieces == ["a"] and not parts) or (pieces == ["and"] and parts):
            # "a hundred", "two hundred and fifty": only when a number word follows.
            following = _word_parts(tokens[j + 1]) if j + 1 < len(tokens) else []
            if (following and _is_number_word(following[0])) or following[:1] == ["half"]:
                parts.append(pieces[0])
                j += 1
                continue
            break
        if pieces == ["a"] and parts[-1:] == ["half"]:
            parts.append("a")  # "half a million"
            j += 1
            continue
        if all(_is_number_word(p) or p == "half" for p in pieces):
            parts.extend(pieces)
            last = j
            j += 1
            continue
        break
    numeric = [p for p in parts if p not in ("a", "and")]
    if not numeric or numeric == ["half"] or numeric[0] in _BIG_NUMBER_WORDS:
        return None
    if numeric == ["one"] or (numeric in (["dozen"], ["hundred"]) and parts[0] != "a"):
        return None  # "one of them" is a pronoun, not a count
    if numeric[-1] == "half":
        return None
    return _evaluate_number_words(parts), last


def _evaluate_number_words(parts: Sequence[str]) -> float:
    total = 0.0
    current = 0.0
    for part in parts:
        if part in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "half":
            current += 0.5
        elif part == "a":
            continue
        elif part == "hundred":
            current = (current or 1) * 100
        elif part == "dozen":
            current = (current or 1) * 12
        elif part in _BIG_NUMBER_WORDS:
            total += (current or 1) * _BIG_NUMBER_WORDS[part]
            current = 0.0
    return total + current


def _read_vague(tokens: Sequence[_Token], i: int) -> tuple[float, float, int] | None:
    """A vague count ("several", "a few hundred", "tens of thousands"): (low, high, last)."""
    n = len(tokens)
    low_word = tokens[i].low
    j = i
    if low_word == "a" and j + 1 < n and tokens[j + 1].low == "few":
        j += 1
        low_word = "few"
    elif low_word == "few":
        return None
    if low_word in _VAGUE_FEW:
        low, high = _VAGUE_FEW[low_word]
        if (
            j + 1 < n
            and tokens[j + 1].low in _SCALE_WORDS
            and tokens[j + 1].low
            not in (
                "bn",
                "mn",
            )
        ):
            scale = _SCALE_WORDS[tokens[j + 1].low]
            return low * scale, high * scale, j + 1
        return low, high, j
    if low_word in _VAGUE_PLURALS:
        low, high = _VAGUE_PLURALS[low_word]
        if (
            j + 2 < n
            and tokens[j + 1].low == "of"
            and tokens[j + 2].low in _PLURAL_SCALES
            and _PLURAL_SCALES[tokens[j + 2].low] >= 1e3
            and low_word in ("tens", "dozens", "scores", "hundreds")
        ):
            scale = _PLURAL_SCALES[tokens[j + 2].low]
            return low * scale, high * scale, j + 2
        if low_word == "tens":
            return None
        return low, high, j
    return None


def _currency_before(tokens: Sequence[_Token], i: int) -> tuple[str, int]:
    """Currency written before a numeral at i: (code, index of the numeral) or ("", i)."""
    n = len(tokens)
    token = tokens[i]
    if token.kind == "sym" and token.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[token.text], i + 1
    if (
        token.kind == "word"
        and token.low in _DOLLAR_PREFIXES
        and i + 1 < n
        and tokens[i + 1].text == "$"
        and tokens[i + 1].start == token.end
    ):
        return _DOLLAR_PREFIXES[token.low], i + 2
    if (
        token.kind == "word"
        and token.text in _CURRENCY_CODES
        and i + 1 < n
        and tokens[i + 1].kind == "num"
    ):
        return ("CNY" if token.text == "RMB" else token.text), i + 1
    return "", i


def _currency_after(tokens: Sequence[_Token], j: int) -> tuple[str, int]:
    """Currency written after a numeral ending at j: (code, new last index) or ("", j)."""
    n = len(tokens)
    if j + 1 >= n:
        return "", j
    nxt = tokens[j + 1]
    if nxt.kind == "word" and nxt.text in _CURRENCY_CODES:
        return ("CNY" if nxt.text == "RMB" else nxt.text), j + 1
    if nxt.low in _DOLLAR_ADJECTIVES and j + 2 < n and tokens[j + 2].low in ("dollars", "dollar"):
        return _DOLLAR_ADJECTIVES[nxt.low], j + 2
    if nxt.low == "hong" and j + 3 < n and tokens[j + 3].low in ("dollars", "dollar"):
        return "HKD", j + 3
    if nxt.low == "pounds" and j + 2 < n and tokens[j + 2].low == "sterling":
        return "GBP", j + 2
    if nxt.kind == "word" and nxt.low in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[nxt.low], j + 1
    return "", j


def _may_start_quantity(tokens: Sequence[_Token], i: int) -> bool:
    token = tokens[i]
    if token.kind == "num" or (token.kind == "sym" and token.text in _CURRENCY_SYMBOLS):
        return True
    if token.kind != "word":
        return False
    first = token.low.split("-")[0]
    return (
        first in _SMALL_NUMBERS
        or first in _TENS
        or first in ("a", "half", "several")
        or token.low in _VAGUE_PLURALS
        or token.text in _CURRENCY_CODES
        or token.low in _DOLLAR_PREFIXES
    )


# After "3.5m", these make the "m" metres, not millions: "3.5m (11.5ft) tall".
_DIMENSION_WORDS = _words("( tall high long wide deep thick away above below across")


def _read_quantity(tokens: Sequence[_Token], i: int) -> _Quantity | None:
    """One amount (no qualifier, no range) starting at token i."""
    n = len(tokens)
    currency, j = _currency_before(tokens, i)
    if j >= n:
        return None
    token = tokens[j]
    scale = 1.0
    words = vague = idiom = False
    readings: tuple[float, ...] = ()
    plain_int = suffix = ""
    if token.kind == "num":
        digits = _read_digits(token.digits)
        if digits.value is None:
            return None
        low = high = digits.value
        readings = digits.readings
        glued = token.suffix.lower()
        following = tokens[j + 1].low if j + 1 < n else ""
        metres = glued == "m" and not currency and following in _DIMENSION_WORDS
        if glued in _SCALE_SUFFIXES and (glued != "b" or currency) and not metres:
            scale = _SCALE_SUFFIXES[glued]
        elif glued:
            suffix = glued
        elif re.fullmatch(r"\d+", token.digits):
            plain_int = token.digits
        last = j
    elif token.kind == "word":
        vague_read = _read_vague(tokens, j)
        words_read = None if vague_read else _read_number_words(tokens, j)
        if vague_read:
            low, high, last = vague_read
            vague = True
        elif words_read:
            low = high = words_read[0]
            last = words_read[1]
            words = True
            idiom = tokens[j].low == "a" and "dozen" in tokens[last].low
        else:
            return None
    else:
        return None
    if not suffix and not vague:
        while last + 1 < n and tokens[last + 1].low in _SCALE_WORDS and scale < 1e12:
            if tokens[last + 1].low == "hundred" and not (words or plain_int):
                break
            scale *= _SCALE_WORDS[tokens[last + 1].low]
            last += 1
    if not suffix:
        after_currency, last = _currency_after(tokens, last)
        currency = currency or after_currency
    percent = False
    if not suffix and last + 1 < n:
        nxt = tokens[last + 1]
        if nxt.kind == "pct" or nxt.low == "percent":
            percent, last = True, last + 1
        elif (nxt.low == "per" and last + 2 < n and tokens[last + 2].low == "cent") or (
            nxt.low == "percentage" and last + 2 < n and tokens[last + 2].low == "points"
        ):
            percent, last = True, last + 2
    return _Quantity(
        first=i,
        last=last,
        low=low * scale,
        high=high * scale,
        currency=currency,
        percent=percent,
        scale=scale,
        vague=vague,
        readings=tuple(r * scale for r in readings),
        words=words,
        plain_int=plain_int if scale == 1.0 and not currency and not percent else "",
        suffix=suffix,
        idiom=idiom,
    )


# ---------------------------------------------------------------------------------------------
# Number phrases: qualifier + amount + optional range


@dataclass(frozen=True)
class _Phrase:
    first: int  # first token, qualifier included
    num_first: int  # first token of the amount
    last: int
    value: NumberValue
    quantity: _Quantity
    additional: bool = False  # "another 3,000", "an additional 3,000"
    additional_word: str = ""
    superseded: bool = False  # the "from" side of "from 9.0 to 9.3"
    year_range: bool = False  # "1950–53"
    ratio: bool = False  # "three in ten"


def _match_words_before(
    tokens: Sequence[_Token], i: int, table: Iterable[tuple[str, ...]]
) -> tuple[tuple[str, ...], int] | None:
    """The longest entry of table written just before token i: (entry, index of its start)."""
    best: tuple[tuple[str, ...], int] | None = None
    for entry in table:
        start = i - len(entry)
        if start < 0:
            continue
        if all(tokens[start + k].low == entry[k] for k in range(len(entry))) and (
            best is None or len(entry) > len(best[0])
        ):
            best = (entry, start)
    return best


def _qualifier_before(tokens: Sequence[_Token], i: int) -> tuple[str, int]:
    found = _match_words_before(tokens, i, _QUALIFIERS_BEFORE)
    if found is None:
        return "", i
    return _QUALIFIERS_BEFORE[found[0]], found[1]


def _qualifier_after(tokens: Sequence[_Token], j: int) -> tuple[str, int]:
    for entry, kind in sorted(_QUALIFIERS_AFTER.items(), key=lambda kv: -len(kv[0])):
        if j + len(entry) < len(tokens) and all(
            tokens[j + 1 + k].low == entry[k] for k in range(len(entry))
        ):
            return kind, j + len(entry)
    return "", j


def _range_tail(
    tokens: Sequence[_Token], q1: _Quantity, between: bool, from_: bool
) -> tuple[_Quantity | None, bool]:
    """The upper end of a range after q1, and whether it is a "from X to Y" change instead."""
    k = q1.last + 1
    if k + 1 >= len(tokens) or q1.vague or q1.suffix:
        return None, False
    connector = tokens[k]
    accepted = (
        connector.kind == "dash"
        or connector.low == "to"
        or (connector.low == "and" and between)
        or (connector.low == "or" and q1.words)
    )
    if not accepted:
        return None, False
    q2 = _read_quantity(tokens, k + 1) if _may_start_quantity(tokens, k + 1) else None
    if q2 is None and from_ and connector.low == "to":
        # "from 9.0 to around 9.1": the first number was replaced by the second.
        return None, _qualifier_before(tokens, k + 2)[0] != "" and k + 2 < len(tokens)
    if q2 is None or q2.vague or q2.suffix:
        return None, False
    if (
        (q1.percent and not q2.percent)
        or (q1.currency and q2.percent)
        or (q2.currency and q1.percent)
        or (q1.currency and q2.currency and q1.currency != q2.currency)
    ):  # fmt: skip
        return None, False  # "rose 2.1% to $84.50" is two numbers, not a range
    if from_ and connector.low == "to":
        return None, True
    return q2, False


def _read_phrase(tokens: Sequence[_Token], i: int) -> _Phrase | None:
    """The number phrase whose amount starts at token i, with qualifiers and range."""
    q1 = _read_quantity(tokens, i)
    if q1 is None:
        return None
    qualifier, first = _qualifier_before(tokens, i)
    additional_match = _match_words_before(tokens, first, _ADDITIONAL_BEFORE)
    additional_word = ""
    if additional_match is not None:
        additional_word = " ".join(additional_match[0])
    before = tokens[first - 1].low if first > 0 else ""
    q2, superseded = _range_tail(tokens, q1, between=before == "between", from_=before == "from")
    year_range = False
    low, high, last = q1.low, q1.high, q1.last
    currency, percent, scale = q1.currency, q1.percent, q1.scale
    readings = q1.readings
    if q2 is not None:
        year_range = _is_year(q1.plain_int) and len(q2.plain_int) in (2, 4)
        low2, scale2 = q2.low, q2.scale
        if scale == 1.0 and scale2 > 1.0 and low * scale2 <= low2:
            low, high, scale = low * scale2, high * scale2, scale2  # "10-12 million"
        if low < q2.high or year_range or before == "between":
            high, last = q2.high, q2.last
            currency = currency or q2.currency
            percent = percent or q2.percent
            readings = readings or q2.readings
            if not year_range and low > high:
                low, high = high, low
        else:
            q2 = None
    if before == "between" and q2 is not None:
        first -= 1
    after_kind, last = _qualifier_after(tokens, last)
    kind = qualifier or after_kind
    ratio = last + 2 < len(tokens) and (
        (tokens[last + 1].low == "in" and tokens[last + 2].kind in ("num", "word")
        and _read_quantity(tokens, last + 2) is not None)
        or tokens[last + 1].low in ("times", "fold", "-fold")
        or (tokens[last + 1].low == "out" and tokens[last + 2].low == "of")
    )  # fmt: skip
    if q2 is not None and not year_range:
        kind = kind or "range"
    if q1.vague:
        kind = kind if kind in ("at_least", "more_than", "up_to", "less_than") else "vague"
    value = _number_value(low, high, kind, q1, currency, percent, scale, readings)
    return _Phrase(
        first=first if not additional_match else additional_match[1],
        num_first=i,
        last=last,
        value=value,
        quantity=q1,
        additional=additional_match is not None,
        additional_word=additional_word,
        superseded=superseded,
        year_range=year_range,
        ratio=bool(ratio),
    )


def _number_value(
    low: float,
    high: float,
    kind: str,
    q: _Quantity,
    currency: str,
    percent: bool,
    scale: float,
    readings: tuple[float, ...],
) -> NumberValue:
    """Bounds and best value for an amount under its qualifier."""
    lo: float | None = low
    hi: float | None = high
    approximate = kind in ("approx", "nearly", "vague") or q.idiom
    if kind in ("at_least", "more_than"):
        hi = None
    elif kind in ("up_to", "less_than"):
        lo = None
    elif kind == "nearly":
        lo = high * 0.9  # "nearly 2,000": close below, never above
    if lo is not None and hi is not None:
        best = (lo + hi) / 2
    else:
        best = lo if lo is not None else (hi if hi is not None else 0.0)
    unit = "%" if percent else currency
    return NumberValue(
        value=best,
        low=lo,
        high=hi,
        approximate=approximate,
        unit=unit,
        scale=scale,
        qualifier=kind,
        ambiguous=bool(readings),
        readings=readings,
    )


def _scan_phrases(tokens: Sequence[_Token], text: str) -> tuple[_Phrase, ...]:
    """All number phrases in token order, each with its text as written."""
    phrases: list[_Phrase] = []
    i = 0
    while i < len(tokens):
        phrase = _read_phrase(tokens, i) if _may_start_quantity(tokens, i) else None
        if phrase is None:
            i += 1
            continue
        written = _collapse(text[tokens[phrase.first].start : tokens[phrase.last].end])
        value = phrase.value
        phrases.append(
            _Phrase(
                **{
                    **phrase.__dict__,
                    "value": NumberValue(**{**value.__dict__, "text": written}),
                }
            )
        )
        i = phrase.last + 1
    return tuple(phrases)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2100


def parse_number(text: str) -> NumberValue | None:
    """Parse one number phrase ("about 2,700", "$350 million", "10,000-12,000") or return None.

    None when the text is not exactly one number phrase, is malformed ("1,00,000", "1,2345"), an
    ordinal ("5th") or a designation with glued letters ("170mm"). "3.000" comes back flagged
    ``ambiguous`` with both readings.
    """
    tokens = list(_tokenize(text))
    while tokens and tokens[-1].kind == "punct" and tokens[-1].text in ".,;:":
        tokens.pop()
    if not tokens:
        return None
    phrases = _scan_phrases(tokens, text)
    if len(phrases) != 1:
        return None
    phrase = phrases[0]
    if phrase.first != 0 or phrase.last != len(tokens) - 1 or phrase.quantity.suffix:
        return None
    if phrase.superseded or phrase.year_range:
        return None
    return phrase.value


# ---------------------------------------------------------------------------------------------
# One sentence, as the extractor sees it

_NUMERIC_DATE_RE = re.compile(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
)
_PHONE_RE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[.-]\d{3,4}[.-]\d{3,4}\b"
    r"|\+\d{1,3}(?:[\s.-]?\d{1,4}){3,}"
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?(?!\w)|o['’]clock)|\b\d{1,2}:\d{2}\b", re.IGNORECASE
)
_CLAUSE_BREAK_WORDS = frozenset({"while", "whereas", "but", "although", "though"})


@dataclass(frozen=True)
class _View:
    text: str  # the sentence's raw slice
    offset: int  # raw offset of text[0]
    tokens: tuple[_Token, ...]
    phrases: tuple[_Phrase, ...]
    blocked: tuple[tuple[int, int], ...]  # spans of dates, times and phone numbers in text
    clause_of: tuple[int, ...]  # clause number of each token
    skip: tuple[str | None, ...] = ()  # per phrase: why it is not a claim, or None

    def claim_phrases(self) -> list[int]:
        """Indices of the phrases that may be claims (windows stop only at these)."""
        return [i for i, reason in enumerate(self.skip) if reason is None]


def _view(text: str, offset: int) -> _View:
    tokens = _tokenize(text)
    blocked = tuple(
        m.span()
        for pattern in (_NUMERIC_DATE_RE, _PHONE_RE, _TIME_RE)
        for m in pattern.finditer(text)
    )
    view = _View(text, offset, tokens, _scan_phrases(tokens, text), blocked, _clauses(tokens))
    skip = tuple(_non_claim(view, phrase) for phrase in view.phrases)
    return _View(**{**view.__dict__, "skip": skip})


def _clauses(tokens: Sequence[_Token]) -> tuple[int, ...]:
    """Clause number per token: breaks at ";", ":", and at contrast or "with" after a comma."""
    numbers: list[int] = []
    clause = 0
    for k, token in enumerate(tokens):
        previous = tokens[k - 1].text if k else ""
        following = tokens[k + 1].low if k + 1 < len(tokens) else ""
        if token.text in (";", ":") or token.low in _CLAUSE_BREAK_WORDS:
            clause += 1
        elif token.low == "and" and following in _AUXILIARIES - {"also", "still", "then"}:
            clause += 1  # "... has supplied 200 guns and is likely to send more": a new claim
        elif previous == "," and token.low in ("with", "and", "which", "who"):
            clause += 1
        numbers.append(clause)
    return tuple(numbers)


# ---------------------------------------------------------------------------------------------
# Non-claims

_DESIGNATION_NOUNS = _words(
    "no no. number resolution article section chapter flight route page pages p p. pp pp. "
    "paragraph clause model version level phase stage category grade class type room gate "
    "platform highway road interstate item step part episode season act vol vol. volume issue "
    "line bus channel amendment bill code squad unit battalion brigade division regiment "
    "corps district zone sector block lot floor exit"
)
_NOT_NAME_WORDS = _FUNCTION_WORDS | _words(
    "nearly almost roughly approximately around about some over under another"
)
_AGE_WORDS = frozenset({"aged", "age", "ages"})


def _non_claim(view: _View, phrase: _Phrase) -> str | None:
    """Why a number phrase is not a claim ("date", "year", ...), or None if it may be one."""
    tokens = view.tokens
    q = phrase.quantity
    numeral = tokens[phrase.num_first if not q.currency else _numeral_index(tokens, phrase)]
    before = tokens[phrase.first - 1] if phrase.first > 0 else None
    after = tokens[phrase.last + 1] if phrase.last + 1 < len(tokens) else None
    start, end = tokens[phrase.first].start, tokens[phrase.last].end
    reason = None
    if q.suffix:
        reason = "ordinal" if q.suffix in ("st", "nd", "rd", "th") else "designation"
    elif phrase.value.ambiguous:
        reason = "ambiguous"
    elif phrase.superseded:
        reason = "superseded"
    elif phrase.year_range:
        reason = "year"
    elif phrase.ratio or _ratio_partner(tokens, phrase):
        reason = "ratio"
    elif any(s < end and start < e for s, e in view.blocked):
        reason = "date, time or phone number"
    elif _is_date_part(tokens, phrase, numeral):
        reason = "date"
    elif q.plain_int and _is_year(q.plain_int) and _reads_as_year(view, phrase):
        reason = "year"
    elif _glued_to_neighbour(tokens, phrase, numeral):
        reason = "designation"
    elif after is not None and (
        after.low in _TIME_UNITS or after.low == "o'clock" or _hyphen_compound(tokens, phrase)
    ):
        reason = "duration or compound modifier"
    elif _is_age(tokens, phrase):
        reason = "age"
    elif before is not None and q.plain_int and _is_designation_context(tokens, phrase):
        reason = "designation"
    elif _is_list_marker(view, phrase):
        reason = "list marker"
    return reason


def _numeral_index(tokens: Sequence[_Token], phrase: _Phrase) -> int:
    return next(
        (k for k in range(phrase.num_first, phrase.last + 1) if tokens[k].kind in ("num", "word")),
        phrase.num_first,
    )


def _ratio_partner(tokens: Sequence[_Token], phrase: _Phrase) -> bool:
    """The "ten" of "three in ten" / "four out of five"."""
    k = phrase.first
    if k >= 2 and tokens[k - 1].low == "in" and tokens[k - 2].kind in ("num", "word"):
        return _read_quantity(tokens, k - 2) is not None
    return k >= 3 and tokens[k - 1].low == "of" and tokens[k - 2].low == "out"


def _is_date_part(tokens: Sequence[_Token], phrase: _Phrase, numeral: _Token) -> bool:
    """A day or year written next to a month: "February 8", "7 February", "Jan. 10"."""
    if phrase.quantity.currency or phrase.value.unit or phrase.value.qualifier:
        return False
    k = phrase.num_first
    back = k - 1
    if back >= 0 and tokens[back].text in (".", ","):
        back -= 1
    if back >= 0 and _month_number(tokens[back]) is not None:
        return True
    if back >= 1 and tokens[back].low in _WEEKDAYS:
        return True
    nxt = phrase.last + 1
    if nxt < len(tokens) and tokens[nxt].low == "of":
        nxt += 1
    return nxt < len(tokens) and _month_number(tokens[nxt]) is not None and numeral.kind == "num"


def _reads_as_year(view: _View, phrase: _Phrase) -> bool:
    """A bare 4-digit number from 1000 to 2100 is a year unless a countable noun follows."""
    if phrase.value.qualifier:
        return False
    k = phrase.last + 1
    tokens = view.tokens
    while k < len(tokens) and tokens[k].kind == "word" and not tokens[k].text[:1].isupper():
        if tokens[k].low in _COUNTABLE_HEADS or tokens[k].low in _ADDITIONAL_MODIFIERS:
            return False
        if tokens[k].low in _FUNCTION_WORDS:
            break
        k += 1
    return True


def _glued_to_neighbour(tokens: Sequence[_Token], phrase: _Phrase, numeral: _Token) -> bool:
    """Digits touching letters or "/" or ":" belong to a code, a time or a fraction."""
    k = phrase.first
    if k > 0:
        prev = tokens[k - 1]
        if prev.end == tokens[k].start and (
            prev.kind in ("word", "num", "abbr") or prev.text in ("/", ":", ".", "#")
        ):
            return True
    j = phrase.last
    if j + 1 < len(tokens):
        nxt = tokens[j + 1]
        if nxt.start == tokens[j].end and nxt.text in ("/", ":") and j + 2 < len(tokens):
            return tokens[j + 2].kind == "num"
    return False


def _hyphen_compound(tokens: Sequence[_Token], phrase: _Phrase) -> bool:
    """ "10-day", "a 7.1-magnitude quake": the number modifies a noun, it counts nothing."""
    j = phrase.last
    if j + 2 >= len(tokens):
        return False
    dash, word = tokens[j + 1], tokens[j + 2]
    return (
        dash.kind == "dash"
        and dash.start == tokens[j].end
        and word.start == dash.end
        and word.kind == "word"
        and word.low not in ("plus", "odd")
    )


def _is_age(tokens: Sequence[_Token], phrase: _Phrase) -> bool:
    k, j = phrase.first, phrase.last
    if k > 0 and tokens[k - 1].low in _AGE_WORDS:
        return True
    following = " ".join(t.low for t in tokens[j + 1 : j + 4])
    if re.match(r"(- )?years?(-| )old\b|- ?year-old", following):
        return True
    # "Kim Smith, 45, said": a small number between commas after a name.
    q = phrase.quantity
    return (
        bool(q.plain_int)
        and int(q.plain_int) < 120
        and k >= 2
        and tokens[k - 1].text == ","
        and j + 1 < len(tokens)
        and tokens[j + 1].text == ","
        and tokens[k - 2].capitalised
    )


def _is_designation_context(tokens: Sequence[_Token], phrase: _Phrase) -> bool:
    """ "Resolution 2231", "Boeing 737": a bare integer named by the word before it."""
    if phrase.value.qualifier or phrase.value.unit or phrase.first != phrase.num_first:
        return False
    prev = tokens[phrase.first - 1]
    if prev.low.rstrip(".") in _DESIGNATION_NOUNS or prev.low in _DESIGNATION_NOUNS:
        return True
    if not prev.capitalised or prev.low in _NOT_NAME_WORDS or _month_number(prev) is not None:
        return False
    if prev.low in _COUNTRY_ALIASES or phrase.first - 1 == 0:
        return False
    nxt = tokens[phrase.last + 1] if phrase.last + 1 < len(tokens) else None
    return nxt is None or nxt.low not in _COUNTABLE_HEADS


def _is_list_marker(view: _View, phrase: _Phrase) -> bool:
    """ "1." or "2)" opening a line, or "(3)" / "[3]" standing alone."""
    tokens = view.tokens
    k, j = phrase.first, phrase.last
    if not phrase.quantity.plain_int:
        return False
    line_start = k == 0 or "\n" in view.text[tokens[k - 1].end : tokens[k].start]
    nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
    if line_start and nxt in (".", ")") and tokens[j + 1].start == tokens[j].end:
        return True
    prev = tokens[k - 1].text if k > 0 else ""
    return (prev, nxt) in (("(", ")"), ("[", "]"))


# ---------------------------------------------------------------------------------------------
# What is counted


@dataclass(frozen=True)
class _Counted:
    words: tuple[str, ...]  # the noun phrase, lowercase, calibres dropped
    end: int  # index of the last token read (phrase.last when nothing follows)
    additional: bool = False
    anaphoric: bool = False  # "of those troops", "others": points back to an earlier count
    modifier: bool = False  # "a 1.4 tonne plaque": the number describes a noun, counts nothing


def _noun_phrase_after(tokens: Sequence[_Token], k: int) -> tuple[list[str], int, bool]:
    """Words of the noun phrase starting at k: (words, index of last word, additional?)."""
    words: list[str] = []
    additional = False
    last = k - 1
    while k < len(tokens) and len(words) < 6:
        token = tokens[k]
        if token.kind == "num" and token.suffix and token.suffix.lower() not in _SCALE_SUFFIXES:
            last, k = k, k + 1  # a calibre inside the phrase: "240mm multiple rocket launchers"
            continue
        if token.kind not in ("word", "abbr"):
            break
        low = token.low
        joins_names = (
            low == "and"
            and words
            and tokens[k - 1].capitalised
            and k + 1 < len(tokens)
            and tokens[k + 1].capitalised
        )
        if not joins_names and (low in _FUNCTION_WORDS or low in _CASUALTY_CUES):
            break
        if low in _ADDITIONAL_MODIFIERS:
            additional = True
        elif low in _TRANSFER_CUES and not words:
            break
        else:
            words.append(low)
        last, k = k, k + 1
        if low in _COUNTABLE_HEADS and not (
            k < len(tokens) and tokens[k].low in _COUNTABLE_HEADS | _CONTAINER_NOUNS
        ):
            break
        if _verb_like(low) and (
            k >= len(tokens) or tokens[k].kind != "word" or tokens[k].low in _FUNCTION_WORDS
        ):
            words.pop()
            last -= 1
            break
    while words and _verb_like(words[-1]):
        words.pop()
    return words, last, additional


def _verb_like(word: str) -> bool:
    return (word.endswith("ed") or word.endswith("ing")) and word not in _COUNTABLE_HEADS


def _counted(view: _View, phrase: _Phrase) -> _Counted:
    """The noun phrase a number counts: "troops", "pieces of artillery", "of those troops"."""
    tokens = view.tokens
    k = phrase.last + 1
    anaphoric = False
    if phrase.quantity.vague and k < len(tokens) and tokens[k].low == "of":
        k += 1  # "thousands of troops"
    elif k + 1 < len(tokens) and tokens[k].low == "of" and tokens[k + 1].low in (
        "those", "these", "them", "whom", "which", "the",
    ):  # fmt: skip
        anaphoric = tokens[k + 1].low != "the"
        k += 2
    if k < len(tokens) and tokens[k].low in ("others", "other"):
        return _Counted((), k, anaphoric=True)
    words, last, additional = _noun_phrase_after(tokens, k)
    if words and last + 2 < len(tokens) and tokens[last + 1].low == "of":
        head = words[-1]
        inner, inner_last, _ = _noun_phrase_after(tokens, last + 2)
        if inner and head in _TRANSPARENT_PARTITIVES and len(words) == 1:
            words, last = inner, inner_last
        elif inner and head == "pieces":
            words, last = [*inner, "pieces"], inner_last
        elif inner and head in _CONTAINER_NOUNS | _TRANSPARENT_PARTITIVES:
            words, last = [*words, "of", *inner], inner_last
    modifier = False
    if words and phrase.value.value != 1 and not _looks_plural(_head_word(words)):
        # "a 1.4 tonne plaque": after any number but one, a counted noun is plural.
        words, last, modifier = [], phrase.last, True
    if not words:
        last = max(last, phrase.last)
    return _Counted(tuple(words), last, additional, anaphoric, modifier)


_UNCOUNTED_PLURALS = _words(
    "people men women children police personnel staff crew aircraft dead wounded injured "
    "missing cattle sheep livestock infantry artillery militia clergy folk offspring"
)


def _head_word(words: Sequence[str]) -> str:
    return words[words.index("of") - 1] if "of" in words else words[-1]


def _looks_plural(word: str) -> bool:
    if word in _UNCOUNTED_PLURALS or word in _UNIT_SYNONYMS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _unit_of(words: Sequence[str]) -> str:
    """Normalised head of a counted noun phrase: "soldiers" -> "troops"."""
    if not words:
        return ""
    if "of" in words:
        head = words[words.index("of") - 1]
    else:
        head = words[-1]
        if head == "pieces" and len(words) > 1:
            return f"{words[-2]} pieces"
    return _UNIT_SYNONYMS.get(head, head)


def _unit_class(unit: str, number_unit: str) -> str:
    if number_unit == "%":
        return "percent"
    if number_unit:
        return "money"
    if unit in ("votes", "ballots"):
        return "votes"
    if unit in _PEOPLE_UNITS or unit in _UNIT_SYNONYMS.values():
        return "people"
    return "things" if unit else "none"


# ---------------------------------------------------------------------------------------------
# What happened to it


def _window_after(view: _View, phrase_index: int, start: int) -> list[int]:
    """Token indices after start up to the clause end or the next number phrase."""
    tokens = view.tokens
    later = [i for i in view.claim_phrases() if i > phrase_index]
    stop = view.phrases[later[0]].first if later else len(tokens)
    out: list[int] = []
    for k in range(start, stop):
        if tokens[k].text in (";", ":", "(", ")", "—", "–", ".", "?", "!"):
            break
        if tokens[k].text == "," and k + 1 < stop and tokens[k + 1].low not in ("or", "and"):
            break
        out.append(k)
    return out


def _window_before(view: _View, phrase_index: int, limit: int = 30) -> list[int]:
    """Token indices before a phrase, nearest first, back to the previous phrase or a ";"."""
    tokens = view.tokens
    phrase = view.phrases[phrase_index]
    earlier = [i for i in view.claim_phrases() if i < phrase_index]
    floor = view.phrases[earlier[-1]].last + 1 if earlier else 0
    out: list[int] = []
    for k in range(phrase.first - 1, max(floor, phrase.first - limit) - 1, -1):
        if tokens[k].text in (";", ":", "(", ")"):
            break
        out.append(k)
    return out


def _casualty_chain(view: _View, window: Sequence[int]) -> str:
    """Outcome measure from the words after a count: "killed", "killed_or_wounded", ..."""
    tokens = view.tokens
    categories: list[str] = []
    previous_cue = -1
    for k in window:
        low = tokens[k].low
        category = _CASUALTY_CUES.get(low)
        if low == "lost" and k + 2 < len(tokens) and tokens[k + 2].low == "lives":
            category = "killed"
        if low in ("taken", "held") and k + 1 < len(tokens) and tokens[k + 1].low in (
            "prisoner", "captive", "hostage",
        ):  # fmt: skip
            category = "captured"
        if category is None:
            continue
        if categories:
            between = [tokens[m].low for m in range(previous_cue + 1, k)]
            if not all(w in _COMBINING_WORDS for w in between):
                break
        if category not in categories:
            categories.append(category)
        previous_cue = k
    return _combined_measure(categories)


def _combined_measure(categories: Sequence[str]) -> str:
    if not categories:
        return ""
    if "casualties" in categories:
        return "casualties"
    outcomes = [c for c in _CASUALTY_ORDER if c in categories]
    if len(outcomes) < 2:
        return categories[0]
    if len(outcomes) == 2:
        return f"{outcomes[0]}_or_{outcomes[1]}"
    if len(outcomes) == 3:
        return f"{outcomes[0]}_{outcomes[1]}_or_{outcomes[2]}"
    return "casualties"


def _cues(view: _View, indices: Iterable[int]) -> list[tuple[int, str]]:
    """(token index, category) of transfer, price, vote and change cues among indices."""
    tokens = view.tokens
    found = []
    for k in indices:
        low = tokens[k].low
        if low == "shipping" and k + 1 < len(tokens) and tokens[k + 1].kind == "word":
            continue  # "shipping containers" is a noun
        if low in _TRANSFER_CUES:
            found.append((k, _TRANSFER_CUES[low]))
    return found


def _rate_noun_before(view: _View, before: Sequence[int]) -> str:
    """ "the death toll at 2,600", "magnitude 7.1", "turnout was 61%": the measure named."""
    tokens = view.tokens
    for k in before[:4]:
        low = tokens[k].low
        if low in _RATE_NOUNS:
            return _RATE_NOUNS[low]
        if low == "count" and k > 0 and tokens[k - 1].low == "death":
            return "killed"
    return ""


def _per_unit_after(view: _View, after: Sequence[int]) -> str:
    """ "$84.50 a barrel", "€1.89 per litre": the unit a price is quoted in."""
    tokens = view.tokens
    for position, k in enumerate(after[:3]):
        if tokens[k].low in ("a", "an", "per", "each", "apiece") and position < 2:
            if tokens[k].low in ("each", "apiece"):
                return "each"
            nxt = k + 1
            if nxt < len(tokens) and tokens[nxt].low in _PER_UNIT_WORDS:
                return tokens[nxt].low
    return ""


# ---------------------------------------------------------------------------------------------
# Who says so


def _np_before(tokens: Sequence[_Token], end: int) -> tuple[int, int] | None:
    """Token span (first, last) of the speaker noun phrase ending just before index end."""
    j = end - 1
    # "Ahmadinejad on Wednesday announced": step over the time before the verb.
    while (
        j >= 1
        and (tokens[j].low in _WEEKDAYS or _month_number(tokens[j]) is not None)
        and (tokens[j - 1].low in ("on", "in", "last", "this", "late", "early"))
    ):
        j -= 2
    while (
        j >= 0
        and tokens[j].kind == "word"
        and (
            tokens[j].low in _AUXILIARIES
            or (tokens[j].low.endswith("ly") and not tokens[j].capitalised)
        )
    ):
        j -= 1
    if j > 0 and tokens[j].text == ",":
        j -= 1  # "Julianne Smith, previously stated": the name before the comma speaks
    if j < 0:
        return None
    head = tokens[j]
    if head.low in _PRONOUNS or head.low in _RELATIVES:
        return (j, j)
    if not (head.capitalised or head.low in _INSTITUTION_NOUNS):
        return None
    if head.low in _DETERMINERS or (head.low in _FUNCTION_WORDS and not head.capitalised):
        return None
    first = j
    lowercase_modifiers = 0
    k = j - 1
    while k >= 0:
        token = tokens[k]
        if token.kind == "abbr" or (token.kind == "word" and token.capitalised):
            if token.low in _NOT_NAME_WORDS and token.low not in ("the",):
                break
            if token.low == "the":
                break
            first = k
        elif (
            token.kind == "word"
            and token.low in ("of", "for", "on", "and", "de")
            and k > 0
            and tokens[k - 1].capitalised
            and tokens[first].capitalised
        ):
            first = k
        elif (
            token.kind == "word"
            and token.low not in _FUNCTION_WORDS
            and not _verb_like(token.low)
            and lowercase_modifiers < 2
            and token.low not in _ATTRIBUTION_VERBS
        ):
            lowercase_modifiers += 1
            first = k
        else:
            break
        k -= 1
    while first < j and tokens[first].low in ("of", "for", "on", "and", "de"):
        first += 1
    return (first, j)


def _span_text(view: _View, first: int, last: int) -> str:
    return _collapse(view.text[view.tokens[first].start : view.tokens[last].end])


def _clean_attribution(text: str) -> str | None:
    """Trim determiners, report nouns and trailing punctuation from a speaker phrase."""
    text = text.strip(" ,;:\"“”'’")
    if not re.search(r"(?:\b[A-Za-z]\.){2,}$", text):
        text = text.rstrip(".")  # keep the dot of "U.S."
    text = re.sub(r"^(?:the|a|an|as)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(
        r"(?:['’]s)?\s+(?:(?:latest|new|own|most recent|official|preliminary|initial|updated|"
        r"earlier|previous)\s+)*(?:" + _REPORT_NOUNS + r")$",
        "",
        text,
        flags=re.IGNORECASE,
    )
    return text or None


_ATTRIBUTION_END = r"(?=,|;|:|—|–|\)|\(|\s+that\s|\s+which\s|\s+who\s|(?<![A-Z])\.(?:\s|$)|$)"
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+(.+?)" + _ATTRIBUTION_END)
_REPORT_BY_RE = re.compile(
    r"\b(?:" + _REPORT_NOUNS + r")\s+(?:by|from)\s+(.+?)" + _ATTRIBUTION_END
    + r"|\b(?:confirmed|reported|cited|released|published|issued|compiled)\s+by\s+(.+?)"
    + _ATTRIBUTION_END
)  # fmt: skip
_LIST_TAIL_RE = re.compile(
    r"(?:,\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})*,?\s+and\s+(?:the\s+)?"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
)


def _pattern_attributions(view: _View) -> list[tuple[int, str]]:
    """(offset, speaker) for "according to X" and "report by X" in the sentence."""
    found = []
    for pattern in (_ACCORDING_RE, _REPORT_BY_RE):
        for match in pattern.finditer(view.text):
            group = next(g for g in range(1, (match.lastindex or 1) + 1) if match.group(g))
            end = match.end(group)
            tail = _LIST_TAIL_RE.match(view.text, end)
            speaker = view.text[match.start(group) : tail.end() if tail else end]
            # A missed sentence break ("the U.S. However, ...") must not extend the speaker.
            speaker = re.sub(r"\.\s+(?:However|But|Meanwhile|The|This|It|In|On)\b.*$", ".", speaker)
            cleaned = _clean_attribution(_collapse(speaker))
            if cleaned:
                found.append((match.start(), cleaned))
    return found


@dataclass(frozen=True)
class _Speaker:
    text: str | None
    pronoun: bool = False


def _verb_attribution(view: _View, phrase: _Phrase | None) -> _Speaker | None:
    """The speaker of the reporting verb nearest before the number, else one after it."""
    tokens = view.tokens
    limit = phrase.first if phrase is not None else len(tokens)
    for k in range(limit - 1, -1, -1):
        speaker = _speaker_of_verb(view, k)
        if speaker is not None:
            return speaker
    if phrase is None:
        return None
    for k in range(phrase.last + 1, len(tokens)):
        if tokens[k].low not in _ATTRIBUTION_VERBS or not _ends_report(tokens, k):
            continue
        span = _np_before(tokens, k)
        opening = span[0] - 1 if span is not None else -1
        while opening >= 0 and tokens[opening].low in _DETERMINERS:
            opening -= 1
        if span is not None and opening >= 0 and tokens[opening].text == ",":
            return _speaker_from_span(view, span)
        # Inverted: ", said Charles Ammon".
        if tokens[k - 1].text == "," and k + 1 < len(tokens) and tokens[k + 1].capitalised:
            last = k + 1
            while last + 1 < len(tokens) and tokens[last + 1].capitalised:
                last += 1
            return _Speaker(_clean_attribution(_span_text(view, k + 1, last)))
    return None


_REPORT_TAIL_WORDS = _words(
    "on in at a an the statement news conference briefing its their report website told "
    "reporters late early last this week month year earlier later yesterday today tonight "
    "recently previously also"
)


def _ends_report(tokens: Sequence[_Token], k: int) -> bool:
    """ "..., the ministry said on Monday." : nothing but time or venue follows the verb."""
    for token in tokens[k + 1 :]:
        if token.text in (".", ",", ";", "!", "?", "”", '"', "'"):
            return True
        low = token.low
        if not (
            low in _REPORT_TAIL_WORDS
            or low in _WEEKDAYS
            or _month_number(token) is not None
            or token.kind == "num"
        ):
            return False
    return True


def _speaker_of_verb(view: _View, k: int) -> _Speaker | None:
    tokens = view.tokens
    if tokens[k].low not in _ATTRIBUTION_VERBS:
        return None
    if tokens[k].low in ("put", "puts", "putting") and not any(
        t.low in ("toll", "figure", "number", "total") for t in tokens[k + 1 : k + 5]
    ):
        return None
    span = _np_before(tokens, k)
    if span is None:
        return None
    return _speaker_from_span(view, span)


def _speaker_from_span(view: _View, span: tuple[int, int]) -> _Speaker:
    tokens = view.tokens
    first, last = span
    head = tokens[last].low
    if head in _PRONOUNS:
        return _Speaker(None, pronoun=True)
    if head in _RELATIVES:
        # "a report by X, which estimated": the speaker is the phrase before the comma.
        if first > 0 and tokens[first - 1].text == ",":
            inner = _np_before(tokens, first - 1)
            if inner is not None and tokens[inner[1]].low not in _RELATIVES | _PRONOUNS:
                return _Speaker(_clean_attribution(_span_text(view, *inner)))
        return _Speaker(None, pronoun=True)
    return _Speaker(_clean_attribution(_span_text(view, first, last)))


def _attribution(view: _View, phrase: _Phrase | None) -> _Speaker | None:
    """Who the sentence says a number comes from (None when it says nothing)."""
    patterns = _pattern_attributions(view)
    if patterns:
        anchor = view.tokens[phrase.first].start if phrase is not None else 0
        return _Speaker(min(patterns, key=lambda p: (abs(p[0] - anchor), p[0]))[1])
    return _verb_attribution(view, phrase)


def _resolve_definite(speaker: str, history: Sequence[str]) -> str:
    """ "the ministry" after "South Korea's defence ministry" is that ministry."""
    words = speaker.lower().split()
    if len(words) != 1 or words[0] not in _INSTITUTION_NOUNS:
        return speaker
    for earlier in reversed(history):
        if earlier.lower().split()[-1] == words[0] and len(earlier.split()) > 1:
            return earlier
    return speaker


# ---------------------------------------------------------------------------------------------
# When

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![a-z])"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR_RE = r"(?:1[89]|20)\d{2}"
_POINT_RE = (
    r"(?:" + _WEEKDAY_RE + r",?\s+)?(?:(?i:early|mid|late)[-\s])?"
    r"(?:" + _MONTH_RE + r"(?:\s+" + _DAY_RE + r")?(?:,?\s+" + _YEAR_RE + r")?"
    r"|" + _DAY_RE + r"\s+" + _MONTH_RE + r"(?:,?\s+" + _YEAR_RE + r")?"
    r"|" + _YEAR_RE + r"(?![\d,])|" + _WEEKDAY_RE + r")"
    r"(?:\s+of\s+(?:the\s+previous|last|this|the\s+same)\s+year)?"
)
_AS_OF_RE = re.compile(
    r"\b(?i:as\s+of|as\s+at|by|since|until|till|through|throughout|during|in|on|between|from)"
    r"\s+(?:(?i:at\s+least)\s+)?" + _POINT_RE
    + r"(?:\s+(?:and|to|through|until)\s+" + _POINT_RE + r")?"
    r"|\b(?i:last|this|past)\s+(?i:week|month|year)\b"
)  # fmt: skip


_COMPARISON_WORDS = _words("since than after before deadliest worst largest biggest highest lowest")


def _as_of(view: _View, phrase: _Phrase, article_date: date | None) -> str | None:
    """The period a number refers to, nearest in its clause or reporting frame, year filled in.

    A time inside a comparison ("the deadliest attack since the bombing in 1988") dates the
    other event, not the number.
    """
    start = view.tokens[phrase.first].start
    end = view.tokens[phrase.last].end
    token_starts = [t.start for t in view.tokens]
    allowed = _frame_clauses(view, phrase) | {view.clause_of[phrase.first]}
    candidates = []
    for match in _AS_OF_RE.finditer(view.text):
        if match.start() < end and start < match.end():
            continue
        clause = view.clause_of[max(0, bisect_right(token_starts, match.start()) - 1)]
        gap = view.text[end : match.start()] if match.start() >= end else ""
        if clause not in allowed or _COMPARISON_WORDS & set(gap.lower().split()):
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        candidates.append((distance, match.start(), match.group(0)))
    if not candidates:
        return None
    written = _collapse(min(candidates)[2])
    # "Since October ..." opening a sentence reads "since October ..." inside a note.
    written = written[:1].lower() + written[1:] if not _month_start(written) else written
    return _resolve_time(written, article_date)


def _month_start(text: str) -> bool:
    return bool(re.match(_MONTH_RE + "|" + _WEEKDAY_RE, text))


def _resolve_time(text: str, article_date: date | None) -> str:
    """Add the year a month or weekday refers to, counting back from the article's date."""
    if article_date is None:
        return text
    relative = re.search(r"\s+of\s+(the\s+previous|last|this|the\s+same)\s+year", text)
    if relative:
        offset = 0 if relative.group(1) in ("this", "the same") else 1
        return text[: relative.start()] + f" {article_date.year - offset}" + text[relative.end() :]
    if re.search(_YEAR_RE, text):
        return text
    months = [
        _MONTHS[m.group(0).lower().rstrip(".")]
        for m in re.finditer(_MONTH_RE, text)
        if m.group(0).lower().rstrip(".") in _MONTHS
    ]
    if months:
        year = article_date.year if months[-1] <= article_date.month else article_date.year - 1
        return f"{text} {year}"
    weekday = re.search(_WEEKDAY_RE, text)
    if weekday:
        back = (article_date.weekday() - _WEEKDAYS.index(weekday.group(0).lower())) % 7
        return f"{text} ({(article_date - timedelta(days=back)).isoformat()})"
    return text


# ---------------------------------------------------------------------------------------------
# How firmly

_SPECULATIVE_CUES = frozenset({"if", "would", "unless", "hypothetically"})
_SPECULATIVE_PAIRS = frozenset(
    {("expected", "to"), ("projected", "to"), ("forecast", "to"), ("set", "to")}
)
_HEDGE_CUES = _words(
    "may might could likely unlikely reportedly allegedly believed possibly perhaps probably "
    "suspected unconfirmed apparently appears appear seems seem thought purportedly "
    "presumably"
)
_ESTIMATE_CUES = _words(
    "estimate estimates estimated estimating estimation assessment assessments assessed "
    "assesses assess projection approximately roughly"
)
_CERTAINTY_RANK = {"stated": 0, "estimated": 1, "hedged": 2, "speculative": 3}


def _frame_clauses(view: _View, phrase: _Phrase) -> set[int]:
    """Earlier clauses with a reporting verb ("officials estimate that"): the number's frame."""
    own = view.clause_of[phrase.first]
    return {
        view.clause_of[k]
        for k in range(phrase.first)
        if view.clause_of[k] != own and view.tokens[k].low in _FRAME_VERBS
    }


def _certainty(view: _View, phrase: _Phrase) -> str:
    """The weakest certainty cue in the number's clause or in a reporting frame before it."""
    tokens = view.tokens
    clause_of = view.clause_of
    own = clause_of[phrase.first]
    frames = _frame_clauses(view, phrase)
    words = [
        tokens[k].low
        for k in range(len(tokens))
        if clause_of[k] == own or (clause_of[k] in frames and k < phrase.first)
    ]
    level = "estimated" if phrase.value.approximate else "stated"
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in _SPECULATIVE_CUES or (word, following) in _SPECULATIVE_PAIRS:
            found = "speculative"
        elif word in _HEDGE_CUES:
            found = "hedged"
        elif word in _ESTIMATE_CUES:
            found = "estimated"
        else:
            continue
        if _CERTAINTY_RANK[found] > _CERTAINTY_RANK[level]:
            level = found
    return level


# ---------------------------------------------------------------------------------------------
# Who acted: donor, candidate, priced good


def _actor(view: _View, phrase_index: int, counted_end: int) -> str:
    """The actor a money, vote or price figure belongs to ("Japan", "Lopez", "Brent crude")."""
    after = _window_after(view, phrase_index, counted_end + 1)
    return (
        _actor_after_by(view, after)
        or _actor_before(view, phrase_index)
        or _possessive_before(view, phrase_index)
    )


def _is_name(token: _Token) -> bool:
    return (
        token.capitalised
        and token.low not in _NOT_NAME_WORDS
        and _month_number(token) is None
        and token.low not in _WEEKDAYS
    )


def _actor_after_by(view: _View, after: Sequence[int]) -> str:
    """ "pledged by the government of Japan", "48,915 for Tom Brandt"."""
    tokens = view.tokens
    for k in after:
        if tokens[k].low not in ("by", "for"):
            continue
        first = k + 1
        while first < len(tokens) and tokens[first].low in _DETERMINERS:
            first += 1
        look = first  # up to two adjectives before a name: "by private U.S. citizens"
        while (
            look < len(tokens)
            and look - first < 2
            and tokens[look].kind == "word"
            and not tokens[look].capitalised
            and tokens[look].low not in _INSTITUTION_NOUNS | _FUNCTION_WORDS
        ):
            look += 1
        if look < len(tokens) and _is_name(tokens[look]):
            first = look
        elif not (first < len(tokens) and tokens[first].low in _INSTITUTION_NOUNS):
            continue
        last = first
        while last + 1 < len(tokens):
            nxt = tokens[last + 1]
            joins = nxt.low == "of" and last + 2 < len(tokens) and _is_name(tokens[last + 2])
            if not (_is_name(nxt) or joins or nxt.low in _INSTITUTION_NOUNS | _PEOPLE_UNITS):
                break
            last += 1
        return _span_text(view, first, last)
    return ""


def _actor_before(view: _View, phrase_index: int) -> str:
    """The named subject of the verb before a number: "China has promised 60.5 million"."""
    tokens = view.tokens
    before = _window_before(view, phrase_index, limit=6)
    for position, k in enumerate(before):
        if tokens[k].text in (",", "—", "–"):
            return ""
        if not _is_name(tokens[k]):
            continue
        first = k
        for m in before[position + 1 :]:
            if not _is_name(tokens[m]):
                break
            first = m
        last = k  # forward over lowercase nouns up to the verb: "Brent crude futures"
        while (
            last + 1 < view.phrases[phrase_index].first
            and tokens[last + 1].kind == "word"
            and not tokens[last + 1].capitalised
            and tokens[last + 1].low not in _FUNCTION_WORDS | _AUXILIARIES
            and tokens[last + 1].low not in _TRANSFER_CUES
            and not _verb_like(tokens[last + 1].low)
        ):
            last += 1
        return _span_text(view, first, last)
    return ""


def _possessive_before(view: _View, phrase_index: int) -> str:
    """ "Japan's $500 million pledge": a possessive name right before the amount."""
    k = view.phrases[phrase_index].first - 1
    token = view.tokens[k] if k >= 0 else None
    if token is not None and token.low.endswith("'s") and _is_name(token):
        return token.text[:-2]
    return ""


_COLLECTIVE_NOUNS = _words("public people citizens residents donors individuals nationals")


def _actor_key(text: str) -> str:
    """Normalise an actor: a country when one is named, else the lowercase name.

    A country's people ("Romanians", "the Romanian public", "private U.S. citizens") are kept
    apart from its government ("Romania", "the government of Japan", "Seoul"): "romania people".
    """
    low = text.lower().replace("’", "'")
    low = re.sub(r"'s\b", "", low)
    country = _COUNTRY_PATTERN.search(low)
    if country:
        alias, name = country.group(1), _COUNTRY_ALIASES[country.group(1)]
        plural_demonym = alias != name and alias.endswith("s") and "." not in alias
        collective = (plural_demonym and alias not in ("us", "usa")) or bool(
            set(re.findall(r"\w+", low)) & _COLLECTIVE_NOUNS
        )
        return f"{name} people" if collective else name
    words = [w for w in re.findall(r"[\w.-]+", low) if w not in _DETERMINERS | _HONORIFICS]
    return " ".join(words)


# ---------------------------------------------------------------------------------------------
# Extraction


@dataclass(frozen=True)
class _Reading:
    """What the words around one number say, before it becomes a Figure."""

    measure: str
    unit: str
    subject: str


def extract_figures(article: Article, sentences: Sequence[Sentence]) -> tuple[Figure, ...]:
    """Figures stated as claims in the article's content sentences, in document order."""
    article_date = _parse_date(article.date)
    figures: list[Figure] = []
    previous: tuple[Figure, ...] = ()
    previous_speaker: str | None = None
    history: list[str] = []
    content = sorted(
        (s for s in sentences if s.furniture is None and s.source == article.id),
        key=lambda s: s.index,
    )
    for sentence in content:
        view = _view(article.raw[sentence.start : sentence.end], sentence.start)
        sentence_speaker = _attribution(view, None)
        found: list[Figure] = []
        for index in range(len(view.phrases)):
            figure = _figure(
                article, sentence, view, index, found, previous, previous_speaker, history,
                article_date,
            )  # fmt: skip
            if figure is not None:
                found.append(figure)
        figures.extend(found)
        named = sentence_speaker.text if sentence_speaker and sentence_speaker.text else None
        if named:
            history.append(named)
        previous = tuple(found)
        previous_speaker = next((f.attribution for f in found if f.attribution), named)
    return tuple(figures)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _figure(
    article: Article,
    sentence: Sentence,
    view: _View,
    index: int,
    earlier: Sequence[Figure],
    previous: Sequence[Figure],
    previous_speaker: str | None,
    history: Sequence[str],
    article_date: date | None,
) -> Figure | None:
    """The Figure for one number phrase, or None when it is not a claim."""
    phrase = view.phrases[index]
    if view.skip[index] is not None:
        return None
    counted = _counted(view, phrase)
    anaphoric = counted.anaphoric or _anaphoric_opening(view, phrase)
    antecedent = _antecedent(earlier, previous, anaphoric)
    reading = _reading(view, index, counted, earlier, antecedent)
    if reading is None:
        return None
    value = phrase.value
    small_word = phrase.quantity.words and value.value < 10 and not phrase.quantity.idiom
    if (small_word or value.vague) and reading.measure in ("count", "amount"):
        return None  # "two key areas", "thousands returned": no claim we can name
    if small_word and _unit_class(reading.unit, "") != "people":
        return None  # "offered two options": small worded counts matter for people only
    speaker = _figure_attribution(view, phrase, previous_speaker, history, anaphoric, antecedent)
    measure = reading.measure
    if _is_additional(phrase, counted, earlier, measure):
        measure = f"{measure}_additional"
    start = view.offset + view.tokens[phrase.first].start
    end = view.offset + view.tokens[phrase.last].end
    return Figure(
        source=article.id,
        sentence=sentence,
        text=value.text,
        value=value.value,
        low=value.low,
        high=value.high,
        unit=reading.unit,
        measure=measure,
        subject=reading.subject,
        approximate=value.approximate,
        attribution=speaker,
        as_of=_as_of(view, phrase, article_date),
        certainty=_certainty(view, phrase),
        span=(start, end),
    )


_ANAPHORIC_OPENINGS = (
    ("of", "these"), ("of", "them"), ("of", "those"), ("among", "them"), ("among", "these"),
    ("among", "those"), ("of", "whom"), ("including",),
)  # fmt: skip


def _anaphoric_opening(view: _View, phrase: _Phrase) -> bool:
    """ "Of these, 300 ...", "Among them, ...": the count is a part of an earlier one."""
    tokens = view.tokens
    words = [t.low for t in tokens[: phrase.first] if t.kind == "word"][:3]
    return any(tuple(words[: len(opening)]) == opening for opening in _ANAPHORIC_OPENINGS)


def _antecedent(
    earlier: Sequence[Figure], previous: Sequence[Figure], anaphoric: bool
) -> Figure | None:
    """The count an anaphoric number refers to: the last people count before it."""
    if not anaphoric:
        return None
    for figure in [*reversed(earlier), *reversed(previous)]:
        if _unit_class(figure.unit, "") == "people":
            return figure
    return None


def _reading(
    view: _View,
    index: int,
    counted: _Counted,
    earlier: Sequence[Figure],
    antecedent: Figure | None,
) -> _Reading | None:
    """Measure, unit and subject for a number from the words around it."""
    phrase = view.phrases[index]
    value = phrase.value
    unit = _unit_of(counted.words)
    subject = _generic_subject(counted.words)
    if not unit and antecedent is not None:
        unit, subject = antecedent.unit, antecedent.subject
    before = _window_before(view, index)
    rate = _rate_noun_before(view, before)
    elided = None
    if not unit and not value.unit and not counted.anaphoric and not rate:
        elided = _elided_from(view, phrase, earlier)  # "... and 2,700 others", "7 votes to 2"
        if elided is not None:
            unit, subject = elided.unit, elided.subject
    number_unit = value.unit or (elided.unit if elided and _is_money(elided.unit) else "")
    if _is_money(number_unit) or number_unit == "%":
        unit = number_unit
    cls = _unit_class(unit, number_unit)
    if cls == "things" and _unit_class(_unit_of(counted.words[-1:]), "") == "people":
        cls = "people"  # "two small units of combat troops" are people sent, not goods
    after = _window_after(view, index, counted.end + 1)
    if earlier and _restates(view, phrase) and _is_money(earlier[-1].unit) == (cls == "money"):
        # "15 billion lei, or the equivalent of 395,000 euro": the same amount restated.
        return _Reading(earlier[-1].measure, unit, earlier[-1].subject)
    if rate and rate != "killed" and cls in ("none", "things"):
        return _Reading(rate, rate, "")  # "a magnitude 7.1 earthquake"
    if counted.modifier and not value.unit:
        return None
    if cls in ("people", "none"):
        casualty = _casualty_chain(view, after) or _casualty_verb_before(view, before, unit)
        if casualty or rate == "killed":
            unit = unit if cls == "people" else "people"
            return _Reading(casualty or "killed", unit, _scoped(view, index, subject, unit))
        if cls == "none":
            return None
    if cls == "percent":
        reading = _percent_reading(view, index, counted, before, after, rate)
        if reading is not None and reading.measure in ("rise", "fall") and not reading.subject:
            # "settled at $84.50, up about 2%": the change is in the good just priced.
            subject = next((f.subject for f in reversed(earlier) if f.subject), "")
            return _Reading(reading.measure, reading.unit, subject)
        return reading
    if cls == "votes":
        actor = _actor(view, index, counted.end)
        measure = "votes"
        if not actor and elided is not None and _elision_word(view, phrase) in _VERSUS_WORDS:
            measure = "votes_against"  # "by 7 votes to 2"
        return _Reading(measure, unit, _actor_key(actor) if actor else "")
    cues = _cues(view, before) + _object_cues(view, after)
    if cls == "money":
        return _money_reading(view, index, counted, after, cues, unit, earlier)
    nearest = [category for _, category in sorted(cues, key=lambda c: abs(c[0] - phrase.first))]
    if cls == "people":
        measure = next(
            ("pledged" if c == "pledge" else "deployed" for c in nearest
             if c in ("deploy", "supply", "pledge")),
            "count",
        )  # fmt: skip
        return _Reading(measure, unit, subject)
    measure = next(
        ("pledged" if c == "pledge" else "supplied" for c in nearest
         if c in ("deploy", "supply", "give", "pledge")),
        "destroyed" if "destroy" in nearest else "count",
    )  # fmt: skip
    return _Reading(measure, unit, subject)


_VERSUS_WORDS = frozenset({"to", "against", "versus", "vs", "vs."})
_CASUALTY_VERBS_BEFORE = _words(
    "killing killed kill kills injuring injured wounding wounded capturing captured evacuating "
    "evacuated displacing displaced arresting arrested detaining detained rescuing rescued"
)
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_TRANSFER_NOUNS = _words(
    "pledge pledges donation donations shipment shipments deliveries contribution "
    "contributions grant grants deployment supplies"
)


def _casualty_verb_before(view: _View, before: Sequence[int], unit: str) -> str:
    """ "the strike killed 12 civilians", "claimed 175,000 lives": an outcome verb just before."""
    for k in before[:3]:
        low = view.tokens[k].low
        if low in _CASUALTY_VERBS_BEFORE:
            return _CASUALTY_CUES.get(low, "")
        if low in ("claimed", "claiming", "claims", "claim") and unit == "people":
            return "killed"
    return ""


def _object_cues(view: _View, after: Sequence[int]) -> list[tuple[int, str]]:
    """Cues after a count that describe what was done to it, not what it did.

    "$500 million pledge", "troops were sent", "aid pledged by": yes. "12,000 donors have
    donated": no, the donors are the ones giving.
    """
    tokens = view.tokens
    kept = []
    for k, category in _cues(view, after):
        participle = not tokens[k].low.endswith("ing") and tokens[k].low not in _TRANSFER_NOUNS
        passive = participle and any(tokens[m].low in _BE_FORMS for m in range(max(0, k - 2), k))
        by_agent = k + 1 < len(tokens) and tokens[k + 1].low == "by"
        # "$500 million pledge", "the $177 million spent": a noun or participle right after.
        attached = (
            bool(after)
            and k == after[0]
            and (tokens[k].low in _TRANSFER_NOUNS or tokens[k].low.endswith(("ed", "ent")))
        )
        if passive or by_agent or attached:
            kept.append((k, category))
    return kept


def _scoped(view: _View, index: int, subject: str, unit: str) -> str:
    """Add the place a people count is limited to: "people in sweden"."""
    scope = _scope(view, index)
    if not scope:
        return subject
    return f"{subject or unit} in {scope}"


def _scope(view: _View, index: int) -> str:
    """ "killed in Malaysia", "80,000 in Indonesia alone", "Sweden has 17 dead"."""
    tokens = view.tokens
    phrase = view.phrases[index]
    after = _window_after(view, index, phrase.last + 1)
    for position, k in enumerate(after[:6]):
        if (
            tokens[k].low == "in"
            and position + 1 < len(after)
            and _is_name(tokens[after[position + 1]])
        ):
            return _place(view, after[position + 1])
    before = _window_before(view, index, limit=6)
    for position, k in enumerate(before):
        low = tokens[k].low
        if low == "alone" and position + 1 < len(before):
            first = last = before[position + 1]
            while (
                first - 1 >= 0
                and tokens[first - 1].kind == "word"
                and (_is_name(tokens[first - 1]) or tokens[first - 1].low.endswith("'s"))
            ):
                first -= 1
            if any(_is_name(t) for t in tokens[first : last + 1]):
                return _collapse(view.text[tokens[first].start : tokens[last].end]).lower()
        if low in ("has", "have", "had") and position == 0 and len(before) > 1:
            name = tokens[before[position + 1]]
            if _is_name(name) and name.low in _COUNTRY_ALIASES:
                return _COUNTRY_ALIASES[name.low]
    return ""


def _place(view: _View, first: int) -> str:
    """A place name, or a list of them ("Malaysia, Myanmar and Kenya"), lowercased."""
    tokens = view.tokens
    last = first
    k = first + 1
    while k < len(tokens):
        if _is_name(tokens[k]):
            last = k
        elif tokens[k].text == "," or tokens[k].low in ("and", "the"):
            pass
        else:
            break
        k += 1
    return _collapse(view.text[tokens[first].start : tokens[last].end]).lower()


def _money_reading(
    view: _View,
    index: int,
    counted: _Counted,
    after: Sequence[int],
    cues: Sequence[tuple[int, str]],
    unit: str,
    earlier: Sequence[Figure],
) -> _Reading:
    measure = _money_measure(view, after, cues)
    actor = _actor(view, index, counted.end)
    subject = _actor_key(actor) if actor else ""
    if measure == "price":
        per = _per_unit_after(view, after)
        unit = f"{unit.split('/')[0]}/{per}" if per else unit
        if not subject:
            # "Brent rose 2% to $84.50 a barrel": the price is of the good that rose.
            subject = next((f.subject for f in reversed(earlier) if f.subject), "")
    return _Reading(measure, unit, subject)


def _generic_subject(words: Sequence[str]) -> str:
    """The counted phrase with a generic head: "north korean soldiers" -> "north korean troops"."""
    kept = [w for w in words if w not in ("other", "others")]
    if not kept:
        return ""
    head = kept.index("of") - 1 if "of" in kept else len(kept) - 1
    kept[head] = _UNIT_SYNONYMS.get(kept[head], kept[head])
    return " ".join(kept)


def _elided_from(view: _View, phrase: _Phrase, earlier: Sequence[Figure]) -> Figure | None:
    """The figure a bare number shares its noun with: "300 killed and 2,700 wounded"."""
    if not earlier:
        return None
    previous_end = earlier[-1].span[1] - view.offset
    between = [
        t
        for t in view.tokens
        if previous_end <= t.start and t.end <= view.tokens[phrase.first].start
    ]
    if len(between) <= 12:
        return earlier[-1]
    if phrase.value.scale >= 1e6:
        # "... 322 million U.S. dollars ..., in addition to the 350 million": a bare amount with
        # a scale word is in the currency the sentence already named.
        return next((f for f in reversed(earlier) if _is_money(f.unit)), None)
    return None


def _is_money(unit: str) -> bool:
    return unit.split("/")[0] in _CURRENCY_CODES


def _elision_word(view: _View, phrase: _Phrase) -> str:
    k = phrase.first - 1
    return view.tokens[k].low if k >= 0 else ""


def _restates(view: _View, phrase: _Phrase) -> bool:
    words = {view.tokens[k].low for k in range(max(0, phrase.first - 4), phrase.first)}
    return "equivalent" in words or ("or" in words and bool(words & {"about", "some", "roughly"}))


def _money_measure(view: _View, after: Sequence[int], cues: Sequence[tuple[int, str]]) -> str:
    """pledged | given | raised | spent | price | cost | amount, from nearby cues."""
    if _per_unit_after(view, after):
        return "price"
    categories = [c for _, c in cues]
    if "pledge" in categories:
        return "pledged"
    for category in categories:
        if category in ("give", "supply", "deploy"):
            return "given"
        if category in ("raise", "spend", "price", "cost"):
            return {"raise": "raised", "spend": "spent"}.get(category, category)
    return "amount"


def _percent_reading(
    view: _View,
    index: int,
    counted: _Counted,
    before: Sequence[int],
    after: Sequence[int],
    rate: str,
) -> _Reading | None:
    """Percentages are figures only when we can say what they measure."""
    tokens = view.tokens
    phrase = view.phrases[index]
    words = [tokens[k].low for k in after[:4]]
    if words[:3] in (["of", "the", "vote"], ["of", "the", "votes"]):
        actor = _actor(view, index, counted.end)
        return _Reading("vote_share", "%", _actor_key(actor) if actor else "")
    if rate:
        return _Reading(rate, "%", "")
    change = next(
        (c for k, c in _cues(view, before[:3]) if c in ("rise", "fall")),
        "",
    )
    if change:
        actor = _actor(view, index, counted.end)
        return _Reading(change, "%", _actor_key(actor) if actor else "")
    if words[:1] == ["of"]:
        share, _, _ = _noun_phrase_after(tokens, phrase.last + 2)
        if share:
            return _Reading("share", "%", " ".join(share))
    return None


def _is_additional(
    phrase: _Phrase, counted: _Counted, earlier: Sequence[Figure], measure: str
) -> bool:
    """An increment on an earlier count ("3,000 additional troops"), not a part of one."""
    if measure in ("count", "amount"):
        return False
    if earlier and (measure in _CASUALTY_CUES.values() or "_or_" in measure):
        # "52 killed and hundreds more injured", "with another 3,000 wounded": the rest of a
        # total split by outcome, nothing added.
        return False
    if counted.additional:
        return True
    return phrase.additional and not (phrase.additional_word == "another" and earlier)


def _figure_attribution(
    view: _View,
    phrase: _Phrase,
    previous_speaker: str | None,
    history: Sequence[str],
    anaphoric: bool,
    antecedent: Figure | None,
) -> str | None:
    speaker = _attribution(view, phrase)
    if speaker is not None and speaker.text:
        return _resolve_definite(speaker.text, history)
    if speaker is not None and speaker.pronoun:
        return previous_speaker
    if anaphoric:
        return antecedent.attribution if antecedent is not None else previous_speaker
    return None


# ---------------------------------------------------------------------------------------------
# Grouping

_CASUALTY_COMPONENTS: dict[str, frozenset[str]] = {
    "killed": frozenset({"killed"}),
    "wounded": frozenset({"wounded"}),
    "missing": frozenset({"missing"}),
    "captured": frozenset({"captured"}),
    "casualties": frozenset(_CASUALTY_ORDER),
}
for _a in range(len(_CASUALTY_ORDER)):
    for _b in range(_a + 1, len(_CASUALTY_ORDER)):
        _CASUALTY_COMPONENTS[_combined_measure([_CASUALTY_ORDER[_a], _CASUALTY_ORDER[_b]])] = (
            frozenset({_CASUALTY_ORDER[_a], _CASUALTY_ORDER[_b]})
        )
        for _c in range(_b + 1, len(_CASUALTY_ORDER)):
            _three = [_CASUALTY_ORDER[_a], _CASUALTY_ORDER[_b], _CASUALTY_ORDER[_c]]
            _CASUALTY_COMPONENTS[_combined_measure(_three)] = frozenset(_three)
_COMBINED_MEASURES = frozenset(m for m, parts in _CASUALTY_COMPONENTS.items() if len(parts) > 1)
_UNGROUPED_MEASURES = frozenset({"count", "amount"})
_APPROXIMATE_TOLERANCE = 0.10
_VERDICT_ORDER = {"diverge": 0, "agree": 1, "single": 2}

_MEASURE_WORDS: dict[str, str] = {
    "killed": "killed", "wounded": "wounded", "missing": "missing", "captured": "captured",
    "displaced": "displaced", "evacuated": "evacuated", "arrested": "arrested",
    "rescued": "rescued", "deployed": "deployed", "supplied": "supplied", "pledged": "pledged",
    "destroyed": "destroyed", "casualties": "casualties",
}  # fmt: skip
_MONEY_MEASURES = frozenset({"pledged", "given", "raised", "spent", "cost", "amount"})


def figure_measure_label(key: str) -> str:
    """A readable name for a group key: "killed:north-korean-troops" -> "North Korean troops
    killed", "pledged:japan:usd" -> "USD pledged by Japan"."""
    measure, _, rest = key.split("#")[0].partition(":")
    subject_slug, _, unit_slug = rest.partition(":")
    subject = _label_words(subject_slug.replace("-", " "))
    additional = measure.endswith("_additional")
    base = measure.removesuffix("_additional")
    currency, _, per = unit_slug.partition("-per-")
    unit = ("%" if currency == "pct" else currency.upper()) + (f"/{per}" if per else "")
    if base == "casualties":
        label = f"Casualty totals among {subject} (killed, wounded, missing combined)"
    elif base in _MONEY_MEASURES and unit:
        actor = _title(subject.removesuffix(" people"))
        if subject.endswith(" people"):
            actor = f"people of {actor}"
        label = f"{unit} {base}" + (f" by {actor}" if subject else "")
    elif base == "price":
        label = f"Price of {subject} ({unit})" if subject else f"Price ({unit})"
    elif base in ("votes", "votes_against", "vote_share"):
        noun = {
            "votes": "Votes for",
            "votes_against": "Votes against",
            "vote_share": "Vote share of",
        }
        label = f"{noun[base]} {_title(subject)}" if subject else base.replace("_", " ")
    elif base in ("rise", "fall"):
        label = f"{base} in {subject} (%)" if subject else f"{base} (%)"
    elif unit == "%":
        label = f"{base.replace('_', ' ')} (%)"
    elif base == "share":
        label = f"Share of {subject} (%)"
    elif base in _MEASURE_WORDS or "_or_" in base:
        words = _MEASURE_WORDS.get(base) or _measure_words(base)
        label = f"{subject} {words}" if subject else words
    else:
        label = f"{base.replace('_', ' ')} {subject}".strip()
    if additional:
        label = f"additional {label}"
    return label[:1].upper() + label[1:]


def _measure_words(measure: str) -> str:
    """ "killed_wounded_or_missing" -> "killed, wounded or missing"."""
    head, _, tail = measure.partition("_or_")
    return ", ".join(head.split("_")) + f" or {tail}" if tail else head.replace("_", " ")


def _label_words(text: str) -> str:
    special = {"us": "US", "uk": "UK", "un": "UN", "eu": "EU", "usd": "USD"}
    out = []
    for word in text.split():
        if word in special:
            out.append(special[word])
        elif word in _PROPER_WORDS:
            out.append(word.capitalize())
        else:
            out.append(word)
    return " ".join(out)


def _title(text: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace(".", "")).strip("-")


def _subject_parts(subject: str) -> tuple[frozenset[str], str, bool]:
    """(words with synonyms merged, place scope, is a conjunction) for a subject."""
    counted, _, scope = subject.lower().partition(" in ")
    words = [_UNIT_SYNONYMS.get(w, w) for w in re.findall(r"[\w'.-]+", counted)]
    return frozenset(w for w in words if w != "and"), scope, "and" in words


def _compatible(a: str, b: str, *, strict: bool = False) -> bool:
    """Same thing counted: one subject's words hold the other's ("troops", "north korean troops").

    An empty subject (the sentence did not say) matches any subject unless strict, which is for
    actors (donors, candidates, goods): an unnamed donor is not any donor.
    """
    if a == b:
        return True
    if not a or not b:
        return not strict and not (a or b).lower().partition(" in ")[2]
    words_a, scope_a, joined_a = _subject_parts(a)
    words_b, scope_b, joined_b = _subject_parts(b)
    if scope_a != scope_b:
        return False  # "killed in Sweden" is not the toll everywhere
    if joined_a or joined_b:
        return words_a == words_b  # "Russian and North Korean troops" is its own total
    if strict and ("people" in words_a) != ("people" in words_b):
        return False  # a country's people did not give what its government gave
    return words_a <= words_b or words_b <= words_a


def _actor_based(unit: str) -> bool:
    """Money, percentages and votes are told apart by whose they are, not by what they count."""
    return _is_money(unit) or unit in ("%", "votes", "ballots")


def _interval(figure: Figure) -> tuple[float, float]:
    """Values a figure allows: bounds as written, ±10% around an approximate single value."""
    low = figure.low if figure.low is not None else 0.0
    high = figure.high if figure.high is not None else math.inf
    if figure.approximate and figure.low is not None and figure.low == figure.high:
        low, high = low * (1 - _APPROXIMATE_TOLERANCE), high * (1 + _APPROXIMATE_TOLERANCE)
    return low, high


def _is_vague(figure: Figure) -> bool:
    parsed = parse_number(figure.text)
    return parsed is not None and parsed.vague


def _order(figure: Figure) -> tuple[str, int, int]:
    return (figure.source, figure.sentence.index, figure.span[0])


def _origin_words(attribution: str) -> frozenset[str]:
    text = " " + attribution.lower().replace("’", "'") + " "
    text = re.sub(r"'s\b|'", " ", text)
    for pattern, replacement in _INSTITUTION_SYNONYMS:
        text = re.sub(r"(?<![\w.])" + re.escape(pattern) + r"(?![\w])", replacement, text)
    countries: list[str] = []

    def _country(match: re.Match[str]) -> str:
        countries.append(_COUNTRY_ALIASES[match.group(1)].replace(" ", "_"))
        return " "

    text = _COUNTRY_PATTERN.sub(_country, text)
    words = {w for w in re.findall(r"[\w]+", text) if w not in _FUNCTION_WORDS}
    words -= {"latest", "new", "earlier", "previous", "national", "its", "own"}
    return frozenset(words | set(countries))


def _same_origin(a: frozenset[str], b: frozenset[str]) -> bool:
    if a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    distinctive = {
        w
        for w in small
        if w not in _GENERIC_ORIGIN_WORDS and w.replace("_", " ") not in _COUNTRY_ALIASES.values()
    }
    return small <= large and bool(distinctive)


def _origins(figures: Sequence[Figure]) -> list[int]:
    """Origin number per figure: the same normalised speaker relayed by two outlets is one."""
    keys: list[frozenset[str] | None] = [
        _origin_words(f.attribution) if f.attribution else None for f in figures
    ]
    labels = list(range(len(figures)))

    def find(i: int) -> int:
        while labels[i] != i:
            i = labels[i]
        return i

    for i in range(len(figures)):
        for j in range(i):
            ki, kj = keys[i], keys[j]
            same = (
                (ki is not None and kj is not None and _same_origin(ki, kj))
                or (ki is None and kj is None and figures[i].source == figures[j].source)
            )  # fmt: skip
            if same:
                labels[find(i)] = find(j)
    roots = [find(i) for i in range(len(figures))]
    numbering = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    return [numbering[r] for r in roots]


def _format_amount(value: float) -> str:
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g} billion"
    if value >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _display_value(figure: Figure) -> str:
    """Compact value: "300", "~2,700", "10,000–12,000", "≥1,000", "USD 2.3 billion"."""
    if _is_vague(figure):
        shown = figure.text
    elif figure.low is not None and figure.high is not None and figure.low == figure.high:
        shown = ("~" if figure.approximate else "") + _format_amount(figure.value)
    elif figure.low is None and figure.high is not None:
        shown = "≤" + _format_amount(figure.high)
    elif figure.high is None and figure.low is not None:
        shown = "≥" + _format_amount(figure.low)
    elif figure.low is not None and figure.high is not None:
        parsed = parse_number(figure.text)
        if parsed is not None and parsed.qualifier == "nearly":
            shown = "nearly " + _format_amount(figure.high)
        else:
            shown = f"{_format_amount(figure.low)}–{_format_amount(figure.high)}"
    else:
        shown = figure.text
    if _is_money(figure.unit):
        currency, _, per = figure.unit.partition("/")
        shown = f"{currency} {shown}" + (f" a {per}" if per else "")
    elif figure.unit == "%":
        shown += "%"
    return shown


def _unit_word(figure: Figure) -> str:
    base = figure.measure.removesuffix("_additional")
    if base in _CASUALTY_COMPONENTS or base in ("displaced", "evacuated", "arrested", "rescued"):
        return _MEASURE_WORDS.get(base) or _measure_words(base)
    if _is_money(figure.unit) or figure.unit == "%" or not figure.unit:
        return ""
    return figure.unit


@dataclass(frozen=True)
class _Claim:
    """One casualty statement: the outcomes it covers and its total range."""

    figures: tuple[Figure, ...]
    outcomes: frozenset[str]
    low: float
    high: float

    @property
    def subject(self) -> str:
        return max((f.subject for f in self.figures), key=lambda s: (len(s.split()), s))


def _claims(figures: Sequence[Figure]) -> list[_Claim]:
    """Casualty figures joined per sentence and speaker into statements with totals."""
    by_statement: dict[tuple[str, int, str], list[Figure]] = {}
    for figure in sorted(figures, key=_order):
        if _is_vague(figure):
            continue  # "52 killed and hundreds more injured" gives no total to compare
        key = (figure.source, figure.sentence.index, figure.attribution or "")
        by_statement.setdefault(key, []).append(figure)
    claims = []
    for members in by_statement.values():
        outcomes: set[str] = set()
        kept: list[Figure] = []
        for figure in members:
            parts = _CASUALTY_COMPONENTS[figure.measure]
            if parts & outcomes:
                continue  # the same outcome twice in one statement: not a sum
            outcomes |= parts
            kept.append(figure)
        if len(outcomes) < 2:
            continue
        intervals = [_interval(f) for f in kept]
        claims.append(
            _Claim(
                tuple(kept),
                frozenset(outcomes),
                sum(i[0] for i in intervals),
                sum(i[1] for i in intervals),
            )
        )
    return claims


def _claims_consistent(a: _Claim, b: _Claim) -> bool:
    """Totals over the same outcomes must overlap; a part cannot exceed a whole."""
    if a.outcomes == b.outcomes:
        return max(a.low, b.low) <= min(a.high, b.high)
    if a.outcomes < b.outcomes:
        return a.low <= b.high
    if b.outcomes < a.outcomes:
        return b.low <= a.high
    return True


def group_figures(
    figures: Sequence[Figure],
    *,
    theme_of: Callable[[Figure], str | None] | None = None,
) -> tuple[FigureGroup, ...]:
    """Figures measuring the same thing, with a verdict: diverge first, then agree, then single.

    "count"/"amount" figures (the thing counted is known but not what happened to it) are not
    grouped: two different predicates over the same noun would look like a divergence. Vague
    counts ("hundreds") are listed in a group but never decide its verdict.
    """
    ordered = sorted(figures, key=_order)
    simple = [
        f
        for f in ordered
        if f.measure not in _UNGROUPED_MEASURES and f.measure not in _COMBINED_MEASURES
    ]
    groups = [_simple_group(cluster, theme_of) for cluster in _clusters(simple)]
    casualty_figures = [
        f for f in ordered if f.measure in _CASUALTY_COMPONENTS and f.unit in _people_units()
    ]
    for cluster in _claim_clusters(_claims(casualty_figures)):
        groups.append(_casualty_group(cluster, theme_of))
    groups = _unique_keys(groups)
    return tuple(
        sorted(
            groups,
            key=lambda g: (_VERDICT_ORDER[g.verdict], -len({f.source for f in g.mentions}), g.key),
        )
    )


def _people_units() -> frozenset[str]:
    return _PEOPLE_UNITS | frozenset(_UNIT_SYNONYMS.values())


def _clusters(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Same measure and unit, subjects compatible with every member."""
    by_kind: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        by_kind.setdefault((figure.measure, figure.unit), []).append(figure)
    clusters: list[list[Figure]] = []
    for kind in sorted(by_kind):
        members = sorted(
            by_kind[kind], key=lambda f: (-len(f.subject.split()), f.subject, _order(f))
        )
        local: list[list[Figure]] = []
        for figure in members:
            strict = _actor_based(figure.unit)
            if strict and not figure.subject and figure.measure not in _RATE_NOUNS.values():
                local.append([figure])  # two unnamed donors are not the same donor
                continue
            home = next(
                (
                    c
                    for c in local
                    if all(_compatible(figure.subject, m.subject, strict=strict) for m in c)
                ),
                None,
            )
            if home is None:
                local.append([figure])
            else:
                home.append(figure)
        clusters.extend(sorted(c, key=_order) for c in local)
    return clusters


def _claim_clusters(claims: Sequence[_Claim]) -> list[list[_Claim]]:
    by_unit: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_unit.setdefault(claim.figures[0].unit, []).append(claim)
    clusters: list[list[_Claim]] = []
    for unit in sorted(by_unit):
        local: list[list[_Claim]] = []
        members = sorted(by_unit[unit], key=lambda c: (-len(c.subject.split()), c.subject))
        for claim in members:
            home = next(
                (c for c in local if all(_compatible(claim.subject, m.subject) for m in c)), None
            )
            if home is None:
                local.append([claim])
            else:
                home.append(claim)
        clusters.extend(sorted(c, key=lambda claim: _order(claim.figures[0])) for c in local)
    return clusters


def _group_subject(figures: Iterable[Figure]) -> str:
    return max((f.subject for f in figures), key=lambda s: (len(s.split()), s), default="")


def _group_key(measure: str, figures: Sequence[Figure]) -> str:
    """ "killed:north-korean-troops"; money and percentages add their unit: "pledged:japan:usd"."""
    subject = _group_subject(figures)
    unit = figures[0].unit
    if _actor_based(unit):
        unit_slug = "pct" if unit == "%" else _slug(unit.replace("/", " per "))
        return f"{measure}:{_slug(subject)}:{unit_slug}"
    if not subject and unit == measure:
        return measure  # "magnitude"
    return f"{measure}:{_slug(subject or unit)}"


def _theme(
    figures: Sequence[Figure], theme_of: Callable[[Figure], str | None] | None
) -> str | None:
    if theme_of is None:
        return None
    counts = Counter(t for t in (theme_of(f) for f in figures) if t is not None)
    if not counts:
        return None
    return min(counts, key=lambda t: (-counts[t], t))


def _simple_group(
    figures: Sequence[Figure], theme_of: Callable[[Figure], str | None] | None
) -> FigureGroup:
    key = _group_key(figures[0].measure, figures)
    precise = [f for f in figures if not _is_vague(f)] or list(figures)
    if len({f.source for f in precise}) < 2:
        verdict = "single"
    else:
        intervals = [_interval(f) for f in precise]
        consistent = max(i[0] for i in intervals) <= min(i[1] for i in intervals)
        verdict = "agree" if consistent else "diverge"
    origins = _origins(figures)
    return FigureGroup(
        measure=figure_measure_label(key),
        key=key,
        theme=_theme(figures, theme_of),
        verdict=verdict,
        mentions=tuple(figures),
        origins=len(set(origins)),
        note=_note(figures, origins),
    )


def _note(figures: Sequence[Figure], origins: Sequence[int]) -> str:
    """ "300 killed: South Korean intelligence, via 000 and 003; ~1,000 killed ...: ..." """
    parts: list[tuple[str, list[str]]] = []
    seen: dict[tuple[int, str | None, str], int] = {}
    for figure, origin in zip(figures, origins, strict=True):
        shown = _display_value(figure)
        key = (origin, figure.as_of, _merge_value(figure, figures, origins, origin))
        if key not in seen:
            unit_word = _unit_word(figure)
            joiner = " of " if _is_vague(figure) and unit_word == figure.unit else " "
            words = joiner.join(w for w in (shown, unit_word) if w)
            if figure.as_of:
                words += f" {figure.as_of}"
            if figure.certainty in ("hedged", "speculative"):
                words += f" ({figure.certainty})"
            speaker = figure.attribution or "unattributed"
            seen[key] = len(parts)
            parts.append((f"{words}: {speaker}", []))
        sources = parts[seen[key]][1]
        if figure.source not in sources:
            sources.append(figure.source)
    return "; ".join(f"{head}, via {_join(sources)}" for head, sources in parts)


def _merge_value(
    figure: Figure, figures: Sequence[Figure], origins: Sequence[int], origin: int
) -> str:
    """The displayed value of the first same-origin figure this one is consistent with."""
    low, high = _interval(figure)
    for other, other_origin in zip(figures, origins, strict=True):
        if other_origin != origin or other.measure != figure.measure:
            continue
        other_low, other_high = _interval(other)
        if max(low, other_low) <= min(high, other_high):
            return _display_value(other)
    return _display_value(figure)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _casualty_group(
    claims: Sequence[_Claim], theme_of: Callable[[Figure], str | None] | None
) -> FigureGroup:
    mentions = tuple(sorted((f for c in claims for f in c.figures), key=_order))
    key = f"casualties:{_slug(_group_subject(mentions) or mentions[0].unit)}"
    if len({f.source for f in mentions}) < 2:
        verdict = "single"
    else:
        consistent = all(
            _claims_consistent(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :]
        )
        verdict = "agree" if consistent else "diverge"
    leads = [c.figures[0] for c in claims]
    claim_origins = _origins(leads)
    parts: list[tuple[str, list[str]]] = []
    index: dict[tuple[int, str, str | None], int] = {}
    for claim, origin in zip(claims, claim_origins, strict=True):
        total = _claim_total(claim)
        lead = claim.figures[0]
        key_part = (origin, total, lead.as_of)
        if key_part not in index:
            outcome_words = _measure_words(_combined_measure(sorted(claim.outcomes)))
            head = f"{total} {outcome_words}"
            if len(claim.figures) > 1:
                head += (
                    " ("
                    + " + ".join(f"{_display_value(f)} {_unit_word(f)}" for f in claim.figures)
                    + ")"
                )
            if lead.as_of:
                head += f" {lead.as_of}"
            index[key_part] = len(parts)
            parts.append((f"{head}: {lead.attribution or 'unattributed'}", []))
        sources = parts[index[key_part]][1]
        if lead.source not in sources:
            sources.append(lead.source)
    note = "; ".join(f"{head}, via {_join(sources)}" for head, sources in parts)
    return FigureGroup(
        measure=figure_measure_label(key),
        key=key,
        theme=_theme(mentions, theme_of),
        verdict=verdict,
        mentions=mentions,
        origins=len(set(claim_origins)),
        note=note,
    )


def _claim_total(claim: _Claim) -> str:
    """A statement's total: "3,000", "~3,000", "≥2,517"."""
    if len(claim.figures) == 1:
        return _display_value(claim.figures[0])
    if any(f.high is None for f in claim.figures):
        return "≥" + _format_amount(sum(f.low or 0.0 for f in claim.figures))
    exact = all(f.low == f.high and not f.approximate for f in claim.figures)
    return ("" if exact else "~") + _format_amount(sum(f.value for f in claim.figures))


def _unique_keys(groups: Sequence[FigureGroup]) -> list[FigureGroup]:
    """Append "#2", "#3" to repeated keys so each group's key is unique."""
    seen: Counter[str] = Counter()
    out = []
    for group in groups:
        seen[group.key] += 1
        if seen[group.key] > 1:
            group = FigureGroup(**{**group.__dict__, "key": f"{group.key}#{seen[group.key]}"})
        out.append(group)
    return out
