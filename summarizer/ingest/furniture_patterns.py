"""Vocabularies and patterns that recognise page furniture and metadata lines."""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, to keep long vocabularies short."""
    return frozenset(words.split())


MINOR_WORDS = word_set(
    "a an the and but or nor for so yet of in on at to by up as is vs via with from into over "
    "amid after than per out off"
)
ABBREVIATIONS = word_set(
    "mr mrs ms dr prof gen lt col sgt capt maj adm rep sen gov st jr sr no vs etc inc ltd co "
    "corp jan feb mar apr jun jul aug sep sept oct nov dec approx est fig rev hon pres"
)
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
LETTER_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
# Sentence-final punctuation of the scripts we meet in news: Latin, Arabic and Urdu (؟ ۔),
# Devanagari (। ॥), Ethiopic (። ፧), Armenian (։), Burmese (။); CJK full stops and marks (。！？｡)
# need no space after them, as those scripts put none between sentences.
SPACED_ENDS = ".!?…؟۔।॥።፧։။"
UNSPACED_ENDS = "。！？｡"
CLOSERS = "\"'”’)\\]」』）】"
# A sentence end: punctuation, closing quotes, then the end or a space before the next word,
# whose first character the caller checks is not lower-case (caseless scripts count as capitals).
SENTENCE_END = re.compile(
    rf"[{SPACED_ENDS}]+[{CLOSERS}]*(?=\s+[\"'“‘(\[]*(\w)|\s*$)|[{UNSPACED_ENDS}]+[{CLOSERS}]*"
)
TERMINAL = re.compile(rf"[{SPACED_ENDS}{UNSPACED_ENDS}][{CLOSERS}]*\s*$")
QUESTION_END = re.compile(rf"[?!؟？！][{CLOSERS}]*\s*$")
# Scripts written without spaces between words (Han, kana, Thai): two characters count as a word.
UNSPACED_CHAR = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A table row written as text: cells separated by " | " or tabs.
TABLE_ROW = re.compile(r"^\|?[^|\t]*(?:\s\|\s|\t)[^|\t]*(?:\s\|\s|\t)")

SOCIAL_NAMES = word_set(
    "facebook twitter x linkedin whatsapp telegram reddit pinterest email e-mail mail print "
    "copy link messenger viber instagram youtube tiktok threads bluesky mastodon flipboard vk "
    "tumblr pocket sms share tweet"
)
LAYOUT_WORDS = word_set(
    "article page top bottom vertical horizontal inline sticky banner leaderboard billboard "
    "skyscraper mpu slot placeholder widget rail sidebar mid middle left right center header "
    "footer desktop mobile ad ads unit block module container wrapper box area position zone "
    "native"
)
LAYOUT_MARKS = word_set(
    "vertical horizontal inline sticky banner leaderboard billboard skyscraper mpu slot "
    "placeholder widget rail ad ads unit module zone native"
)
AGENCIES = (
    r"getty images|afp|reuters|ap|associated press|epa|epa-efe|efe|shutterstock|alamy|bloomberg"
    r"|anadolu|yonhap|kcna|xinhua|tass|sputnik|ria novosti|pool|unsplash|nurphoto|sopa images"
    r"|sipa|dpa|ansa|kyodo|the new york times|the washington post|imago|zuma|abaca|pa|pa images"
    r"|ukrinform|unian|afp via getty images"
)
STAFF_WORDS = re.compile(
    r"\s+(?:staff|correspondents?|reporters?|newsroom|desk|team|editors?|editorial(?: team| board)?"
    r"|writers?|contributors?)\s*$",
    re.I,
)
JOB_TITLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|columnist|analyst|producer)\b",
    re.I,
)

SEPARATOR_LINE = re.compile(r"^(?:[-*_=~·•]\s*){3,}$")
MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
MD_LINK_ONLY = re.compile(r"^(?:[-*+]\s+)?\[[^\]]+\]\([^)]*\)$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
LIST_MARKER = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")

SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<rest>\S.*)$", re.I)
SOURCE_TAIL = re.compile(r"^(?P<title>.+?)\s+[-–—|]\s+(?P<outlet>[^-–—|]{1,40})$")
CREDIT_PREFIX = re.compile(
    r"^(?:photo(?:graph)?|image|picture|illustration|credit|video|photo credit|image credit"
    r"|images|photos|pictures)s?\s*(?::|\.{2,}|…|\bby\b)\s*(?P<rest>.*)$",
    re.I,
)
CREDIT_AGENCY = re.compile(r"(?:^©?\s*|/\s*|\bvia\s+|©\s*)(?:" + AGENCIES + r")\s*\)?$", re.I)
CAPTION_PREFIX = re.compile(
    r"^(?:main|top|lead|featured|header|hero|cover)\s+(?:image|photo|picture)\s*:", re.I
)
TRAILING_CREDIT = re.compile(
    r"[.!?][\"'”’]?\s*\((?!reporting|writing|editing|additional|with\b)"
    r"(?:(?:photo|image|picture|credit)s?\s*:\s*)?[A-Z][^().!?;]{0,48}\)\s*$"
)
PHOTO_WORDS = re.compile(
    r"\b(?:photo|photograph|image|picture|pictured|shows?|showing|seen|poses?|posing|file"
    r"|handout|undated|left|right|cent(?:re|er)|background|foreground)\b",
    re.I,
)
TRAILING_CREDIT_LABEL = re.compile(
    r"\S.*\b(?:photograph|photo|image|picture|illustration|credit)\s*:\s*[^.:!?]{2,60}$", re.I
)
BYLINE = re.compile(
    r"^(?:(?:by|written by|posted by|words by|reporting by)\b|(?:authors?|reporters?|writers?)\s*:)"
    r"(?P<rest>.*)$",
    re.I,
)
# "Guardian staff and agencies", "Example Wire Newsroom": the outlet signs for its staff.
STAFF_BYLINE = re.compile(
    r"^(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+(?i:staff(?:\s+and\s+agencies)?"
    r"|and\s+agencies|correspondents?|newsroom|news\s+desk|staff\s+reporters?"
    r"|editorial\s+(?:team|board))$"
)
# "2005/01/08 Tsunami aid donations ...": a headline with its date in front (wire and wiki style).
DATED_HEADLINE = re.compile(
    r"^(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*[-–—|:]?\s+"
    r"(?P<rest>[\"'“‘(]?[A-Z\d].*)$"
)
# A photo caption written as a line of its own: a few capitalised words naming what is shown, then
# where or when ("HMS Cornwall at Zeebrugge in 2006.", "Ambulances at Russell Square after ...").
CAPTION_SHAPE = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+[A-Z\d][\w'’.-]*){0,3}\s+(?:at|in|after|near|during|outside|inside|aboard"
    r"|off|over)\s+\S"
)
# Words that make a short line a statement rather than a caption (finite verbs and auxiliaries).
STATEMENT_WORDS = word_set(
    "is are was were be been being am has have had do does did will would shall should can could "
    "may might must said says say told tells tell reported reports announced announces claimed "
    "claims called calls added adds"
)
DATE_NOISE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"|\b(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|kst|eet|eest|msk|am|pm|a\.m|p\.m)\b(?:[+-]\d{1,2})?"
    r"|\b(?:published|updated|posted|last|first|on|at)\b",
    re.I,
)
NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|jump to (?:content|navigation)"
    r"|toggle navigation|(?:open|close|main) menu|menu|search|sign in|log in|log out|my account"
    r"|(?:read|also available|available) in [A-Z][a-z]+|back to top)\s*$",
    re.I,
)
TAGS = re.compile(r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*:\s*\S", re.I)
COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4})|\ball rights reserved\b", re.I
)
DATELINE = re.compile(
    r"^(?:published|updated|posted|last updated|first published|date)\b.*\d", re.I
)
SHARE = re.compile(
    r"^(?:share(?:\s+(?:this|the|on|via|to)\b.*)?|tweet|email|print|copy link|whatsapp)\s*:?$",
    re.I,
)
FOLLOW = re.compile(r"^(?:follow|find|like|join)\s+us\b", re.I)
# Calls to action only: a sentence that merely mentions a newsletter is content.
NEWSLETTER = re.compile(
    r"^(?:(?:sign up|subscribe|register|get|receive|join)\b.{0,60}\bnewsletters?\b"
    r"|(?:our |the |free |daily |weekly )?newsletters?\s*[:.!]?$"
    r"|(?:sign up|subscribe)(?:\s+(?:now|today|here))?\s*[:.!]?$)",
    re.I,
)
COMMENT_PROMPT = re.compile(
    r"^(?:leave a (?:comment|reply)|post a comment|add a comment|comments?(?:\s*\(\d+\))?"
    r"|\d+\s+comments?|view comments|show comments|join the (?:conversation|discussion)"
    r"|what do you think\??|have your say)\s*[:.!]?$",
    re.I,
)
RELATED_LINE = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related(?: (?:articles?|stories|posts?"
    r"|content|news|coverage|reading|topics))?|you (?:may|might) also (?:like|enjoy|be "
    r"interested in)|more (?:on|about|from) (?:this|the|our)\b.*|recommended(?: for you| reading"
    r"| stories)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
    r"|editors?['’]?s?['’]? (?:picks?|choice)|latest (?:posts|news|stories|articles)|top stories"
    r"|more stories|more news|don['’]t miss|(?:our|full|more) coverage of\b.*|in other news"
    r"|explore more(?: on (?:this|these) topics?)?|keep reading|continue reading)\s*[:.…]?$",
    re.I,
)
RELATED_PREFIX = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related|more|watch|listen|recommended"
    r"|don['’]t miss)\s*:\s*\S",
    re.I,
)
SITE_FOOTER = re.compile(
    r"^(?:how we (?:verify|report|work)\b.*|about us|contact us|privacy policy|terms (?:of "
    r"(?:use|service)|and conditions)|cookie (?:policy|settings)|all rights reserved.*|©.*"
    r"|copyright\s*(?:©|\(c\)|\d{4}).*|corrections?(?: policy)?|ethics policy|advertise with us"
    r"|masthead|reuse this content)$",
    re.I,
)
# A site's description of itself: only ever trusted after an end-of-article marker.
FOOTER_BLURB = re.compile(
    r"\b(?:brings you the latest|all rights reserved|copyright \d{4}|registered trademark"
    r"|privacy policy|cookie policy|terms of (?:use|service))\b|©",
    re.I,
)
ADVERT = re.compile(
    r"^(?:advertisement|advert|ad|sponsored(?: content| post)?|paid (?:content|post)"
    r"|promoted(?: content)?|story continues below(?: advertisement)?|continue reading (?:below"
    r"|the main story)|scroll to (?:continue|read more)|skip (?:advertisement|ad))\s*[:.]?$",
    re.I,
)
BREADCRUMB_SEPARATOR = re.compile(r"\s[›»>/|]\s|[›»]")
HOME = re.compile(r"^(?:home|homepage|start)\b\s*[›»>/|]?\s*\S", re.I)
REPORTS = re.compile(
    r",\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+"
    r"(?:reports|writes|informs)(?=[.!]|\s*$)"
)
WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’-]{1,50}?\s\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[-–—]"  # "SEOUL (AP) —"
)
LEAD_DATELINE = re.compile(r"^(?P<lead>[A-Z][^!?]{0,60}?)\s+[-–—]\s+")  # "SEOUL, Feb. 7 —"

# Reasons set by explicit patterns that also mark where an article's own text has ended.
END_MARKERS = frozenset(
    {
        "related links",
        "share buttons",
        "comment prompt",
        "newsletter",
        "social links",
        "site footer",
    }
)
