"""Charts of scores, drawn on the server as accessible SVG.

Each builder returns an inline ``<svg role="img">`` named by its ``<title>``
and described by its ``<desc>``; the page puts the same figures in a table
beside it, so nothing is only in the picture. No script, no web font: the
text uses the page's font. Geometry is kept in plain functions
(``bar_length``, ``series_points``) that the tests check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 56
BAR_HEIGHT = 22
BAR_GAP = 10
PADDING = 8
PLOT_HEIGHT = 220
AXIS_LEFT = 44
AXIS_BOTTOM = 28
# Dark enough on white for 3:1 (graphics) and 4.5:1 (text), and told apart by
# shape too: series differ by marker, level segments by their order.
COLOURS = ["#0b5394", "#b3261e", "#2e6b30", "#6a3d9a", "#8a4b08", "#1b1f24"]
LEVEL_COLOURS = ["#d9dee3", "#a9c4de", "#5b8fc2", "#0b5394", "#083a69", "#04213c"]
INK = "#1b1f24"
GRID = "#c8d0d8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | float | None


def bar_length(value: Decimal | float | None, *, top: float, width: float) -> float:
    """Return a bar's length for ``value`` on a scale of 0 to ``top``."""
    if value is None or top <= 0:
        return 0.0
    return round(max(0.0, min(float(value), top)) / top * width, 2)


def _number(value: Decimal | float | None) -> str:
    """Return a score as the reader writes numbers (50,0 in Spanish)."""
    if value is None:
        return "–"
    return number_format(Decimal(str(value)), decimal_pos=1)


def _frame(*, ident: str, title: str, desc: str, height: int, body: SafeString):
    return format_html(
        '<svg role="img" aria-labelledby="{ident}-title {ident}-desc"'
        ' viewBox="0 0 {width} {height}" width="100%" class="chart"'
        ' xmlns="http://www.w3.org/2000/svg">'
        '<title id="{ident}-title">{title}</title>'
        '<desc id="{ident}-desc">{desc}</desc>{body}</svg>',
        ident=ident,
        width=WIDTH,
        height=height,
        title=title,
        desc=desc,
        body=body,
    )


def bar_chart(
    bars: Sequence[Bar], *, ident: str, title: str, desc: str, top: float = 100
) -> SafeString:
    """Return horizontal bars, one per label, on a scale of 0 to ``top``."""
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = PADDING * 2 + len(bars) * (BAR_HEIGHT + BAR_GAP)
    rows = []
    for i, bar in enumerate(bars):
        y = PADDING + i * (BAR_HEIGHT + BAR_GAP)
        length = bar_length(bar.value, top=top, width=plot)
        rows.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}"'
                ' font-size="13">{label}</text>'
                '<rect x="{x}" y="{y}" width="{plot}" height="{h}" fill="none"'
                ' stroke="{grid}"/>'
                '<rect x="{x}" y="{y}" width="{length}" height="{h}"'
                ' fill="{colour}"/>'
                '<text x="{vx}" y="{ty}" fill="{ink}" font-size="13">{value}</text>',
                lx=LABEL_WIDTH - 8,
                ty=y + BAR_HEIGHT - 6,
                ink=INK,
                label=bar.label,
                x=LABEL_WIDTH,
                y=y,
                plot=plot,
                h=BAR_HEIGHT,
                grid=GRID,
                length=length,
                colour=COLOURS[0],
                vx=LABEL_WIDTH + plot + 6,
                value=_number(bar.value),
            )
        )
    return _frame(
        ident=ident,
        title=title,
        desc=desc,
        height=height,
        body=SafeString("".join(rows)),
    )


def series_points(
    values: Sequence[Decimal | float | None], *, top: float = 100
) -> list[tuple[float, float] | None]:
    """Return (x, y) per value in the plot area; None where a value is missing.

    Points are spread evenly from left to right (one per cycle); y grows
    downwards, so ``top`` is at the top of the plot.
    """
    plot_width = WIDTH - AXIS_LEFT - PADDING * 2
    count = len(values)
    points: list[tuple[float, float] | None] = []
    for i, value in enumerate(values):
        if value is None:
            points.append(None)
            continue
        x = AXIS_LEFT + PADDING + (plot_width * i / (count - 1) if count > 1 else 0)
        share = max(0.0, min(float(value), top)) / top if top > 0 else 0.0
        y = PADDING + (1 - share) * PLOT_HEIGHT
        points.append((round(x, 2), round(y, 2)))
    return points


