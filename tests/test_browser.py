"""The HTML briefing in a real browser: headless Chromium (Debian's chromium and
chromium-driver) through Selenium, at a phone's 400 px and a desktop's 1400 px.

Briefings of 1, 5 (the seeds), 12 and 60 sources. The larger sets come from the shared ECB+
corpus beside the repository (``../shared/corpora``, as CI lays it out), else they are made
from the seeds. These tests skip only when no browser is installed, and say so.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import brief, render_briefing
from summarizer.render import briefing_to_dict

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ECBPLUS = REPO.parent / "shared" / "corpora" / "ecbplus" / "articles.jsonl"
WIDTHS = (400, 1400)
SIZES = (1, 5, 12, 60)
MAX_SEED_PAGES = 6  # the five seeds on A4


def browser_paths() -> tuple[str | None, str | None]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    return chromium, shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium, driver_path = browser_paths()
    if not chromium or not driver_path:
        reason = "no browser installed: apt-get install chromium chromium-driver"
        print(f"\nbrowser tests skipped: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def shared_articles(count: int) -> list[dict[str, object]]:
    """``count`` ECB+ articles: two event topics, with their outlets and dates where known."""
    rows = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in rows if r["topic"] == 1] + [r for r in rows if r["topic"] == 13]
    keys = ("id", "title", "outlet", "date", "url", "text")
    return [{key: row[key] for key in keys} for row in chosen[:count]]


def seed_articles(count: int) -> list[dict[str, object]]:
    """``count`` distinct articles cut from the seeds' paragraphs (when no shared corpus)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [[line for line in text.splitlines() if line.strip()] for text in seeds]
    articles = []
    for i in range(count):
        lines = paragraphs[i % len(paragraphs)]
        shift = i // len(paragraphs)
        body = lines[shift % len(lines) :] + lines[: shift % len(lines)]
        articles.append(
            {
                "id": f"s{i:03d}",
                "title": f"Article {i}",
                "outlet": f"Outlet {i % 7}",
                "date": f"2025-01-{1 + i % 28:02d}",
                "text": "\n\n".join(body[: max(4, len(body) - shift % 3)]),
            }
        )
    return articles


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, dict]]:
    """For each size: the HTML briefing's path and its JSON form."""
    folder = tmp_path_factory.mktemp("briefings")
    inputs: dict[int, object] = {1: sorted(SEEDS.glob("*.txt"))[0], 5: SEEDS}
    for size in (12, 60):
        articles = shared_articles(size) if ECBPLUS.is_file() else seed_articles(size)
        path = folder / f"set{size}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        inputs[size] = path
    made = {}
    for size, path in inputs.items():
        briefing = brief(path)
        assert len(briefing.sources) == size
        html = folder / f"briefing-{size}.html"
        html.write_text(render_briefing(briefing, "html"), encoding="utf-8")
        made[size] = (html, briefing_to_dict(briefing))
    return made


def flat(text: str) -> str:
    return " ".join(text.split())


# Every quote's text element (class "q"), whether it lies in a closed <details>, whether it is
# rendered at all, and whether it reaches past the right edge of the viewport.
QUOTES_SCRIPT = """
return Array.from(document.querySelectorAll('.q')).map(function (el) {
  var box = el.getBoundingClientRect();
  var folded = el.closest('details:not([open])') !== null;
  var style = window.getComputedStyle(el);
  return [el.textContent, folded, el.getClientRects().length > 0 && style.visibility !== 'hidden',
          box.right <= window.innerWidth + 1];
});
"""


def open_page(driver, path: Path, width: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(path.as_uri())


def expected_quotes(data: dict) -> tuple[set[str], set[str]]:
    """Quotes the page must show (the digest, each theme's first claim), and all it must hold."""
    shown = {flat(q["text"]) for q in data["digest"]}
    held = set(shown)
    for theme in data["themes"]:
        for claim in theme["claims"]:
            held.add(flat(claim["quote"]["text"]))
            held.update(flat(q["text"]) for q in claim["wordings"])
        if theme["claims"]:
            shown.add(flat(theme["claims"][0]["quote"]["text"]))
    for source in data["sources"]:
        held.update(flat(q["text"]) for q in source["summary"])
    return shown, held


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("size", SIZES)
def test_briefing_reads_in_the_browser(browser, pages, size: int, width: int) -> None:
    path, data = pages[size]
    open_page(browser, path, width)

    overflow = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )
    assert overflow[0] <= overflow[1], f"{size} sources at {width} px: page scrolls sideways"

    quotes = browser.execute_script(QUOTES_SCRIPT)
    on_page = {flat(text) for text, *_ in quotes}
    shown, held = expected_quotes(data)
    assert held <= on_page, sorted(held - on_page)[:3]
    visible = {flat(text) for text, folded, rendered, inside in quotes if rendered and inside}
    assert shown <= visible, sorted(shown - visible)[:3]
    hidden = [text for text, folded, rendered, inside in quotes if not folded and not rendered]
    assert hidden == [], hidden[:3]
    cut = [text for text, folded, rendered, inside in quotes if rendered and not inside]
    assert cut == [], cut[:3]

    charts = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart')).map("
        "function (s) { var t = s.querySelector('title'); var b = s.getBoundingClientRect();"
        " return [t ? t.textContent : '', b.width, b.right <= window.innerWidth + 1]; });"
    )
    figure_charts = sum(1 for f in data["figures"] if len(f["mentions"]) >= 2)
    dates = {s["date"] for s in data["sources"] if s["date"]}
    assert len(charts) == 1 + figure_charts + (len(dates) >= 2)  # coverage, ranges, timeline
    assert all(title and shown_width > 100 and inside for title, shown_width, inside in charts)

    requests = [
        json.loads(entry["message"])["message"]
        for entry in browser.get_log("performance")
        if '"Network.requestWillBeSent"' in entry["message"]
    ]
    urls = {r["params"]["request"]["url"] for r in requests}
    assert urls <= {path.as_uri()}, urls
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_seed_briefing_prints_on_few_pages(browser, pages) -> None:
    from pypdf import PdfReader

    path, _ = pages[5]
    open_page(browser, path, 1400)
    pdf = browser.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4, from the page's @page rule
    print(f"\nthe seeds briefing prints on {len(reader.pages)} A4 pages")
    assert 2 <= len(reader.pages) <= MAX_SEED_PAGES
    text = "".join(page.extract_text() for page in reader.pages)
    # Every theme's heading is printed, and the folded single-source claims are printed too.
    assert re.search(r"Troop deployment", text) and "Other reporting" in text
