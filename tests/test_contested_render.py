"""Contested statements as a reader sees them: in Markdown, HTML and the claims view."""

from __future__ import annotations

import pytest

from summarizer import brief
from summarizer.models import Briefing
from summarizer.render import render_briefing
from summarizer.render.claims import briefing_claims

KURSK = "Ukrainian officials said North Korean troops were fighting alongside Russian troops."
FAKE = (
    "Russia called reports that North Korean troops were fighting alongside its troops fake news."
)


@pytest.fixture(scope="module")
def contested_briefing(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    # Two sources, no figures at all: the divergence section must still show the contest.
    tmp_path = tmp_path_factory.mktemp("contested")
    for name, text in (("000.txt", KURSK), ("001.txt", FAKE)):
        (tmp_path / name).write_text(f"Troops in Kursk\n\n{text}\n", encoding="utf-8")
    briefing = brief(tmp_path)
    assert briefing.contested and not briefing.figures
    return briefing


def test_markdown_lists_each_side_with_its_quote_under_divergence(
    contested_briefing: Briefing,
) -> None:
    text = render_briefing(contested_briefing, "md")
    section = text.split("## Where the sources diverge", 1)[1].split("\n## ", 1)[0]
    assert "**Contested statement** — _Tool note:_" in section
    assert "_asserts_ (Ukrainian officials):" in section
    assert "_denies_ (Russia):" in section
    # Each quote on its own list line, verbatim, with source and span.
    quote_lines = [line.strip() for line in section.splitlines() if line.strip().startswith("- “")]
    assert len(quote_lines) == 2
    assert quote_lines[1].startswith("- “Russia called reports") and "[001 · " in quote_lines[1]


def test_html_shows_the_contest_and_links_it_from_the_contents(
    contested_briefing: Briefing,
) -> None:
    page = render_briefing(contested_briefing, "html")
    assert '<a href="#divergence">' in page and '<a href="#figures">' not in page
    section = page.split('<section id="divergence">', 1)[1].split("</section>", 1)[0]
    assert section.count("<li><strong>") == 2  # asserts and denies
    assert "Russia called reports that North Korean troops" in section
    assert "<q>" not in section  # the browser would add a second pair of marks


def test_a_claim_on_a_side_of_a_contest_is_marked_disputed(contested_briefing: Briefing) -> None:
    claims = [claim for row in briefing_claims(contested_briefing) for claim in row]
    disputed = [claim for claim in claims if claim.disputed]
    assert disputed and all(claim.contested for claim in disputed)
    assert {claim.quote.text for claim in disputed} <= {KURSK, FAKE}
