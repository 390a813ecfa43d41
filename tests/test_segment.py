"""Tests for the offline sentence/word tokenizer and the segment stage."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.models import Article, Line
from summarizer.segment import (
    Tokenizer,
    collapse_whitespace,
    segment,
    sentence_spans,
    word_tokens,
    written_words,
)

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# (name, input, expected sentences with white space collapsed)
CASES: list[tuple[str, str, list[str]]] = [
    (
        "titles Mr Mrs",
        "Mr. Kim met Mrs. Park on Monday. They talked.",
        ["Mr. Kim met Mrs. Park on Monday.", "They talked."],
    ),
    (
        "titles Dr Gen",
        "Dr. Smith briefed Gen. Lee. The meeting was short.",
        ["Dr. Smith briefed Gen. Lee.", "The meeting was short."],
    ),
    (
        "titles Sen Gov",
        "Sen. Warren and Gov. Newsom spoke. Both were angry.",
        ["Sen. Warren and Gov. Newsom spoke.", "Both were angry."],
    ),
    (
        "title St",
        "He flew to St. Petersburg on Friday. It was cold.",
        ["He flew to St. Petersburg on Friday.", "It was cold."],
    ),
    (
        "stacked titles",
        "Lt. Col. Ivan Petrov led the unit. He was wounded.",
        ["Lt. Col. Ivan Petrov led the unit.", "He was wounded."],
    ),
    (
        "U.S. before a name",
        "U.S. President Donald Trump spoke on Friday. He was brief.",
        ["U.S. President Donald Trump spoke on Friday.", "He was brief."],
    ),
    (
        "U.S. ends a sentence before The",
        "The weapons were sent to the U.S. The next day, officials confirmed it.",
        ["The weapons were sent to the U.S.", "The next day, officials confirmed it."],
    ),
    (
        "U.S. ends a sentence before However",
        "The deal was signed in the U.S. However, it was never ratified.",
        ["The deal was signed in the U.S.", "However, it was never ratified."],
    ),
    (
        "U.K. U.N. E.U.",
        "The U.K. and the U.N. agreed. The E.U. Commission objected.",
        ["The U.K. and the U.N. agreed.", "The E.U. Commission objected."],
    ),
    (
        "U.S.-led compound",
        "The U.S.-led coalition grew. It now has 50 members.",
        ["The U.S.-led coalition grew.", "It now has 50 members."],
    ),
    (
        "p.m. before a name",
        "The strike hit at 5 p.m. Moscow time. It killed three.",
        ["The strike hit at 5 p.m. Moscow time.", "It killed three."],
    ),
    (
        "p.m. ends a sentence",
        "The strike hit at 5 p.m. The next one came at dawn.",
        ["The strike hit at 5 p.m.", "The next one came at dawn."],
    ),
    (
        "months before days",
        "The attack happened on Jan. 5 near Kursk. Another followed on Feb. 12.",
        ["The attack happened on Jan. 5 near Kursk.", "Another followed on Feb. 12."],
    ),
    (
        "Sept. before a year",
        "He arrived in Sept. 2024 and left. Then he returned.",
        ["He arrived in Sept. 2024 and left.", "Then he returned."],
    ),
    (
        "month ends a sentence",
        "The talks ended in Dec. Russia then moved more troops.",
        ["The talks ended in Dec.", "Russia then moved more troops."],
    ),
    (
        "No. before a number",
        "He lives at No. 10 Downing Street. It is old.",
        ["He lives at No. 10 Downing Street.", "It is old."],
    ),
    (
        "No. as a word in quotes",
        '"Will he go?" "No." He stayed home.',
        ['"Will he go?"', '"No."', "He stayed home."],
    ),
    (
        "vs.",
        "It was Russia vs. Ukraine in the final. Russia lost.",
        ["It was Russia vs. Ukraine in the final.", "Russia lost."],
    ),
    (
        "etc. ends a sentence",
        "They sent shells, rockets, etc. Moscow paid in oil.",
        ["They sent shells, rockets, etc.", "Moscow paid in oil."],
    ),
    (
        "etc. mid-sentence",
        "They sent shells, rockets, etc. to the front.",
        ["They sent shells, rockets, etc. to the front."],
    ),
    (
        "e.g. and i.e.",
        "Some weapons, e.g. Drones, were new. Others, i.e. Shells, were old.",
        ["Some weapons, e.g. Drones, were new.", "Others, i.e. Shells, were old."],
    ),
    (
        "Inc. ends a sentence",
        "The deal was announced by Acme Inc. The shares rose.",
        ["The deal was announced by Acme Inc.", "The shares rose."],
    ),
    (
        "Corp. and Ltd. before names",
        "Acme Corp. Chief Executive Jane Doe and Hanwha Ltd. Director Kim met. They agreed.",
        ["Acme Corp. Chief Executive Jane Doe and Hanwha Ltd. Director Kim met.", "They agreed."],
    ),
    (
        "Co. ends a sentence",
        "The drones were made by Hyundai Motor Co. It denied this.",
        ["The drones were made by Hyundai Motor Co.", "It denied this."],
    ),
    (
        "Jr.",
        "Martin Luther King Jr. Day is a holiday. It falls in January.",
        ["Martin Luther King Jr. Day is a holiday.", "It falls in January."],
    ),
    (
        "approx.",
        "The convoy carried approx. 300 soldiers. It was attacked.",
        ["The convoy carried approx. 300 soldiers.", "It was attacked."],
    ),
    (
        "middle initial",
        "George W. Bush met Kim Dae-jung. They disagreed.",
        ["George W. Bush met Kim Dae-jung.", "They disagreed."],
    ),
    (
        "several initials",
        "J. R. R. Tolkien wrote it. The book sold well.",
        ["J. R. R. Tolkien wrote it.", "The book sold well."],
    ),
    (
        "initial A after an initial",
        "The report by J. A. Smith was published. It drew criticism.",
        ["The report by J. A. Smith was published.", "It drew criticism."],
    ),
    (
        "single letter ends a sentence",
        "The unit was called Group B. The group fought in Kursk.",
        ["The unit was called Group B.", "The group fought in Kursk."],
    ),
    (
        "decimals and percentages",
        "Seoul provided $2.3 billion in aid. Exports rose 3.5% in May.",
        ["Seoul provided $2.3 billion in aid.", "Exports rose 3.5% in May."],
    ),
    (
        "thousands separators",
        "About 11,000 troops were sent. Of these, 300 died.",
        ["About 11,000 troops were sent.", "Of these, 300 died."],
    ),
    (
        "sentence starting with a number",
        "The war began in 2022. 300 soldiers died in the first week.",
        ["The war began in 2022.", "300 soldiers died in the first week."],
    ),
    (
        "ellipsis mid-sentence",
        "He paused... and then he spoke.",
        ["He paused... and then he spoke."],
    ),
    (
        "ellipsis ends a sentence",
        "He paused... Then he spoke.",
        ["He paused...", "Then he spoke."],
    ),
    (
        "unicode ellipsis",
        "The talks stalled… Officials blamed Moscow.",
        ["The talks stalled…", "Officials blamed Moscow."],
    ),
    (
        "ellipsis inside a word run",
        "Credit...Chung Sung-Jun/Getty Images. The photo was old.",
        ["Credit...Chung Sung-Jun/Getty Images.", "The photo was old."],
    ),
    (
        "straight quote after the stop",
        'He said "yes." Then he left.',
        ['He said "yes."', "Then he left."],
    ),
    (
        "curly quote after the stop",
        "He said “we will win.” Then he left.",
        ["He said “we will win.”", "Then he left."],
    ),
    (
        "single curly quote after the stop",
        "She called it ‘a test.’ Analysts agreed.",
        ["She called it ‘a test.’", "Analysts agreed."],
    ),
    (
        "guillemet after the stop",
        "Il a dit «oui.» Puis il est parti.",
        ["Il a dit «oui.»", "Puis il est parti."],
    ),
    (
        "quote closes after an abbreviation",
        "“We are ready to help the U.S.” Officials in Seoul agreed.",
        ["“We are ready to help the U.S.”", "Officials in Seoul agreed."],
    ),
    (
        "bracket after the stop",
        "The missiles were accurate (according to Reuters.) Kyiv disagreed.",
        ["The missiles were accurate (according to Reuters.)", "Kyiv disagreed."],
    ),
    (
        "square bracket after the stop",
        "The report was clear [see the annex.] Officials agreed.",
        ["The report was clear [see the annex.]", "Officials agreed."],
    ),
    (
        "parenthesised sentence",
        "He left. (He returned later.) The end.",
        ["He left.", "(He returned later.)", "The end."],
    ),
    (
        "question and exclamation marks",
        "Will Russia pay? Nobody knows! Why would it?!",
        ["Will Russia pay?", "Nobody knows!", "Why would it?!"],
    ),
    (
        "quoted question then lowercase",
        "“Who knows?” asked the minister. It was unclear.",
        ["“Who knows?” asked the minister.", "It was unclear."],
    ),
    (
        "quoted exclamation",
        '"Fire!" The troops ran.',
        ['"Fire!"', "The troops ran."],
    ),
    (
        "ends in a closing quote",
        "Kim called the alliance “invincible.”",
        ["Kim called the alliance “invincible.”"],
    ),
    (
        "quote then full stop",
        "It was “an example of capability enhancement”. Analysts agreed.",
        ["It was “an example of capability enhancement”.", "Analysts agreed."],
    ),
    (
        "credit aside stays with its sentence",
        "Kim observed a drill on March 18, 2024. (KCNA)\nThe drill was a success.",
        ["Kim observed a drill on March 18, 2024. (KCNA)", "The drill was a success."],
    ),
    (
        "heading without a full stop",
        "Kim Unveils New Drones\nNorth Korea showed off two drones. They flew.",
        ["Kim Unveils New Drones", "North Korea showed off two drones.", "They flew."],
    ),
    (
        "heading before a quote",
        "Kim Speaks\n“We will win,” he said.",
        ["Kim Speaks", "“We will win,” he said."],
    ),
    (
        "heading before a number",
        "Casualty Figures\n300 troops were killed.",
        ["Casualty Figures", "300 troops were killed."],
    ),
    (
        "hard-wrapped paragraph",
        "North Korea has sent about 11,000 troops to\n"
        "Russia, officials in Seoul said on Wednesday.\n"
        "The troops are fighting in the Kursk region\nalongside Russian forces.",
        [
            "North Korea has sent about 11,000 troops to Russia, officials in Seoul said on "
            "Wednesday.",
            "The troops are fighting in the Kursk region alongside Russian forces.",
        ],
    ),
    (
        "hard-wrapped paragraph under a short heading",
        "Troops Return\nNorth Korean troops have returned to combat in\nthe Kursk region after a "
        "brief pause, Ukraine\nsaid. Officials did not say how many.",
        [
            "Troops Return",
            "North Korean troops have returned to combat in the Kursk region after a brief "
            "pause, Ukraine said.",
            "Officials did not say how many.",
        ],
    ),
    (
        "hard-wrapped paragraph under a title-case heading",
        "North Korea Increases Military Support to Russia\nNorth Korea has supplied about 200 "
        "artillery\npieces to Russia, the ministry said. It may send\nmore.",
        [
            "North Korea Increases Military Support to Russia",
            "North Korea has supplied about 200 artillery pieces to Russia, the ministry said.",
            "It may send more.",
        ],
    ),
    (
        "hard-wrapped title at a line end",
        "North Korea's envoy met Mr.\nPutin's aide on Friday and said\nlittle. The aide left.",
        ["North Korea's envoy met Mr. Putin's aide on Friday and said little.", "The aide left."],
    ),
    (
        "hard-wrapped line ending in a function word",
        "The troops were sent by\nPresident Kim on Friday.",
        ["The troops were sent by President Kim on Friday."],
    ),
    (
        "hard-wrapped line before a capitalised name",
        "The missiles were fired on Tuesday from a site near\nPyongyang, officials said. They "
        "landed in the\nsea.",
        [
            "The missiles were fired on Tuesday from a site near Pyongyang, officials said.",
            "They landed in the sea.",
        ],
    ),
    (
        "hard-wrapped abbreviation at a line end",
        "The drones were bought in the U.S.\nPresident Yoon did not comment on the\ndeal.",
        ["The drones were bought in the U.S. President Yoon did not comment on the deal."],
    ),
    (
        "hard-wrapped hyphenation",
        "The missiles were short-\nrange and accurate. They hit.",
        ["The missiles were short- range and accurate.", "They hit."],
    ),
    (
        "colon at a line end",
        "He said:\n“We will win.”",
        ["He said: “We will win.”"],
    ),
    (
        "paragraph per line ending in an abbreviation",
        "Weapons were shipped to the U.S.\nPresident Trump said nothing.",
        ["Weapons were shipped to the U.S.", "President Trump said nothing."],
    ),
    (
        "paragraph per line missing its full stop",
        "North Korea deployed about 3,000 more troops to Russia in January and February, "
        "according to South Korea's latest assessment\nThe military said so on Thursday.",
        [
            "North Korea deployed about 3,000 more troops to Russia in January and February, "
            "according to South Korea's latest assessment",
            "The military said so on Thursday.",
        ],
    ),
    (
        "newline after a full stop",
        "The first paragraph ends here.\nby Staff Reporters",
        ["The first paragraph ends here.", "by Staff Reporters"],
    ),
    (
        "blank line ends a sentence",
        "Share this article\n\nFacebook Twitter",
        ["Share this article", "Facebook Twitter"],
    ),
    (
        "blank line splits even mid-sentence",
        "The troops were sent to\n\nthe front.",
        ["The troops were sent to", "the front."],
    ),
    (
        "numbered list",
        "1. The first item.\n2. The second item.",
        ["1. The first item.", "2. The second item."],
    ),
    (
        "lone punctuation line",
        "The end.\n*\nNext part.",
        ["The end.", "*", "Next part."],
    ),
    (
        "surrounding white space",
        "  Leading and trailing spaces.   Another one.  ",
        ["Leading and trailing spaces.", "Another one."],
    ),
    (
        "CRLF line endings",
        "First line.\r\nSecond line.\r\n\r\nThird.",
        ["First line.", "Second line.", "Third."],
    ),
    (
        "non-Latin capitals",
        "Он ушёл. Она осталась.",
        ["Он ушёл.", "Она осталась."],
    ),
]


def split(text: str) -> list[str]:
    return [collapse_whitespace(text[s:e]) for s, e in sentence_spans(text)]


def make_article(raw: str, furniture: dict[int, str] | None = None, id: str = "000") -> Article:
    """An Article shaped like ingest's: "\\n" body, body->raw offsets, one Line per body line."""
    furniture = furniture or {}
    body_chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(raw):
        offsets.append(i)
        if raw[i] == "\r":
            body_chars.append("\n")
            i += 2 if raw[i + 1 : i + 2] == "\n" else 1
        else:
            body_chars.append(raw[i])
            i += 1
    offsets.append(len(raw))
    body = "".join(body_chars)
    lines = []
    start = 0
    for number, text in enumerate(body.split("\n")):
        lines.append(Line(start, start + len(text), furniture.get(number)))
        start += len(text) + 1
    return Article(
        id=id,
        path=f"{id}.txt",
        raw=raw,
        body=body,
        offsets=tuple(offsets),
        lines=tuple(lines),
        format="txt",
    )


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sentence_case(name: str, text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_case_table_accuracy() -> None:
    assert len(CASES) >= 40
    wrong = [name for name, text, expected in CASES if split(text) != expected]
    accuracy = (len(CASES) - len(wrong)) / len(CASES)
    print(f"segmentation accuracy: {len(CASES) - len(wrong)}/{len(CASES)} = {accuracy:.1%}")
    assert accuracy == 1.0, f"wrong cases: {wrong}"


def test_spans_are_stripped_and_index_the_text() -> None:
    text = "  One.  Two?\n\n  Three!  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two?", "Three!"]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(" \n\t\n\u00a0 ") == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*'aB1 .?!…"”’)(\n\r\t,-\u00a0', "U.S.", "Mr.", "\n\n"])).map("".join)
)
def test_spans_partition_all_content(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. troops", ["U.S.", "troops"]),
        ("Kim's short-range KN-23", ["Kim's", "short-range", "KN-23"]),
        ("Kim’s aide", ["Kim’s", "aide"]),
        (
            "about 11,000 troops, 2.3 billion, 3.5%.",
            ["about", "11,000", "troops", "2.3", "billion", "3.5"],
        ),
        ("$2.3 billion (ISW) — “yes”", ["2.3", "billion", "ISW", "yes"]),
        ("Mr. Kim met Gen. Lee, etc.", ["Mr.", "Kim", "met", "Gen.", "Lee", "etc."]),
        ("the troops’ losses", ["the", "troops", "losses"]),
        ("e.g. drones", ["e.g.", "drones"]),
        ("said no. Then", ["said", "no", "Then"]),
        ("ukrinform.net 1950–53", ["ukrinform", "net", "1950", "53"]),
        ("1,000. Then", ["1,000", "Then"]),
    ],
)
def test_word_tokens(text: str, expected: list[str]) -> None:
    assert word_tokens(text) == expected


