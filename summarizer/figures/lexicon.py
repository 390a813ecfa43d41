"""Words around numbers: small general lexicons for reading what a number claims.

What can be counted, casualty and transfer verbs, measure nouns, attribution verbs, countries
and demonyms, institutions. Nothing here is tuned to one story.
"""

from __future__ import annotations

import re

from .tokens import word_set

# ---------------------------------------------------------------------------------------------
# Words around numbers

FUNCTION_WORDS = word_set(
    "a an the of in on at by for from to with into onto across since during after before over "
    "under through per as than like about around against toward towards among amid between "
    "within without via and or but nor so yet while whereas although though because if unless "
    "that which who whom whose where when what how this these those it its their his her our "
    "your my they them he she we you i us him there here is are was were be been being am has "
    "have had having will would shall should can could may might must do does did done not no "
    "only just also even still already all both each every either neither some any such"
)
AUXILIARIES = word_set(
    "is are was were be been being am has have had having will would shall should can could "
    "may might must do does did not also still already now then previously recently reportedly "
    "allegedly reported apparently initially earlier later further"
)
PRONOUNS = word_set("he she they it we i")
RELATIVES = frozenset({"which", "who", "that"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "prof", "prof."})

# What can be counted. People nouns share one class so casualty verbs can apply to them; the
# synonyms make "soldiers" and "troops" the same unit.
UNIT_SYNONYMS: dict[str, str] = {
    "soldiers": "troops", "soldier": "troops", "forces": "troops", "personnel": "troops",
    "servicemen": "troops", "servicemembers": "troops", "troop": "troops",
    "persons": "people", "person": "people", "individuals": "people", "dead": "people",
    "deaths": "people", "death": "people", "fatalities": "people", "victims": "people",
    "bodies": "people", "lives": "people", "casualties": "people",
}  # fmt: skip
PEOPLE_UNITS = word_set(
    "troops people civilians residents inhabitants children women men adults students workers "
    "employees staff migrants refugees tourists passengers crew sailors marines officers police "
    "policemen protesters demonstrators prisoners detainees hostages captives inmates patients "
    "citizens nationals foreigners donors voters members engineers advisers advisors doctors "
    "nurses journalists survivors evacuees families households villagers miners pilgrims "
    "fighters militants combatants rebels insurgents mercenaries conscripts recruits reservists "
    "guards pilots volunteers rescuers firefighters"
)
_THING_UNITS = word_set(
    "tanks missiles drones shells rockets launchers aircraft planes jets helicopters ships "
    "vessels boats vehicles trucks containers rounds howitzers guns weapons rifles mines bombs "
    "homes houses buildings schools hospitals jobs cases tonnes tons barrels votes ballots "
    "seats earthquakes aftershocks villages towns cities companies shares"
)
COUNTABLE_HEADS = PEOPLE_UNITS | _THING_UNITS | frozenset(UNIT_SYNONYMS)
# "220 units of rocket launchers" counts launchers; "200 pieces of artillery" counts pieces of it.
TRANSPARENT_PARTITIVES = frozenset({"units", "items"})
CONTAINER_NOUNS = word_set(
    "containers shipments tonnes tons barrels boxes crates truckloads loads batches sets cases "
    "bags sacks litres liters gallons pieces"
)

# Outcome verbs for counted people. The key order below is the order of combined measures.
CASUALTY_ORDER = ("killed", "wounded", "missing", "captured")
CASUALTY_CUES: dict[str, str] = {
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
COMBINING_WORDS = frozenset({"or", "and", ",", "either", "/", "been", "have", "were", "are", "had"})

TRANSFER_CUES: dict[str, str] = {}
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
        TRANSFER_CUES[_word] = _category
# Nouns that name the measure of the number that follows: "the death toll at 2,600".
RATE_NOUNS: dict[str, str] = {
    "toll": "killed", "magnitude": "magnitude", "turnout": "turnout", "inflation": "inflation",
    "unemployment": "unemployment", "approval": "approval",
}  # fmt: skip
PER_UNIT_WORDS = word_set(
    "barrel litre liter gallon ounce tonne ton kilo kilogram share unit night head month year "
    "day person ticket kilowatt-hour"
)

ATTRIBUTION_VERBS = word_set(
    "said says say saying stated told tells reported reports estimated estimates estimate "
    "estimating believe believes assessed assesses assess announced announces claimed claims "
    "confirmed confirms added noted notes note warned put puts putting counted recorded "
    "tallied indicated indicates showed shows suggested suggests acknowledged revealed reveals "
    "wrote writes found finds calculated calculates quoted"
)
# Verbs that frame a reported number so their certainty carries over to sibling clauses.
FRAME_VERBS = word_set(
    "said says say stated told reported reports estimated estimates estimate estimating "
    "assessed assesses assess according"
)
INSTITUTION_NOUNS = word_set(
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
REPORT_NOUNS = (
    "report|reports|estimate|estimates|assessment|assessments|figures|data|statement|briefing|"
    "count|tally|survey|study|analysis|statistics"
)

# Country names and demonyms, for telling origins apart and for labels. Capitals name their
# governments in news copy ("Seoul has provided ...").
COUNTRY_ALIASES: dict[str, str] = {}
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
        COUNTRY_ALIASES[_alias] = _country
COUNTRY_PATTERN = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(COUNTRY_ALIASES, key=len, reverse=True))
    + r")(?![\w])"
)
# Institutions written several ways: "intelligence agency" = "National Intelligence Service".
INSTITUTION_SYNONYMS: tuple[tuple[str, str], ...] = (
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
GENERIC_ORIGIN_WORDS = word_set(
    "officials sources media reports report analysts experts military government authorities "
    "spokesman spokeswoman spokesperson state news latest new earlier previous national "
    "official"
)
PROPER_WORDS = frozenset(
    w for alias in COUNTRY_ALIASES for w in alias.split() if w.isalpha() and len(w) > 3
) | frozenset({"korean", "korea", "western", "european", "nato"})
