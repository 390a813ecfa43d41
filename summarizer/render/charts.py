"""Charts as inline SVG, made in Python: no JavaScript, no external request, readable in print.

Each chart is a ``Chart``: the SVG markup (every text in it escaped here, so article text stays
inert) and a one-line text alternative, which is also the SVG's ``<title>``. Marks are dark on
light with the numbers written beside them, so a grey-scale print loses nothing. Colours and
sizes come from ``summarizer/data/render.toml``.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Chart:
    """An SVG chart and its text alternative."""

    svg: Markup
    alt: str


@dataclass(frozen=True)
class RangeMark:
    """One reported value on a range chart: a point, or a bar from low to high."""

    label: str  # who reports it, e.g. "000 · Ukrinform"
    text: str  # the value as written, with its date when known
    value: float
    low: float | None  # None: unbounded below
    high: float | None  # None: unbounded above


@dataclass(frozen=True)
class TimelinePoint:
    """A dated source on the timeline."""

    date: str  # ISO 8601 YYYY-MM-DD
    label: str


@cache
def style() -> dict[str, Any]:
    """Chart and page colours and sizes (``summarizer/data/render.toml``)."""
    text = resources.files("summarizer").joinpath("data/render.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _svg(chart_id: str, width: float, height: float, alt: str, body: list[str]) -> Chart:
    """Wrap SVG elements: scales to its container, titled for screen readers."""
    head = (
        f'<svg class="chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" aria-labelledby="{escape(chart_id)}-t" '
        f'font-family="system-ui, sans-serif" font-size="{style()["chart"]["font_size"]}">'
        f'<title id="{escape(chart_id)}-t">{escape(alt)}</title>'
    )
    return Chart(Markup(head + "".join(body) + "</svg>"), alt)


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    extra = "".join(
        f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items()
    )
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- heat map -------------------------------------------------------------------------------


def heat_map(
    chart_id: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    what: str,
) -> Chart:
    """Rows x columns of counts as shaded cells, each with its number written in it."""
    config = style()["heat_map"]
    cell, label_width, head = config["cell"], config["label_width"], config["header"]
    width = label_width + cell * len(columns) + 4
    height = head + cell * len(rows) + 4
    peak = max((n for row in counts for n in row), default=0) or 1
    shades = config["shades"]
    body: list[str] = []
    for j, column in enumerate(columns):
        x = label_width + cell * j + cell / 2
        body.append(
            _text(x, head - 6, _clip(column, 14), transform=f"rotate(-50 {x:.1f} {head - 6})")
        )
    for i, (row, values) in enumerate(zip(rows, counts, strict=True)):
        y = head + cell * i
        body.append(_text(label_width - 6, y + cell * 0.65, _clip(row, 26), text_anchor="end"))
        for j, count in enumerate(values):
            x = label_width + cell * j
            level = (
                0
                if count == 0
                else 1 + min(len(shades) - 2, (count * (len(shades) - 1) - 1) // peak)
            )
            fill = shades[level]
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                f'stroke="#ffffff"><title>{escape(f"{row}, {columns[j]}: {count}")}</title></rect>'
            )
            ink = "#ffffff" if level >= len(shades) // 2 else "#1b1b1b"
            body.append(
                _text(x + cell / 2, y + cell * 0.68, str(count), text_anchor="middle", fill=ink)
            )
    alt = (
        f"Heat map of {what}: {len(rows)} themes by {len(columns)} columns; "
        f"darker cells hold more, the highest count is {peak}."
    )
    return _svg(chart_id, width, height, alt, body)


# --- range chart ----------------------------------------------------------------------------


def _nice_step(span: float, ticks: int = 5) -> float:
    """A 1, 2 or 5 times a power of ten step giving about ``ticks`` intervals over ``span``."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw)


