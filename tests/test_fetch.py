"""URL inputs: fetched from a local HTTP server on 127.0.0.1, with every way a fetch can fail."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_offline import run_offline

from summarizer.errors import SummarizerError
from summarizer.ingest import load_articles
from summarizer.ingest.fetch import FetchError, fetch

PAGE = (
    b"<html><head><title>Troops cross the border | Example News</title>"
    b'<meta property="og:site_name" content="Example News">'
    b'<meta property="article:published_time" content="2025-03-27"></head>'
    b"<body><article><h1>Troops cross the border</h1>"
    b"<p>Troops crossed the border overnight, the ministry said on Thursday morning.</p>"
    b"<p>Officials expected more units to follow within days, according to the statement.</p>"
    b"</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        if self.path == "/page":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/moved":
            self._redirect("/page")
        elif self.path in ("/loop-a", "/loop-b"):
            self._redirect("/loop-b" if self.path == "/loop-a" else "/loop-a")
        elif self.path == "/pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not a page")
        elif self.path == "/huge-declared":
            self._send(200, "text/html", b"<p>" + b"x" * 20_000 + b"</p>")
        elif self.path == "/huge-streamed":  # no Content-Length: only reading can tell
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"<p>" + b"y" * 20_000 + b"</p>")
        elif self.path == "/slow":
            self.release.wait(10)  # stalls until the test is over; the client gives up first
        else:
            self._send(404, "text/html", b"<p>not here</p>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    """A local server; yields its base URL and the list of paths it was asked for."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    release = threading.Event()
    requests: list[str] = []
    handler = type("Handler", (_Handler,), {"release": release, "requests": requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    # serve_forever checks for shutdown every poll_interval (0.5 s by default): each test's
    # teardown would wait that long.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()


def test_url_is_read_as_a_saved_page(server) -> None:
    base, _ = server
    articles, warnings = load_articles([f"{base}/page"])
    (article,) = articles
    assert article.format == "html"
    assert article.title == "Troops cross the border"
    assert (article.outlet, article.date) == ("Example News", "2025-03-27")
    assert article.url == f"{base}/page"  # the page names no canonical URL: the fetched one
    assert "Troops crossed the border overnight" in article.raw
    assert warnings == ()


def test_a_redirect_within_the_limit_is_followed(server) -> None:
    base, requests = server
    final, data = fetch(f"{base}/moved", max_bytes=100_000, timeout=5)
    assert (final, data) == (f"{base}/page", PAGE)
    assert requests == ["/moved", "/page"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/pdf", "not a web page (content type application/pdf)"),
        ("/loop-a", "too many redirects (more than 5, or a loop)"),
        ("/huge-declared", "page is 20 KB, over the 5 KB limit for HTML"),
        ("/huge-streamed", "page is over the 5 KB limit for HTML"),
        ("/slow", "no answer within 0.3 s"),
    ],
)
def test_each_failed_fetch_is_one_line_naming_url_and_reason(server, path, reason) -> None:
    base, _ = server
    # Only the stalling page tests the timeout; the others get time to spare on a busy machine.
    timeout = 0.3 if path == "/slow" else 10
    with pytest.raises(FetchError) as raised:
        fetch(f"{base}{path}", max_bytes=5_000, timeout=timeout)
    message = str(raised.value)
    assert message.startswith(f"{base}{path}: {reason}")
    assert "\n" not in message


def test_a_failed_fetch_is_skipped_when_other_sources_remain(server, tmp_path: Path) -> None:
    base, _ = server
    local = tmp_path / "local.txt"
    local.write_text("A local story about the talks. It has two sentences.\n", encoding="utf-8")
    articles, warnings = load_articles(
        [f"{base}/missing", str(local), f"{base}/page"], fetch_timeout=5
    )
    assert [a.path for a in articles] == [str(local), f"{base}/page"]
    assert warnings == (f"skipped {base}/missing: HTTP 404 Not Found",)


def test_no_source_left_is_an_error(server) -> None:
    base, _ = server
    with pytest.raises(SummarizerError, match=r"^no readable articles among the inputs; skipped "):
        load_articles([f"{base}/missing", f"{base}/pdf"], fetch_timeout=5)


def test_offline_refuses_urls_without_connecting(server) -> None:
    base, requests = server
    with pytest.raises(SummarizerError, match=r"URLs are refused with --offline"):
        load_articles([f"{base}/page"], allow_network=False)
    assert requests == []


@pytest.mark.slow
def test_cli_offline_refuses_a_url_and_html_files_need_no_network(tmp_path: Path) -> None:
    done = run_offline(tmp_path, "brief", "--offline", "https://example.org/story")
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        "summarizer: error: https://example.org/story: URLs are refused with --offline; "
        "save the page and pass the file"
    )
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    done = run_offline(tmp_path, "inspect", str(page))
    assert done.returncode == 0, done.stderr.decode()
    assert b"Troops crossed the border overnight" in done.stdout
    assert not (tmp_path / "network-attempts.log").exists()  # trafilatura stays offline
