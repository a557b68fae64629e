"""One indicator's targets as a static SVG chart, drawn on the server (no JavaScript).

x is the target year, y the value; one series per plan, its points joined by a line,
coloured by the plan's level (the colours of the graph views) and told apart by the marker's
shape; a range ("80% đến 85%") is a vertical bar from its lower to its upper bound. Values
documents report as reached (results, actuals) are hollow rings in their document's colour,
beside the targets, with a line of their own in the legend. Each point is a link to the
clause it was read from and carries a <title> tooltip. Values in
different units never share an axis: ``charts`` draws one chart per unit.

Every piece of text that reaches the SVG (labels, tooltips, the unit, links) goes through
``_text`` or ``_attr`` (XML escaping, characters XML forbids dropped), so the result may be put
into a page as markup: a label like ``<script>`` arrives as ``&lt;script&gt;``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from visualisations.document_network import LEVEL_COLOURS

MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross")

# a narrow drawing with large type, so that scaled down to a 360px screen it stays legible
WIDTH = 480
PLOT_HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 16, 56     # margins around the plot area
LEGEND_LINE = 20
LEGEND_CHARS = 62                             # longer legend names are cut (whole name in the tooltip)
CHAR_WIDTH = 8                                # about the width of a digit at the chart's font size


@dataclass(frozen=True)
class Series:
    key: str            # the plan's IRI
    name: str           # the legend's words
    level: str          # a key of LEVEL_COLOURS


@dataclass(frozen=True)
class Point:
    series: str         # Series.key
    year: int
    value: float
    value_max: float | None = None
    href: str | None = None     # a path on this site: /documents/{id}?span=START-END#highlight
    tooltip: str = ""
    reference: float | None = None      # the parent document's target: a dashed line at its value
    reference_tooltip: str = ""


@dataclass(frozen=True)
class Texts:
    """The words of a chart, in the page's language."""
    title: str
    x_label: str
    y_label: str
    levels: dict[str, str]      # level key -> name
    number: Callable[[float], str] | None = None    # e.g. 99,5 in Vietnamese; default: number()
    actual: str = "result"      # the legend's words for the mark of a reported result


def number(value: float, lang: str = "vi") -> str:
    """99.5 as 99,5 (vi) or 99.5 (en); whole numbers without decimals; never an exponent."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def _clean(text: str) -> str:
    """Without the control characters XML 1.0 does not allow."""
    return "".join(ch for ch in str(text) if ch in "\t\n\r" or ord(ch) >= 0x20)


def _text(text: str) -> str:
    return escape(_clean(text))


def _attr(text: str) -> str:
    return escape(_clean(text), {'"': "&quot;", "'": "&#39;"})


def _safe_href(href: str | None) -> str | None:
    """Only links to this site's pages: a path, never a scheme such as javascript:."""
    if href and href.startswith("/") and not href.startswith("//"):
        return href
    return None


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _y_scale(values: list[float]) -> tuple[float, float, list[float]]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.05 or abs(low) * 0.05 or 1
    low, high = low - pad, high + pad
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if high - low < step * 2:
        low -= step
    ticks = []
    tick = low
    while tick <= high + step / 1000:
        ticks.append(round(tick, 10))
        tick += step
    return low, high, ticks


def _marker(shape: str, x: float, y: float, colour: str, css: str = "point") -> str:
    r = 5
    common = f'fill="{colour}" stroke="#ffffff" stroke-width="1.5" class="{css}"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {common}/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" {common}/>'
    corners = {
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "down": [(0, r + 1), (r + 1, -r), (-r - 1, -r)],
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        "cross": [(-2, -r), (2, -r), (2, -2), (r, -2), (r, 2), (2, 2), (2, r), (-2, r), (-2, 2), (-r, 2),
                  (-r, -2), (-2, -2)],
    }[shape]
    points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)
    return f'<polygon points="{points}" {common}/>'