def _marker(shape: int, x: float, y: float, colour: str) -> SafeString:
    if shape % 2:
        return format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>',
            round(x - 4, 2),
            round(y - 4, 2),
            colour,
        )
    return format_html('<circle cx="{}" cy="{}" r="4.5" fill="{}"/>', x, y, colour)


def time_series(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | float | None]]],
    *,
    ident: str,
    title: str,
    desc: str,
    top: float = 100,
) -> SafeString:
    """Return lines over cycles (``labels``), one per named series.

    A missing value breaks the line; every point has a marker, so that a
    single cycle still shows.
    """
    height = PADDING * 2 + PLOT_HEIGHT + AXIS_BOTTOM
    parts = []
    for tick in (0, 25, 50, 75, 100):
        y = round(PADDING + (1 - tick / 100) * PLOT_HEIGHT, 2)
        parts.append(
            format_html(
                '<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{grid}"/>'
                '<text x="{tx}" y="{ty}" text-anchor="end" fill="{ink}"'
                ' font-size="12">{label}</text>',
                x1=AXIS_LEFT,
                x2=WIDTH - PADDING,
                y=y,
                grid=GRID,
                tx=AXIS_LEFT - 6,
                ty=round(y + 4, 2),
                ink=INK,
                label=round(top * tick / 100),
            )
        )
    ticks = series_points([top] * len(labels), top=top)
    for label, point in zip(labels, ticks, strict=True):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}"'
                ' font-size="12">{}</text>',
                point[0] if point else 0,
                PADDING + PLOT_HEIGHT + AXIS_BOTTOM - 8,
                INK,
                label,
            )
        )
    for index, (_name, values) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = series_points(values, top=top)
        run: list[tuple[float, float]] = []
        for point in [*points, None]:
            if point is not None:
                run.append(point)
                continue
            if len(run) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}"'
                        ' stroke-width="2"/>',
                        " ".join(f"{x},{y}" for x, y in run),
                        colour,
                    )
                )
            run = []
        parts.extend(_marker(index, x, y, colour) for x, y in (p for p in points if p))
    return _frame(
        ident=ident,
        title=title,
        desc=desc,
        height=height,
        body=SafeString("".join(parts)),
    )


def level_segments(counts: Sequence[int], *, width: float) -> list[tuple[float, float]]:
    """Return (x offset, length) of each level's segment of a 100 % bar."""
    total = sum(counts)
    segments, x = [], 0.0
    for count in counts:
        length = round(width * count / total, 2) if total else 0.0
        segments.append((round(x, 2), length))
        x += length
    return segments


def level_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    ident: str,
    title: str,
    desc: str,
) -> SafeString:
    """Return one 100 % bar per indicator, split by how many cities answered each level.

    Levels go from the lowest (left, lightest) to the highest (right, darkest).
    """
    plot = WIDTH - 80 - PADDING
    height = PADDING * 2 + len(rows) * (BAR_HEIGHT + BAR_GAP)
    parts = []
    for i, (label, counts) in enumerate(rows):
        y = PADDING + i * (BAR_HEIGHT + BAR_GAP)
        parts.append(
            format_html(
                '<text x="72" y="{}" text-anchor="end" fill="{}" font-size="13">'
                "{}</text>",
                y + BAR_HEIGHT - 6,
                INK,
                label,
            )
        )
        parts.append(
            format_html_join(
                "",
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                (
                    (
                        80 + x,
                        y,
                        length,
                        BAR_HEIGHT,
                        LEVEL_COLOURS[level % len(LEVEL_COLOURS)],
                    )
                    for level, (x, length) in enumerate(
                        level_segments(counts, width=plot)
                    )
                    if length
                ),
            )
        )
    return _frame(
        ident=ident,
        title=title,
        desc=desc,
        height=height,
        body=SafeString("".join(parts)),
    )
