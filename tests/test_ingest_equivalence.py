"""The faster ingest code gives exactly what the plain versions gave (issue 8, reading CPU).

The ``reference_*`` functions and patterns are copies of the ingest code before it was made
cheaper, kept here as the specification. Each is compared with the code on seeded random lines
built from the characters and words the rules look at (sentence ends of several scripts, closing
quotes, table bars, tabs, digits, month names, invisible and control characters, letters that
change length or class when lower-cased) and on every line of the demo articles.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

# The standard library's regex parser, to read back what a pattern needs (test only).
from re import _constants as regex_ops
from re import _parser as regex_parser
from types import SimpleNamespace

import pytest

from summarizer.ingest import dates, decode, furniture, furniture_patterns, language, parse, units
from summarizer.ingest.furniture_patterns import (
    CLOSERS,
    LAYOUT_MARKS,
    LAYOUT_WORDS,
    SENTENCE_END,
    SOCIAL_NAMES,
    SPACED_ENDS,
    TABLE_ROW,
    UNSPACED_ENDS,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LANG_PATTERNS = sorted((ROOT / "summarizer" / "data" / "lang").glob("*/furniture_patterns.toml"))

REFERENCE_SENTENCE_END = re.compile(
    rf"[{SPACED_ENDS}]+[{CLOSERS}]*(?=\s+[\"'“‘(\[]*(\w)|\s*$)|[{UNSPACED_ENDS}]+[{CLOSERS}]*"
)
_INVISIBLE = "\u00ad\u200b\u200e\u202a\u2060\ufeff\x00\x07\x1b\x7f\x85\x9f"
_SPACES = "\t\u00a0\u2003\u202f\u3000\x0b\x0c\u2028\u2029\r"
_PIECES = [
    *(SPACED_ENDS + UNSPACED_ENDS + CLOSERS + "“‘(["),
    *_INVISIBLE,
    *_SPACES,
    " ",
    " ",
    " | ",
    "|",
    "\t",
    "-",
    "/",
    "»",
    ":",
    "©",
    "2005",
    "1999",
    "12",
    "7",
    "١٢٣٤",
    "Jan",
    "March",
    "sept.",
    "Tuesday",
    "14th",
    "U.S.",
    "e.g.",
    "Mr.",
    "said",
    "The",
    "word",
    "it's",
    "İstanbul",
    "ſtory",
    "ǅ",
    "東京",
    "ข่าว",
    "خبر",
    "Facebook",
    "Twitter",
    "share",
    "photo",
    "print",
    "email",
    "_",
]


def random_lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_PIECES, k=rng.randrange(0, 24))) for _ in range(count)]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """Seeded random lines, every line of the demo articles, and a few odd cases."""
    seeded = [
        line for path in sorted(SEEDS.iterdir()) for line in path.read_text("utf-8").split("\n")
    ]
    odd = ["", " ", "\t", "...", "。", "Home | World | Asia", "a\tb\tc", "x" * 5000 + ". Next"]
    return random_lines(4000, 8) + seeded + odd


def test_the_random_lines_reach_every_branch(lines: list[str]) -> None:
    """The samples hold what each comparison needs to mean something."""
    assert sum(bool(REFERENCE_SENTENCE_END.search(line)) for line in lines) > 1000
    assert any(re.search(f"[{UNSPACED_ENDS}]", line) for line in lines)
    assert sum(bool(TABLE_ROW.match(line)) for line in lines) > 50
    assert sum(bool(decode._SPECIAL.search(line)) for line in lines) > 1000


def test_sentence_ends_match_the_plain_pattern(lines: list[str]) -> None:
    for line in lines:
        expected = [(m.span(), m.groups()) for m in REFERENCE_SENTENCE_END.finditer(line)]
        assert [(m.span(), m.groups()) for m in SENTENCE_END.finditer(line)] == expected, line


def test_dates_match_trying_every_pattern(lines: list[str], monkeypatch) -> None:
    """The four-digit scan only skips texts where no date pattern finds a date."""
    rng = random.Random(3)
    dated = [
        f"{rng.choice(['', 'On '])}{rng.randrange(0, 40)} {rng.choice(['Jan', 'march', 'Sept.'])}"
        f" {rng.randrange(1890, 2100)}{rng.choice(['', '1', ' x'])}"
        for _ in range(300)
    ]
    samples = lines + dated
    found = [dates.find_date(line) for line in samples]
    assert 50 < sum(date is not None for date in found[len(lines) :]) < 250  # invalid days too
    monkeypatch.setattr(dates, "_FOUR_DIGITS", re.compile(""))  # as it was: no scan first
    assert [dates.find_date(line) for line in samples] == found


def reference_cells(text: str) -> int:
    if not TABLE_ROW.match(text):
        return 0
    return len(re.split(r"\s\|\s|\t", text.strip().strip("|").strip()))


def test_table_cells_match_the_plain_count(lines: list[str]) -> None:
    for line in lines:
        assert units._cells(line) == reference_cells(line), line


def test_normalise_leaves_alone_exactly_the_texts_with_nothing_to_replace(
    lines: list[str],
) -> None:
    """Its one-class scan finds something exactly where the replacing pattern would."""
    for line in lines:
        expected = decode._SPECIAL.search(line)
        found = decode._ANY_SPECIAL.search(line)
        assert (found.start() if found else None) == (expected.start() if expected else None)
        if expected is None:
            assert decode.normalise(line)[0] is line


_TOKEN = re.compile(r"[\w-]+")


def reference_social_row(text: str) -> bool:
    if len(text) > 120:
        return False
    tokens = [token.lower() for token in _TOKEN.findall(text)]
    known = sum(token in SOCIAL_NAMES for token in tokens)
    return 0 < len(tokens) <= 10 and known >= 2 and known >= 0.6 * len(tokens)


def reference_layout_label(text: str) -> bool:
    if len(text) > 80:
        return False
    tokens = [token.lower() for token in _TOKEN.findall(text)]
    return (
        2 <= len(tokens) <= 6
        and all(token in LAYOUT_WORDS for token in tokens)
        and any(token in LAYOUT_MARKS for token in tokens)
    )


def test_social_rows_and_layout_labels_match_the_plain_tests(lines: list[str]) -> None:
    rng = random.Random(5)
    social, layout = sorted(SOCIAL_NAMES), sorted(LAYOUT_WORDS | LAYOUT_MARKS)
    rows = [
        " ".join(rng.choices([*social, "News", "İ"], k=rng.randrange(1, 12))) for _ in range(300)
    ] + [" ".join(rng.choices([*layout, "x"], k=rng.randrange(1, 8))).upper() for _ in range(300)]
    assert sum(map(reference_social_row, rows)) > 50
    assert sum(map(reference_layout_label, rows)) > 20
    for line in lines + rows:
        assert furniture._is_social_row(line) == reference_social_row(line), line
        assert furniture._is_layout_label(line) == reference_layout_label(line), line


def needed_marks(pattern: re.Pattern[str]) -> str:
    """ASCII punctuation every match of ``pattern`` holds, read from the parsed pattern:
    outside optional parts and lookarounds, or needed by every branch."""
    return "".join(sorted(_needed(regex_parser.parse(pattern.pattern, pattern.flags))))


def _needed(items) -> set[str]:
    marks: set[str] = set()
    for op, argument in items:
        if op is regex_ops.LITERAL:
            char = chr(argument)
            if char.isascii() and not char.isalnum() and not char.isspace():
                marks.add(char)  # punctuation has no other case: flags change nothing
        elif op is regex_ops.SUBPATTERN:
            marks |= _needed(argument[3])
        elif op is regex_ops.ATOMIC_GROUP:
            marks |= _needed(argument)
        elif op in (regex_ops.MAX_REPEAT, regex_ops.MIN_REPEAT, regex_ops.POSSESSIVE_REPEAT):
            if argument[0] >= 1:
                marks |= _needed(argument[2])
        elif op is regex_ops.BRANCH:
            marks |= set.intersection(*(_needed(branch) for branch in argument[1]))
    return marks


def test_needed_marks_are_what_every_match_needs() -> None:
    """Branches need what all of them need; optional parts, classes and lookarounds nothing."""
    pattern = re.compile(r"a:(b|c;)?(d,|e,)[.]x(?=!)(?:\.|\.;)+(?i:-)(?:\?)*[/]{0}#{1,2}")
    assert needed_marks(pattern) == "#,-.:"
    assert needed_marks(re.compile(r"\S.*\bphoto\s*:\s*\w", re.I)) == ":"
    assert needed_marks(re.compile(r"^(?:;|,)")) == ""


# The punctuation furniture.py's rules say their patterns need (the ``needs`` of their tests).
RULE_NEEDS = {"trailing_credit_label": ":", "trailing_credit": "("}


@pytest.mark.parametrize("language", sorted(p.parent.name for p in LANG_PATTERNS))
def test_every_language_pattern_needs_what_its_rule_tests_for(language: str) -> None:
    for name, mark in RULE_NEEDS.items():
        assert mark in needed_marks(furniture_patterns.pattern(name, language)), name


_FURNITURE = [
    "Photo: Reuters",
    "Main image: The harbour at dawn",
    "Source: Example News",
    "Tags: storm, floods",
    "Read also: the earlier story",
    "Ambulances at the scene. (Photo: AP)",
    "Ambulances at the scene (AFP)",
    "Copyright © 2024 Example",
    "© Example Ltd. All rights reserved.",
    "Kim Jong-un: the photograph : Someone Else",
    "Picture: ſomeone",
    "Share this: Facebook",
    "SEOUL (AP) — The",
]
_PATTERNS = [value for value in vars(furniture_patterns).values() if isinstance(value, re.Pattern)]


@pytest.fixture(scope="module")
def rule_samples(lines: list[str]) -> list[str]:
    """An eighth of the lines (45 patterns try each), furniture lines and mixes of them."""
    rng = random.Random(11)
    built = ["".join(rng.choices(_FURNITURE + _PIECES, k=3)) for _ in range(300)]
    return lines[::8] + _FURNITURE + built


def test_rule_tests_find_exactly_what_their_patterns_find(rule_samples: list[str]) -> None:
    """Each rule test, with or without the punctuation its pattern needs, finds what the
    pattern finds; every match holds that punctuation."""
    for pattern in _PATTERNS:
        marks = needed_marks(pattern)
        tests = [(furniture._matches(pattern), pattern.match)]
        tests += [(furniture._contains(pattern), pattern.search)]
        tests += [(furniture._matches(pattern, mark), pattern.match) for mark in marks]
        tests += [(furniture._contains(pattern, mark), pattern.search) for mark in marks]
        for text in rule_samples:
            unit = SimpleNamespace(text=text)
            for test, find in tests:
                assert test(unit) == (find(text) is not None), (pattern, text)
            found = pattern.search(text) is not None
            assert not found or all(mark in text for mark in marks), (pattern, text)
    matched = [p for p in _PATTERNS if needed_marks(p)]
    assert sum(bool(p.search(text)) for p in matched for text in rule_samples) > 50


def test_the_rules_testing_for_punctuation_find_what_their_patterns_find(
    rule_samples: list[str],
) -> None:
    rules = {rule.name: rule.test for rule in furniture.PATTERN_RULES}
    label, credit = rules["trailing credit label"], rules["trailing credit"]
    hits = 0
    for text in rule_samples:
        unit = SimpleNamespace(text=text)
        expected = bool(furniture_patterns.TRAILING_CREDIT_LABEL.match(text))
        assert label(unit) == expected, text
        photo = furniture_patterns.PHOTO_WORDS.search(text)
        assert credit(unit) == bool(furniture_patterns.TRAILING_CREDIT.search(text) and photo)
        hits += expected + credit(unit)
    assert hits > 20


def test_sentences_counted_with_the_word_count_given(lines: list[str]) -> None:
    counted = [units.count_sentences(line) for line in lines]
    assert sum(count >= 1 for count in counted) > 500
    for line, count in zip(lines, counted, strict=True):
        assert units.count_sentences(line, units.word_count(line)) == count, line


def reference_classify_middle(found_units: list[units.Unit], title_key: str | None) -> None:
    """furniture._classify_middle as it was: every line's key built and compared."""
    for unit in found_units:
        if unit.reason is not None:
            continue
        if title_key and unit.key == title_key:
            unit.reason = "repeated headline"
        elif furniture._headingish(unit):
            unit.reason, unit.tentative = "heading", True
    furniture._mark_heading_runs(found_units)


