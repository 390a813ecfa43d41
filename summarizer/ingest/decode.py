"""Bytes to text: binary detection, decoding, and normalisation with its offset map."""

from __future__ import annotations

import codecs
import re

from summarizer.errors import SummarizerError
from summarizer.models import OffsetMap

# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x7fELF", "ELF"),
)
# UTF-32 LE must be tried before UTF-16 LE: its BOM starts with the UTF-16 LE BOM.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def reject_binary(data: bytes, path: str) -> None:
    """Refuse images, archives, PDFs, executables and other non-text input."""
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise SummarizerError(f"{path}: looks like a binary file ({kind}), not an article")
    if any(data.startswith(bom) for bom, _encoding in _BOMS):
        return  # UTF-16/32 text legitimately contains NUL bytes
    head = data[:8192]
    if b"\x00" in head:
        odd_nuls = head[1::2].count(0)
        even_nuls = head[0::2].count(0)
        looks_utf16 = max(odd_nuls, even_nuls) > 0.4 * (len(head) / 2)
        kind = "NUL bytes; UTF-16 without a byte-order mark?" if looks_utf16 else "NUL bytes"
        raise SummarizerError(f"{path}: looks like a binary file ({kind}), not an article")


def _legacy_table() -> tuple[str, ...]:
    """Each byte as Windows-1252, or Latin-1 for the five bytes Windows-1252 leaves undefined."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return tuple(chars)


_LEGACY_CHARS = _legacy_table()


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (then Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_LEGACY_CHARS[byte] for byte in bad), error.end


codecs.register_error("summarizer-legacy", _legacy_bytes)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if Python knows it."""
    match = re.search(
        rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", data[:4096], re.I
    )
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes: BOM first, then UTF-8, then the page's charset, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as error:
                text = data[len(bom) :].decode(encoding, errors="replace")
                offset = error.start + len(bom)
                return text, [f"{path}: invalid {encoding} at byte {offset}; replaced with U+FFFD"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        first_bad = error.start
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), []
        except UnicodeDecodeError:
            pass
    # Per-byte fallback: a UTF-8 file with a few stray legacy bytes keeps its UTF-8 text, and
    # a pure Windows-1252 file decodes exactly as a whole-file cp1252 decode would.
    text = data.decode("utf-8", errors="summarizer-legacy")
    return text, [
        f"{path}: not valid UTF-8 (first bad byte at offset {first_bad}); "
        "read those bytes as Windows-1252"
    ]


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# Soft hyphen, zero-width and bidi controls, BOM, and C0/C1 control characters (not \t\n\r).
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_SPECIAL = re.compile(f"\r\n?|[{_INVISIBLE}{_CONTROLS}]+|[{_SPACES}]|[{_BREAKS}]")
_SPACE_CHARS = re.compile(f"[{_SPACES}]")
# Every character _SPECIAL can start a match at, as one class: most texts hold none and come
# back as they are, and one class is searched ten times faster than _SPECIAL's alternatives.
_ANY_SPECIAL = re.compile(f"[\r{_INVISIBLE}{_CONTROLS}{_SPACES}{_BREAKS}]")
# A lone surrogate (see printable): text that holds one cannot be written as UTF-8.
SURROGATE = re.compile("[\ud800-\udfff]")


def normalise(raw: str) -> tuple[str, OffsetMap]:
    """Build the body and its body->raw offset map in one linear pass.

    Unchanged characters map to themselves, so ``raw[offsets[i]] == body[i]`` for them; a
    CRLF's "\\n" maps to the LF, a lone CR and replaced spaces to themselves. The map is kept
    as runs of equal shift (``OffsetMap``), never one int per character.
    """
    if not _ANY_SPECIAL.search(raw):
        return raw, OffsetMap.identity(len(raw) + 1)
    parts: list[str] = []
    starts: list[int] = []  # body index where a run of equal (raw - body) shift begins
    shifts: list[int] = []
    length = 0  # of the body so far
    position = 0

    def run(raw_index: int) -> None:
        if not shifts or raw_index - length != shifts[-1]:
            starts.append(length)
            shifts.append(raw_index - length)

    for match in _SPECIAL.finditer(raw):
        start, end = match.span()
        if start > position:
            run(position)
            parts.append(raw[position:start])
            length += start - position
        first = raw[start]
        if first == "\r":
            run(end - 1)
            parts.append("\n")
            length += 1
        elif _SPACE_CHARS.match(first):
            run(start)
            parts.append(" ")
            length += 1
        elif first in _BREAKS:
            run(start)
            parts.append("\n")
            length += 1
        position = end
    if position < len(raw):
        run(position)
        parts.append(raw[position:])
        length += len(raw) - position
    run(len(raw))
    return "".join(parts), OffsetMap.from_runs(length + 1, starts, shifts)


def printable(text: str) -> str:
    """Replace lone surrogates with U+FFFD so the text can be written as UTF-8.

    They come from undecodable bytes in file names (Python's surrogateescape) and from
    unpaired "\\ud800"-style escapes in JSON; no other input yields them.
    """
    return SURROGATE.sub("\ufffd", text)


def line_spans(body: str) -> list[tuple[int, int]]:
    """Start/end of every line; a final newline does not open an empty last line."""
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(body)
    while start < length:
        end = body.find("\n", start)
        if end == -1:
            end = length
        spans.append((start, end))
        start = end + 1
    return spans or [(0, 0)]
