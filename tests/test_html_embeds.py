"""Text in running text beside an <svg>, <iframe> or <form> is kept, never lost with them.

The HTML parser puts article text inside these elements when the markup is unclosed (an
<iframe> then holds the rest of the page as text) or when a <form> closes the paragraph it
appears in. Page furniture made of them (icons, embeds, sign-up forms) still goes.
"""

from __future__ import annotations

import pytest

from summarizer.ingest import parse_article

LEAD = (
    "<p>The ministry confirmed the deployment of new units along the northern border.</p>"
    "<p>Residents of the border villages described convoys moving through the night.</p>"
    "<p>Satellite images published on Monday showed new positions near the river crossing.</p>"
)
CLOSING = "<p>Officials expect further announcements later this week from the capital.</p>"
MARKUP = {
    "unclosed svg": '<svg viewBox="0 0 9 9"><use href="#i"></use> that',
    "svg text": "<svg><title>Icon title</title><text>that</text></svg>",
    "unclosed iframe": '<iframe src="https://video.example/embed"> that',
    "closed iframe": '<iframe src="https://video.example/embed">Fallback</iframe> that',
    "form": '<form action="/vote"><input name="q"><button>Vote</button></form> that',
    "unclosed form": "<form> that",
}


def page(markup: str) -> bytes:
    middle = f"<p>The army said {markup} 300 soldiers were killed near the town.</p>"
    return f"<html><body><article>{LEAD}{middle}{CLOSING}</article></body></html>".encode()


def content_text(markup: str) -> str:
    article = parse_article(page(markup), path="embed.html", id="e")
    return " ".join(article.raw.split())


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_text_around_an_embed_in_a_paragraph_is_kept(name: str) -> None:
    text = content_text(MARKUP[name])
    assert "The army said" in text
    assert "that 300 soldiers were killed near the town." in text
    assert "Officials expect further announcements" in text  # nothing after it was swallowed
    # The markup itself, an svg's invisible title and a form's controls never become text.
    for leftover in ("<", "Icon title", "Vote", "video.example", "Fallback"):
        assert leftover not in text


def test_embeds_outside_running_text_are_still_page_furniture() -> None:
    furniture = (
        '<div class="chart"><svg><text>2019</text><text>2020</text></svg></div>'
        '<div><iframe src="https://ads.example/"></iframe></div>'
        "<form><label>Email</label><input><button>Sign up</button></form>"
    )
    body = f"<html><body><article>{LEAD}{furniture}{CLOSING}</article></body></html>"
    text = " ".join(parse_article(body.encode(), path="f.html", id="f").raw.split())
    assert "The ministry confirmed" in text and "Officials expect" in text
    for dropped in ("2019", "Sign up", "Email"):
        assert dropped not in text


def test_a_page_swallowed_by_an_unclosed_iframe_is_recovered_without_its_scripts() -> None:
    markup = "<iframe src=x> that<script>alert(1)</script><nav>Home | World</nav>"
    text = content_text(markup)
    assert "that 300 soldiers were killed near the town." in text
    assert "alert" not in text and "Home | World" not in text
