"""Vocabularies and patterns that recognise page furniture and metadata lines."""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, to keep long vocabularies short."""
    return frozenset(words.split())


_MINOR_WORDS = _word_set(
    "a an the and but or nor for so yet of in on at to by up as is vs via with from into over "
    "amid after than per out off"
)
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr prof gen lt col sgt capt maj adm rep sen gov st jr sr no vs etc inc ltd co "
    "corp jan feb mar apr jun jul aug sep sept oct nov dec approx est fig rev hon pres"
)
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_LETTER_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
# Sentence-final punctuation of the scripts we meet in news: Latin, Arabic and Urdu (؟ ۔),
# Devanagari (। ॥), Ethiopic (። ፧), Armenian (։), Burmese (။); CJK full stops and marks (。！？｡)
# need no space after them, as those scripts put none between sentences.
_SPACED_ENDS = ".!?…؟۔।॥።፧։။"
_UNSPACED_ENDS = "。！？｡"
_CLOSERS = "\"'”’)\\]」』）】"
# A sentence end: punctuation, closing quotes, then the end or a space before the next word,
# whose first character the caller checks is not lower-case (caseless scripts count as capitals).
_SENTENCE_END = re.compile(
    rf"[{_SPACED_ENDS}]+[{_CLOSERS}]*(?=\s+[\"'“‘(\[]*(\w)|\s*$)|[{_UNSPACED_ENDS}]+[{_CLOSERS}]*"
)
_TERMINAL = re.compile(rf"[{_SPACED_ENDS}{_UNSPACED_ENDS}][{_CLOSERS}]*\s*$")
_QUESTION_END = re.compile(rf"[?!؟？！][{_CLOSERS}]*\s*$")
# Scripts written without spaces between words (Han, kana, Thai): two characters count as a word.
_UNSPACED_CHAR = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A table row written as text: cells separated by " | " or tabs.
_TABLE_ROW = re.compile(r"^\|?[^|\t]*(?:\s\|\s|\t)[^|\t]*(?:\s\|\s|\t)")

_SOCIAL_NAMES = _word_set(
    "facebook twitter x linkedin whatsapp telegram reddit pinterest email e-mail mail print "
    "copy link messenger viber instagram youtube tiktok threads bluesky mastodon flipboard vk "
    "tumblr pocket sms share tweet"
)
_LAYOUT_WORDS = _word_set(
    "article page top bottom vertical horizontal inline sticky banner leaderboard billboard "
    "skyscraper mpu slot placeholder widget rail sidebar mid middle left right center header "
    "footer desktop mobile ad ads unit block module container wrapper box area position zone "
    "native"
)
_LAYOUT_MARKS = _word_set(
    "vertical horizontal inline sticky banner leaderboard billboard skyscraper mpu slot "
    "placeholder widget rail ad ads unit module zone native"
)
_AGENCIES = (
    r"getty images|afp|reuters|ap|associated press|epa|epa-efe|efe|shutterstock|alamy|bloomberg"
    r"|anadolu|yonhap|kcna|xinhua|tass|sputnik|ria novosti|pool|unsplash|nurphoto|sopa images"
    r"|sipa|dpa|ansa|kyodo|the new york times|the washington post|imago|zuma|abaca|pa|pa images"
    r"|ukrinform|unian|afp via getty images"
)
_STAFF_WORDS = re.compile(
    r"\s+(?:staff|correspondents?|reporters?|newsroom|desk|team|editors?|editorial(?: team| board)?"
    r"|writers?|contributors?)\s*$",
    re.I,
)
_JOB_TITLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|columnist|analyst|producer)\b",
    re.I,
)

_SEPARATOR_LINE = re.compile(r"^(?:[-*_=~·•]\s*){3,}$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_MD_LINK_ONLY = re.compile(r"^(?:[-*+]\s+)?\[[^\]]+\]\([^)]*\)$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LIST_MARKER = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")

_SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<rest>\S.*)$", re.I)
_SOURCE_TAIL = re.compile(r"^(?P<title>.+?)\s+[-–—|]\s+(?P<outlet>[^-–—|]{1,40})$")
_CREDIT_PREFIX = re.compile(
    r"^(?:photo(?:graph)?|image|picture|illustration|credit|video|photo credit|image credit"
    r"|images|photos|pictures)s?\s*(?::|\.{2,}|…|\bby\b)\s*(?P<rest>.*)$",
    re.I,
)
_CREDIT_AGENCY = re.compile(r"(?:^©?\s*|/\s*|\bvia\s+|©\s*)(?:" + _AGENCIES + r")\s*\)?$", re.I)
_CAPTION_PREFIX = re.compile(
    r"^(?:main|top|lead|featured|header|hero|cover)\s+(?:image|photo|picture)\s*:", re.I
)
_TRAILING_CREDIT = re.compile(
    r"[.!?][\"'”’]?\s*\((?!reporting|writing|editing|additional|with\b)"
    r"(?:(?:photo|image|picture|credit)s?\s*:\s*)?[A-Z][^().!?;]{0,48}\)\s*$"
)
_PHOTO_WORDS = re.compile(
    r"\b(?:photo|photograph|image|picture|pictured|shows?|showing|seen|poses?|posing|file"
    r"|handout|undated|left|right|cent(?:re|er)|background|foreground)\b",
    re.I,
)
_TRAILING_CREDIT_LABEL = re.compile(
    r"\S.*\b(?:photograph|photo|image|picture|illustration|credit)\s*:\s*[^.:!?]{2,60}$", re.I
)
_BYLINE = re.compile(
    r"^(?:(?:by|written by|posted by|words by|reporting by)\b|(?:authors?|reporters?|writers?)\s*:)"
    r"(?P<rest>.*)$",
    re.I,
)
# "Guardian staff and agencies", "Example Wire Newsroom": the outlet signs for its staff.
_STAFF_BYLINE = re.compile(
    r"^(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+(?i:staff(?:\s+and\s+agencies)?"
    r"|and\s+agencies|correspondents?|newsroom|news\s+desk|staff\s+reporters?"
    r"|editorial\s+(?:team|board))$"
)
# "2005/01/08 Tsunami aid donations ...": a headline with its date in front (wire and wiki style).
_DATED_HEADLINE = re.compile(
    r"^(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*[-–—|:]?\s+"
    r"(?P<rest>[\"'“‘(]?[A-Z\d].*)$"
)
# A photo caption written as a line of its own: a few capitalised words naming what is shown, then
# where or when ("HMS Cornwall at Zeebrugge in 2006.", "Ambulances at Russell Square after ...").
_CAPTION_SHAPE = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+[A-Z\d][\w'’.-]*){0,3}\s+(?:at|in|after|near|during|outside|inside|aboard"
    r"|off|over)\s+\S"
)
# Words that make a short line a statement rather than a caption (finite verbs and auxiliaries).
_STATEMENT_WORDS = _word_set(
    "is are was were be been being am has have had do does did will would shall should can could "
    "may might must said says say told tells tell reported reports announced announces claimed "
    "claims called calls added adds"
)
_DATE_NOISE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"|\b(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|kst|eet|eest|msk|am|pm|a\.m|p\.m)\b(?:[+-]\d{1,2})?"
    r"|\b(?:published|updated|posted|last|first|on|at)\b",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|jump to (?:content|navigation)"
    r"|toggle navigation|(?:open|close|main) menu|menu|search|sign in|log in|log out|my account"
    r"|(?:read|also available|available) in [A-Z][a-z]+|back to top)\s*$",
    re.I,
)
_TAGS = re.compile(r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*:\s*\S", re.I)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4})|\ball rights reserved\b", re.I
)
_DATELINE = re.compile(
    r"^(?:published|updated|posted|last updated|first published|date)\b.*\d", re.I
)
_SHARE = re.compile(
    r"^(?:share(?:\s+(?:this|the|on|via|to)\b.*)?|tweet|email|print|copy link|whatsapp)\s*:?$",
    re.I,
)
_FOLLOW = re.compile(r"^(?:follow|find|like|join)\s+us\b", re.I)
# Calls to action only: a sentence that merely mentions a newsletter is content.
_NEWSLETTER = re.compile(
    r"^(?:(?:sign up|subscribe|register|get|receive|join)\b.{0,60}\bnewsletters?\b"
    r"|(?:our |the |free |daily |weekly )?newsletters?\s*[:.!]?$"
    r"|(?:sign up|subscribe)(?:\s+(?:now|today|here))?\s*[:.!]?$)",
    re.I,
)
_COMMENT_PROMPT = re.compile(
    r"^(?:leave a (?:comment|reply)|post a comment|add a comment|comments?(?:\s*\(\d+\))?"
    r"|\d+\s+comments?|view comments|show comments|join the (?:conversation|discussion)"
    r"|what do you think\??|have your say)\s*[:.!]?$",
    re.I,
)
_RELATED_LINE = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related(?: (?:articles?|stories|posts?"
    r"|content|news|coverage|reading|topics))?|you (?:may|might) also (?:like|enjoy|be "
    r"interested in)|more (?:on|about|from) (?:this|the|our)\b.*|recommended(?: for you| reading"
    r"| stories)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
    r"|editors?['’]?s?['’]? (?:picks?|choice)|latest (?:posts|news|stories|articles)|top stories"
    r"|more stories|more news|don['’]t miss|(?:our|full|more) coverage of\b.*|in other news"
    r"|explore more(?: on (?:this|these) topics?)?|keep reading|continue reading)\s*[:.…]?$",
    re.I,
)
_RELATED_PREFIX = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related|more|watch|listen|recommended"
    r"|don['’]t miss)\s*:\s*\S",
    re.I,
)
_SITE_FOOTER = re.compile(
    r"^(?:how we (?:verify|report|work)\b.*|about us|contact us|privacy policy|terms (?:of "
    r"(?:use|service)|and conditions)|cookie (?:policy|settings)|all rights reserved.*|©.*"
    r"|copyright\s*(?:©|\(c\)|\d{4}).*|corrections?(?: policy)?|ethics policy|advertise with us"
    r"|masthead|reuse this content)$",
    re.I,
)
# A site's description of itself: only ever trusted after an end-of-article marker.
_FOOTER_BLURB = re.compile(
    r"\b(?:brings you the latest|all rights reserved|copyright \d{4}|registered trademark"
    r"|privacy policy|cookie policy|terms of (?:use|service))\b|©",
    re.I,
)
_ADVERT = re.compile(
    r"^(?:advertisement|advert|ad|sponsored(?: content| post)?|paid (?:content|post)"
    r"|promoted(?: content)?|story continues below(?: advertisement)?|continue reading (?:below"
    r"|the main story)|scroll to (?:continue|read more)|skip (?:advertisement|ad))\s*[:.]?$",
    re.I,
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s[›»>/|]\s|[›»]")
_HOME = re.compile(r"^(?:home|homepage|start)\b\s*[›»>/|]?\s*\S", re.I)
_REPORTS = re.compile(
    r",\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+"
    r"(?:reports|writes|informs)(?=[.!]|\s*$)"
)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’-]{1,50}?\s\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[-–—]"  # "SEOUL (AP) —"
)
_LEAD_DATELINE = re.compile(r"^(?P<lead>[A-Z][^!?]{0,60}?)\s+[-–—]\s+")  # "SEOUL, Feb. 7 —"

# Reasons set by explicit patterns that also mark where an article's own text has ended.
_END_MARKERS = frozenset(
    {
        "related links",
        "share buttons",
        "comment prompt",
        "newsletter",
        "social links",
        "site footer",
    }
)