def test_repeated_titles_found_as_before(lines: list[str], monkeypatch) -> None:
    """Articles of random lines with their title repeated in other cases and punctuation."""
    rng = random.Random(13)
    titles = ["Storm hits İstanbul", "ΣΟΦΟΣ wins", "U.S. vote", "Ambulances at the scene", "x"]
    articles = []
    for _ in range(150):
        title = rng.choice(titles)
        body = rng.sample(lines, 12)
        for _ in range(3):
            variant = rng.choice([title, title.upper(), title.lower() + ".", f"— {title} —"])
            body.insert(rng.randrange(len(body) + 1), variant)
        articles.append((title, body))

    def classified() -> list[units.Found]:
        return [
            furniture.classify_lines(body, markdown=False, known_title=title, hints={})
            for title, body in articles
        ]

    found = classified()
    assert sum(r == "repeated headline" for f in found for r in f.reasons) > 100
    monkeypatch.setattr(furniture, "_classify_middle", reference_classify_middle)
    assert classified() == found


def test_words_match_the_plain_greedy_pattern(lines: list[str]) -> None:
    plain = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
    joined = ["U.S.-led", "e-mail", "it's", "a..b", "x'-y", "’quote’", "Jean-Luc's.", "_a_b_"]
    for line in lines + joined:
        assert furniture_patterns.WORD.findall(line) == plain.findall(line), line
    expected = ["U.S", "led", "e-mail", "a", "b"]  # one mark joins; two end the word
    assert furniture_patterns.WORD.findall("U.S.-led e-mail a..b") == expected