def test_collapse_whitespace_handles_unicode_space() -> None:
    assert collapse_whitespace(" a\u00a0\u00a0b\r\n\tc\u2009d  ") == "a b c d"


def test_tokenizer_interface() -> None:
    tokenizer = Tokenizer()
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("Mr. Kim left.\n*\nHe   came back.") == (
        "Mr. Kim left.",
        "He came back.",
    )
    assert tokenizer.to_words("The U.S. sent 11,000 troops.") == (
        "The",
        "U.S.",
        "sent",
        "11,000",
        "troops",
    )


def test_tokenizer_drives_a_real_sumy_summarizer_without_nltk_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import nltk
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    monkeypatch.setattr(nltk.data, "path", [])  # any lookup of NLTK data would now fail
    tokenizer = Tokenizer()
    text = SEEDS[1].read_text(encoding="utf-8")
    paragraphs = [
        Paragraph([SumySentence(s, tokenizer) for s in tokenizer.to_sentences(block)])
        for block in text.split("\n\n")
        if block.strip()
    ]
    document = ObjectDocumentModel(paragraphs)
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    chosen = summarizer(document, 3)
    assert len(chosen) == 3
    all_sentences = [str(s) for s in document.sentences]
    assert all(str(s) in all_sentences for s in chosen)
    assert any("U.S." in w or w == "KN-23" for s in document.sentences for w in s.words)