def chart_svg(series: list[Series], points: list[Point], texts: Texts, chart_id: str = "chart",
              actuals: list[Point] | tuple = ()) -> str:
    """The chart as an SVG element (a string): scales with its viewBox, every text escaped.
    `points` are targets, `actuals` the results reported (hollow rings)."""
    if not points and not actuals:
        raise ValueError("a chart needs at least one point")
    fmt = texts.number or number
    everything = list(points) + list(actuals)
    keys = [s.key for s in series if any(p.series == s.key for p in everything)]
    shown = [s for s in series if s.key in keys]
    height = TOP + PLOT_HEIGHT + BOTTOM + LEGEND_LINE * (len(shown) + bool(actuals)) + 8
    years = sorted({p.year for p in everything})
    x_low, x_high = years[0] - 0.5, years[-1] + 0.5
    values = [p.value for p in everything] + [p.value_max for p in everything if p.value_max is not None] + \
        [p.reference for p in points if p.reference is not None]
    y_low, y_high, y_ticks = _y_scale(values)
    # room on the left for the widest tick label and the rotated axis label
    left = max(LEFT, 32 + CHAR_WIDTH * max(len(fmt(tick)) for tick in y_ticks))
    plot_w = WIDTH - left - RIGHT

    def x_of(year: float) -> float:
        return left + (year - x_low) / (x_high - x_low) * plot_w

    def y_of(value: float) -> float:
        return TOP + PLOT_HEIGHT - (value - y_low) / (y_high - y_low) * PLOT_HEIGHT

    # plans that share a year and value would hide each other: each series is nudged sideways
    spread = min(10.0, (x_of(x_low + 1) - x_of(x_low)) / (len(keys) + 1))
    nudge = {key: (i - (len(keys) - 1) / 2) * spread for i, key in enumerate(keys)}
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="target-chart" '
            f'role="group" aria-labelledby="{_attr(chart_id)}-title" font-family="DejaVu Sans, sans-serif" '
            f'font-size="13">'),
           f'<title id="{_attr(chart_id)}-title">{_text(texts.title)}</title>']
    # axes, grid and ticks
    out.append('<g class="axes" stroke="#9ca3af" stroke-width="1">')
    for tick in y_ticks:
        y = y_of(tick)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#e5e7eb"/>')
    out.append(f'<line x1="{left}" y1="{TOP + PLOT_HEIGHT}" x2="{WIDTH - RIGHT}" y2="{TOP + PLOT_HEIGHT}"/>')
    out.append(f'<line x1="{left}" y1="{TOP}" x2="{left}" y2="{TOP + PLOT_HEIGHT}"/>')
    out.append('</g>')
    out.append('<g class="ticks" fill="#374151">')
    for tick in y_ticks:
        out.append(f'<text x="{left - 6}" y="{y_of(tick) + 4:.1f}" text-anchor="end">{_text(fmt(tick))}</text>')
    for year in years:
        out.append(f'<text x="{x_of(year):.1f}" y="{TOP + PLOT_HEIGHT + 18}" text-anchor="middle">{year}</text>')
    out.append('</g>')
    out.append(f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{TOP + PLOT_HEIGHT + 40}" '
               f'text-anchor="middle">{_text(texts.x_label)}</text>')
    out.append(f'<text class="axis-label" x="14" y="{TOP + PLOT_HEIGHT / 2:.1f}" text-anchor="middle" '
               f'transform="rotate(-90 14 {TOP + PLOT_HEIGHT / 2:.1f})">{_text(texts.y_label)}</text>')
    # one series per plan
    for index, s in enumerate(shown):
        colour = LEVEL_COLOURS.get(s.level, LEVEL_COLOURS["unknown"])
        shape = MARKERS[index % len(MARKERS)]
        mine = sorted((p for p in points if p.series == s.key), key=lambda p: (p.year, p.value))
        out.append(f'<g class="series" data-level="{_attr(s.level)}">')
        if len(mine) > 1 and len({p.year for p in mine}) == len(mine):   # a line only through one value a year
            line = " ".join(f"{x_of(p.year) + nudge[s.key]:.1f},{y_of(p.value):.1f}" for p in mine)
            out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5" '
                       f'stroke-opacity="0.6"/>')
        for p in mine:
            x, y = x_of(p.year) + nudge[s.key], y_of(p.value)
            shapes = ""
            if p.value_max is not None:
                shapes += (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y_of(p.value_max):.1f}" '
                           f'stroke="{colour}" stroke-width="3"/>')
            if p.reference is not None:   # the target above: a dashed line across the year's slot
                half = min(30.0, (x_of(x_low + 1) - x_of(x_low)) / 3)
                shapes += (f'<line class="reference" x1="{x - half:.1f}" y1="{y_of(p.reference):.1f}" '
                           f'x2="{x + half:.1f}" y2="{y_of(p.reference):.1f}" stroke="{colour}" stroke-width="2" '
                           f'stroke-dasharray="4 3"><title>{_text(p.reference_tooltip)}</title></line>')
            shapes += _marker(shape, x, y, colour)
            tooltip = f"<title>{_text(p.tooltip)}</title>"
            href = _safe_href(p.href)
            if href:
                out.append(f'<a href="{_attr(href)}">{tooltip}{shapes}</a>')
            else:
                out.append(f'<g>{tooltip}{shapes}</g>')
        out.append('</g>')
    # results reported: hollow rings in the document's colour, beside the targets
    if actuals:
        colours = {s.key: LEVEL_COLOURS.get(s.level, LEVEL_COLOURS["unknown"]) for s in shown}
        out.append('<g class="actuals">')
        for p in sorted(actuals, key=lambda p: (p.year, p.value)):
            x, y = x_of(p.year) + nudge[p.series], y_of(p.value)
            colour = colours.get(p.series, LEVEL_COLOURS["unknown"])
            shapes = ""
            if p.value_max is not None:
                shapes += (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y_of(p.value_max):.1f}" '
                           f'stroke="{colour}" stroke-width="3" stroke-dasharray="3 2"/>')
            shapes += _actual_marker(x, y, colour)
            tooltip = f"<title>{_text(p.tooltip)}</title>"
            href = _safe_href(p.href)
            out.append(f'<a href="{_attr(href)}">{tooltip}{shapes}</a>' if href else f'<g>{tooltip}{shapes}</g>')
        out.append('</g>')
    # legend: marker, colour and the plan's name and level
    out.append('<g class="legend">')
    top = TOP + PLOT_HEIGHT + BOTTOM
    for index, s in enumerate(shown):
        y = top + index * LEGEND_LINE + 6
        colour = LEVEL_COLOURS.get(s.level, LEVEL_COLOURS["unknown"])
        full = f"{s.name} ({texts.levels.get(s.level, s.level)})"
        label = full if len(full) <= LEGEND_CHARS else full[:LEGEND_CHARS - 1] + "…"
        marker = _marker(MARKERS[index % len(MARKERS)], 14, y, colour, "legend-marker")
        out.append(f'<g><title>{_text(full)}</title>{marker}<text x="26" y="{y + 4}">{_text(label)}</text></g>')
    if actuals:
        y = top + len(shown) * LEGEND_LINE + 6
        out.append(f'<g class="legend-actual">{_actual_marker(14, y, "#374151", "legend-marker")}'
                   f'<text x="26" y="{y + 4}">{_text(texts.actual)}</text></g>')
    out.append('</g></svg>')
    return "\n".join(out)