def reference_looks_english(text: str) -> bool:
    """language.looks_english as it was: the share of the whole text."""
    share, letters = language.english_share(text)
    return letters < language.MIN_LETTERS or share >= language.MIN_ENGLISH_SHARE


def test_english_judged_as_on_the_whole_text() -> None:
    """Texts near the threshold, whose rest is as dense in words as can be ("zz zz ..."), with
    and without spaces; judged early or not, the answer is the whole text's."""
    rng = random.Random(17)
    stop = sorted(language.english_stop_words())
    fillers = ["zz", "q", "xylophone", "İİ", "don’t", "东京", "a1b", "ΣΑΣ"]
    texts = []
    for _ in range(400):
        lead = " ".join(
            rng.choice(stop) if rng.random() < rng.random() else rng.choice(fillers)
            for _ in range(rng.randrange(0, 400))
        )
        rest = rng.choice([" zz", " q", "zz", "东京"]) * rng.randrange(0, 1500)
        texts.append(lead + rest)
    judged = [reference_looks_english(text) for text in texts]
    assert 50 < sum(judged) < 350
    shares = [language.english_share(text)[0] for text in texts]
    assert sum(0.08 < share < 0.16 for share in shares) > 20  # near the threshold
    assert [language.looks_english(text) for text in texts] == judged


