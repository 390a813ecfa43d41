"""Small helpers shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator


def json_quotes(node: object) -> Iterator[dict]:
    """Every quote in a JSON briefing: summaries, digest, theme cells, notes, figure mentions."""
    if isinstance(node, dict):
        if {"source", "text", "span"} <= node.keys():
            yield node
        for value in node.values():
            yield from json_quotes(value)
    elif isinstance(node, list):
        for value in node:
            yield from json_quotes(value)