def _check_sentences_slice_back(article: Article) -> None:
    sentences = segment(article)
    assert sentences, "no sentences"
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end = 0
    for sentence in sentences:
        assert sentence.source == article.id
        assert previous_end <= sentence.start < sentence.end
        piece = article.raw[sentence.start : sentence.end]
        assert collapse_whitespace(piece) == sentence.text
        assert piece == piece.strip()
        previous_end = sentence.end
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs[0] == 0
    assert all(0 <= b - a <= 1 for a, b in pairwise(paragraphs))


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_sentences_slice_back_exactly(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    article = make_article(raw)
    _check_sentences_slice_back(article)
    sentences = segment(article)
    # every letter and digit of the source lies in exactly one sentence
    covered = [False] * len(raw)
    for s in sentences:
        for i in range(s.start, s.end):
            assert not covered[i]
            covered[i] = True
    assert all(covered[m.start()] for m in re.finditer(r"[^\W_]", raw))
    # no sentence is cut after a title, and none starts in the middle of a sentence
    assert not any(re.search(r"\b(?:Mr|Mrs|Dr|Gen|St)\.$", s.text) for s in sentences)
    assert not any(s.text[0].islower() and not s.text.startswith("by ") for s in sentences)
    assert all(s.furniture is None for s in sentences)


def test_seeds_known_tricky_spots() -> None:
    texts = [s.text for path in SEEDS for s in segment(make_article(path.read_text("utf-8")))]
    assert any("U.S. President Donald Trump" in t for t in texts)
    assert any("Vladimir V. Putin of Russia" in t for t in texts)
    assert any(t.startswith("However, North Korean authorities") for t in texts)
    assert not any("\n" in t for t in texts)


def test_crlf_article_maps_spans_through_offsets() -> None:
    raw = (
        "Kim Unveils Drones\r\n\r\nMr. Kim met with\r\nGen. Lee. They talked.\r\nEnd of story.\r\n"
    )
    article = make_article(raw)
    assert article.offsets != tuple(range(len(raw) + 1))
    _check_sentences_slice_back(article)
    sentences = segment(article)
    assert [s.text for s in sentences] == [
        "Kim Unveils Drones",
        "Mr. Kim met with Gen. Lee.",
        "They talked.",
        "End of story.",
    ]
    assert raw[sentences[1].start : sentences[1].end] == "Mr. Kim met with\r\nGen. Lee."
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


def test_furniture_lines_are_segmented_alone_and_marked() -> None:
    raw = (
        "Share this article\nNorth Korea sent troops.\nRead more: Kim visits. Again.\nThey fought."
    )
    article = make_article(raw, furniture={0: "share", 2: "related"})
    sentences = segment(article)
    assert [(s.text, s.furniture) for s in sentences] == [
        ("Share this article", "share"),
        ("North Korea sent troops.", None),
        ("Read more: Kim visits.", "related"),
        ("Again.", "related"),
        ("They fought.", None),
    ]
    assert [s.index for s in sentences] == [0, 1, 2, 3, 4]


def test_content_run_spans_blank_lines_and_paragraphs_count() -> None:
    raw = "One. Two.\n\nThree\n*\nFour. Five.\nSix."
    sentences = segment(make_article(raw))
    assert [s.text for s in sentences] == ["One.", "Two.", "Three", "Four.", "Five.", "Six."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2, 3]


def test_spans_without_letters_or_digits_are_skipped() -> None:
    sentences = segment(make_article("—\n\nReal sentence.\n* * *\n…"))
    assert [s.text for s in sentences] == ["Real sentence."]
    assert sentences[0].index == 0


def test_collapse_whitespace_handles_every_white_space_character():
    """The fast path for text without runs must not skip any kind of white space."""
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20
    for space in spaces:
        assert collapse_whitespace(f"a{space}b") == "a b", hex(ord(space))
        assert collapse_whitespace(f" a {space}b{space}") == "a b", hex(ord(space))
    assert collapse_whitespace("  a  b ") == "a b"
    assert collapse_whitespace("a b") == "a b"


def test_written_words_are_the_word_tokens_without_kept_periods() -> None:
    """Readability counts the words of a whole article with the cheaper ``written_words``."""
    text = "Gen. Smith met U.S. officials at 3.30 p.m.; Kim's short-range 11,000 troops, etc. left."
    tokens, written = word_tokens(text), written_words(text)
    assert len(tokens) == len(written)
    assert all(t in (w, w + ".") for t, w in zip(tokens, written, strict=True))
    assert ("Gen.", "Gen") in zip(tokens, written, strict=True)  # a kept period is the difference
    assert "U.S." in written and "11,000" in written