def reference_reads_as_heading(text: str, terminal: bool, sentences: int, title: bool) -> bool:
    """units._reads_as_heading as it was, given the Title Case judgement made beforehand."""
    opens_like_heading = bool(units._OPENS_WITH_WORD.match(text)) and not text[0].islower()
    return (
        opens_like_heading
        and bool(units._LETTER.search(text))
        and (
            (not terminal and sentences == 0)
            or (bool(units.QUESTION_END.search(text)) and title and sentences <= 1)
        )
        and not text.endswith((",", ";", ":", "-", "–", "—", "/", "&", "("))
    )


def test_headings_judged_as_before(lines: list[str]) -> None:
    rng = random.Random(19)
    questions = [
        " ".join(
            rng.choice(["Who", "won", "The", "Race", "of", "İstanbul", "2024", "Why"])
            for _ in range(rng.randrange(1, 9))
        )
        + rng.choice(["?", "!", "?”", ".", ""])
        for _ in range(400)
    ]
    judged = 0
    for text in lines + questions:
        terminal = bool(units.TERMINAL.search(text))
        sentences = units.count_sentences(text)
        expected = reference_reads_as_heading(text, terminal, sentences, units._is_title_case(text))
        assert units._reads_as_heading(text, terminal=terminal, sentences=sentences) == expected
        judged += expected and terminal
    assert judged > 20  # Title Case questions among them


def test_articles_the_same_when_known_metadata_is_not_read_from_the_text(
    lines: list[str], monkeypatch
) -> None:
    """Drafts whose text names a title, outlet and date, with some, none or empty metadata."""
    rng = random.Random(23)
    named = ["By Ann Lee, Reuters", "March 3, 2005", "Source: Storm hits - Example News"]
    drafts = []
    for number in range(120):
        body = named[: rng.randrange(4)] + rng.sample(lines, 6) + ["He said the storm was over."]
        metadata = {
            key: rng.choice(["", "Given " + key, "2004-01-02"])
            for key in rng.sample(["title", "outlet", "date", "url"], rng.randrange(5))
        }
        text = "\n".join(line.replace("\n", " ") for line in body)
        form = rng.choice(["txt", "md", "json"])
        drafts.append(parse.ArticleDraft(text, "a.txt", f"a{number}", form, metadata=metadata))
    articles = [parse.build_article(draft) for draft in drafts]
    assert sum(article.outlet == "Reuters" for article in articles) > 10
    assert sum(article.date == "2005-03-03" for article in articles) > 10

    def reading_every_field(*args, known_fields=(), **kwargs):
        return classify(*args, **kwargs)

    classify = parse.classify_lines
    monkeypatch.setattr(parse, "classify_lines", reading_every_field)
    assert [parse.build_article(draft) for draft in drafts] == articles


def test_words_counted_and_list_markers_removed_as_before(lines: list[str]) -> None:
    rng = random.Random(29)
    markers = ["- ", "* ", "12. ", "3) ", "• ", "1234. ", "-x ", " + "]
    listed = [rng.choice(markers) + line for line in lines]
    plain_word = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
    for line in lines + listed:
        plain = len(plain_word.findall(line)) + len(units.UNSPACED_CHAR.findall(line)) // 2
        assert units.word_count(line) == plain, line
        text = line.strip()
        analysed = units._analyse(line, markdown=False)
        assert analysed.text == units.LIST_MARKER.sub("", text), line
        assert analysed.list_item == bool(units.LIST_MARKER.match(text)), line
    assert sum(units._analyse(line, markdown=False).list_item for line in listed) > 1000
    assert sum(units.word_count(line) != len(plain_word.findall(line)) for line in lines) > 50