def _actual_marker(x: float, y: float, colour: str, css: str = "actual") -> str:
    """A result's mark: a hollow ring, unlike any target's filled marker."""
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#ffffff" stroke="{colour}" stroke-width="2.5" '
            f'class="{css}"/>')


def by_unit(rows: list) -> list[tuple[str, list]]:
    """Targets (kg.commitments.ComparedTarget) grouped by unit (as written, case aside), the
    unit with most targets first."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.unit.strip().casefold(), []).append(row)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].unit.casefold()))
    return [(group[0].unit.strip(), group) for group in ordered]


@dataclass(frozen=True)
class Actual:
    """A result to draw beside the targets: its document as a series, and its point."""
    series: Series
    unit: str
    point: Point


def charts(rows: list, *, texts_for_unit, series_name, tooltip, href,
           actuals: list[Actual] | tuple = (), reference=None) -> list[dict]:
    """One chart per unit from kg.commitments.target_comparison rows: for each unit
    ``{"unit", "svg", "charted", "actuals", "without_year"}``. ``texts_for_unit(unit)`` gives
    the Texts; ``series_name(row)``, ``tooltip(row)`` and ``href(row)`` the words and link of
    a plan and a point; ``reference(row)``, when given, the value and tooltip of the target
    above the row's (a dashed line), or None. Targets without a year have no place on the x
    axis and are only counted. `actuals` (results, with a year) join the chart of their unit,
    or make one."""
    found = []
    units = by_unit(rows)
    keys = {unit.casefold() for unit, _ in units}
    units += [(a.unit.strip(), []) for a in _first_of_each_unit(actuals) if a.unit.strip().casefold() not in keys]
    for index, (unit, group) in enumerate(units):
        dated = [row for row in group if row.year is not None]
        mine = [a for a in actuals if a.unit.strip().casefold() == unit.casefold()]
        if not dated and not mine:
            found.append({"unit": unit, "svg": None, "charted": 0, "actuals": 0, "without_year": len(group)})
            continue
        series, seen = [], set()
        for row in dated:
            if row.plan not in seen:
                seen.add(row.plan)
                series.append(Series(row.plan, series_name(row), row.level))
        for actual in mine:
            if actual.series.key not in seen:
                seen.add(actual.series.key)
                series.append(actual.series)
        points = [Point(row.plan, row.year, row.value, row.value_max, href(row), tooltip(row),
                        *((reference and reference(row)) or (None, "")))
                  for row in dated]
        svg = chart_svg(series, points, texts_for_unit(unit), chart_id=f"chart-{index + 1}",
                        actuals=[a.point for a in mine])
        found.append({"unit": unit, "svg": svg, "charted": len(points), "actuals": len(mine),
                      "without_year": len(group) - len(dated)})
    return found


def _first_of_each_unit(actuals) -> list[Actual]:
    first: dict[str, Actual] = {}
    for actual in actuals:
        first.setdefault(actual.unit.strip().casefold(), actual)
    return list(first.values())


def value_text(value: float, value_max: float | None, unit: str, comparator: str | None, lang: str,
               comparators: dict[str, str]) -> str:
    """A target (or a result) as the page writes it: comparator, value or range, unit as written
    ("≥ 99,5%", "duy trì 100%", "10307 Người")."""
    text = number(value, lang)
    if value_max is not None:
        text += "–" + number(value_max, lang)
    unit = unit.strip()
    text += unit if unit == "%" else f" {unit}" if unit else ""
    written = comparators.get(comparator or "", "")
    return f"{written} {text}" if written else text
