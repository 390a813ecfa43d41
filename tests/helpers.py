"""Small helpers shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator

# A short English news story: the smallest input that briefs without any warning of its own.
STORY = (
    "Flood Waters Rise Across the Northern Valley\n\n"
    "Heavy rain pushed the river above its banks on Sunday, forcing about 4,000 residents to"
    " leave their homes, the regional government said.\n"
    "Emergency crews evacuated two hospitals and a school in the lower town, officials said.\n"
    "The governor said the army would send 300 soldiers to reinforce the levees.\n"
)


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