def _tick_text(value: float) -> str:
    if abs(value) >= 1e9:
        return f"{value / 1e9:g}bn"
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}m"
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def range_chart(chart_id: str, measure: str, marks: Sequence[RangeMark]) -> Chart:
    """Every reported value of one figure group on a shared axis: a dot, or a bar for a range."""
    config = style()["range_chart"]
    width, row_height, margin = config["width"], config["row_height"], config["margin"]
    ends = [v for m in marks for v in (m.low, m.high, m.value) if v is not None]
    ends = [v for v in ends if math.isfinite(v)]
    low, high = min([*ends, 0.0]), max(ends, default=1.0)
    if high <= low:
        high = low + 1
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    left, right = margin + 4, width - margin - 18  # room for the end ticks' labels

    def x_of(value: float) -> float:
        return left + (right - left) * (value - low) / (high - low)

    body: list[str] = []
    axis_y = row_height * len(marks) + 8
    tick = low
    while tick <= high + step / 2:
        x = x_of(tick)
        body.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{axis_y:.1f}" stroke="{config["grid"]}"/>'
        )
        body.append(_text(x, axis_y + 14, _tick_text(tick), text_anchor="middle", fill="#444444"))
        tick += step
    ink = config["ink"]
    for i, mark in enumerate(marks):
        top = row_height * i
        body.append(_text(left, top + 14, _clip(f"{mark.label}: {mark.text}", 70)))
        y = top + 24
        start = mark.low if mark.low is not None else low
        stop = mark.high if mark.high is not None else high
        if mark.low is not None and mark.high is not None and mark.low < mark.high:
            bar = max(x_of(stop) - x_of(start), 2)
            left_end = x_of(start)
            body.append(
                f'<rect x="{left_end:.1f}" y="{y - 4}" width="{bar:.1f}" height="8" fill="{ink}"/>'
            )
        else:
            if mark.low is None or mark.high is None:  # open-ended: "at least", "up to"
                body.append(
                    f'<line x1="{x_of(start):.1f}" y1="{y}" x2="{x_of(stop):.1f}" y2="{y}" '
                    f'stroke="{ink}" stroke-width="2" stroke-dasharray="4 3"/>'
                )
            body.append(f'<circle cx="{x_of(mark.value):.1f}" cy="{y}" r="5" fill="{ink}"/>')
    values = "; ".join(f"{m.label}: {m.text}" for m in marks)
    alt = f"Range chart of {measure}, {len(marks)} reported values on one axis. {values}"
    return _svg(chart_id, width, axis_y + 20, alt, body)


# --- timeline -------------------------------------------------------------------------------


def timeline(chart_id: str, points: Sequence[TimelinePoint], label_up_to: int = 12) -> Chart:
    """The sources' publication dates on one axis. Up to ``label_up_to`` sources, when their
    names fit in a few rows, each is a named dot; else each day is a bar as tall as its count."""
    config = style()["timeline"]
    width, margin, step = config["width"], config["margin"], config["row_height"]
    days = sorted({dt.date.fromisoformat(p.date) for p in points})
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    per_day: dict[str, list[str]] = {}
    for point in sorted(points, key=lambda p: (p.date, p.label)):
        per_day.setdefault(point.date, []).append(point.label)

    def x_of(day: dt.date) -> float:
        return margin + (width - 2 * margin) * (day - first).days / span

    # A label takes the lowest level where it does not run into the label before it.
    level_ends: list[float] = []
    placed: list[tuple[float, int, str]] = []
    char = style()["chart"]["font_size"] * 0.6
    for date, labels in per_day.items():
        for label in labels:
            x, text = x_of(dt.date.fromisoformat(date)), _clip(label, 18)
            level = next((i for i, end in enumerate(level_ends) if end < x - 4), None)
            if level is None:
                level = len(level_ends)
                level_ends.append(0.0)
            level_ends[level] = x + 8 + char * len(text)
            placed.append((x, level, text))
    # Named marks while they fit in a few rows; else one bar per day, as tall as its count.
    named = len(points) <= label_up_to and len(level_ends) <= config["named_rows"]
    body: list[str] = []
    if named:
        axis_y = 12 + step * len(level_ends)
        for x, level, text in placed:
            y = axis_y - step * (level + 1) + 6
            body.append(f'<circle cx="{x:.1f}" cy="{y + 4:.1f}" r="4" fill="{config["ink"]}"/>')
            body.append(_text(x + 7, y + 8, text))
    else:
        tallest = max(len(labels) for labels in per_day.values())
        bar_room = config["bar_height"]
        axis_y = 18 + bar_room
        for date, labels in per_day.items():
            x = x_of(dt.date.fromisoformat(date))
            height = max(2.0, bar_room * len(labels) / tallest)
            tip = escape(f"{date}: {len(labels)} sources")
            body.append(
                f'<rect x="{x - 3:.1f}" y="{axis_y - height:.1f}" width="6" height="{height:.1f}" '
                f'fill="{config["ink"]}"><title>{tip}</title></rect>'
            )
            if len(labels) > 1:
                body.append(_text(x, axis_y - height - 3, str(len(labels)), text_anchor="middle"))
    body.insert(
        0,
        f'<line x1="{margin}" y1="{axis_y}" x2="{width - margin}" y2="{axis_y}" stroke="#444444"/>',
    )
    for day in sorted({first, last}):
        anchor = "start" if day == first else "end"
        body.append(_text(x_of(day), axis_y + 16, day.isoformat(), text_anchor=anchor))
    busiest = max(per_day.items(), key=lambda item: (len(item[1]), item[0]))
    alt = (
        f"Timeline of {len(points)} dated sources from {first.isoformat()} to {last.isoformat()};"
        f" the most on one day: {len(busiest[1])} on {busiest[0]}."
    )
    return _svg(chart_id, width, axis_y + 22, alt, body)
