"""CPU time of the theme stages (run: python bench/bench_themes.py FILE_OR_DIR...).

Tokenising the content sentences once (StemTable), matching the built-in themes, discovering
themes (NMF) and matching them: each timed with the process's CPU clock, which a busy machine
disturbs far less than wall time. Prints the seconds per stage and the discovered labels.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.api import load_articles  # noqa: E402
from summarizer.autothemes import discover_themes  # noqa: E402
from summarizer.pipeline import drop_identical  # noqa: E402
from summarizer.segment import segment  # noqa: E402
from summarizer.stemtable import StemTable  # noqa: E402
from summarizer.themes import builtin_themes, matched_share, theme_hits  # noqa: E402

T = TypeVar("T")


def timed(label: str, work: Callable[[], T]) -> T:
    """Run ``work``, print its CPU seconds under ``label``."""
    start = time.process_time()
    result = work()
    print(f"{label:<28} {time.process_time() - start:6.2f} s CPU")
    return result


def main(paths: list[str]) -> None:
    articles, _warnings = load_articles(paths, max_bytes=10**7)
    kept, _dropped = drop_identical(articles)
    content = [s for article in kept for s in segment(article) if s.furniture is None]
    print(f"{len(kept)} articles, {len(content)} content sentences")
    start = time.process_time()
    table = timed("stem table", lambda: StemTable.of([s.text for s in content]))
    builtin = builtin_themes()
    share = timed("built-in fit", lambda: matched_share(theme_hits(table, builtin.themes)))
    found = timed("discovery", lambda: discover_themes(content, table=table))
    timed("matching discovered themes", lambda: theme_hits(table, found.themes))
    print(f"{'total':<28} {time.process_time() - start:6.2f} s CPU")
    print(f"built-in fit {share:.0%}; themes: {', '.join(t.label for t in found.themes)}")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(ROOT / "seeds")])
