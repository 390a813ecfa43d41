"""The network edge: fetch a web page the user named by URL, within hard limits.

This is the only module that opens a connection, and only for URLs given on the command line.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from email.message import Message

from summarizer import __version__
from summarizer.errors import SummarizerError

from .paths import FETCH_TIMEOUT, MARKUP_FACTOR, format_size, is_url

__all__ = ["FETCH_TIMEOUT", "FetchError", "fetch", "is_url"]

MAX_REDIRECTS = 5
# What a saved web page may be served as; anything else (PDF, images, JSON APIs) is refused.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024


class FetchError(SummarizerError):
    """A URL could not be fetched; the message names the URL and the reason."""


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = FETCH_TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
) -> tuple[str, bytes]:
    """Fetch one web page: its final URL (after redirects) and its bytes.

    Refuses a response that is not HTML, larger than ``max_bytes``, slower than ``timeout``
    seconds in all, or redirected more than ``max_redirects`` times (which ends a loop).
    """
    opener = urllib.request.build_opener(_Redirects(max_redirects))
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"summarizer/{__version__} (+saved-page fetch)",
            "Accept": "text/html,application/xhtml+xml;q=0.9",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            _check_type(url, response.headers)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"{url}: page is {format_size(int(declared))}, over the {_limit(max_bytes)}"
                )
            data = _read_within(response, url, max_bytes, deadline, timeout)
            return response.geturl(), data
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FetchError(
                f"{url}: too many redirects (more than {max_redirects}, or a loop)"
            ) from None
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{url}: no answer within {timeout:g} s") from None
        raise FetchError(f"{url}: cannot fetch the page ({reason})") from None
    except (OSError, ValueError) as error:
        raise FetchError(f"{url}: cannot fetch the page ({error})") from None


def _check_type(url: str, headers: Message) -> None:
    kind = headers.get_content_type()
    if kind not in PAGE_TYPES:
        raise FetchError(f"{url}: not a web page (content type {kind})")


def _read_within(
    response: object, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    """Read the body in chunks, stopping at the size limit or the overall deadline."""
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: no answer within {timeout:g} s")
        # read1 returns what has arrived, so a server that trickles bytes meets the deadline.
        chunk = response.read1(_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"{url}: page is over the {_limit(max_bytes)}")
        chunks.append(chunk)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirect handling with our limit (urllib's own allows 10)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.max_redirections = limit
        self.max_repeats = 1  # the same URL twice is a loop


def _limit(max_bytes: int) -> str:
    return (
        f"{format_size(max_bytes)} limit for HTML ({MARKUP_FACTOR} × --max-bytes); "
        "raise it with --max-bytes"
    )
