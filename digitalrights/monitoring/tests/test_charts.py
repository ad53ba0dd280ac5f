"""The SVG charts: geometry, names for assistive technology, escaping."""

import re
from decimal import Decimal

from digitalrights.monitoring import charts


def test_a_bars_length_is_proportional_to_its_value_and_clamped():
    assert charts.bar_length(Decimal("50.0"), top=100, width=300) == 150
    assert charts.bar_length(100, top=100, width=300) == 300
    assert charts.bar_length(0, top=100, width=300) == 0
    assert charts.bar_length(None, top=100, width=300) == 0
    assert charts.bar_length(250, top=100, width=300) == 300
    assert charts.bar_length(-5, top=100, width=300) == 0


def test_a_bar_chart_draws_one_bar_per_row_with_its_value():
    svg = charts.bar_chart(
        [charts.Bar("Privacy", Decimal("75.0")), charts.Bar("Overall", None)],
        ident="t",
        title="Scores",
        desc="Two bars.",
    )
    plot = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH
    filled = re.findall(r'<rect x="(\d+)" y="(\d+)" width="([\d.]+)"[^>]*fill="#', svg)
    assert [float(width) for _x, _y, width in filled] == [plot * 0.75, 0]
    # The second bar sits one bar and one gap below the first.
    assert int(filled[1][1]) - int(filled[0][1]) == charts.BAR_HEIGHT + charts.BAR_GAP
    assert ">75.0</text>" in svg and ">–</text>" in svg
    height = 2 * charts.PADDING + 2 * (charts.BAR_HEIGHT + charts.BAR_GAP)
    assert f'viewBox="0 0 {charts.WIDTH} {height}"' in svg


def test_a_chart_is_an_image_named_by_its_title_and_description():
    svg = charts.bar_chart([], ident="x", title="A <b> title", desc="What & why")
    assert svg.startswith('<svg role="img" aria-labelledby="x-title x-desc"')
    assert '<title id="x-title">A &lt;b&gt; title</title>' in svg
    assert '<desc id="x-desc">What &amp; why</desc>' in svg


def test_labels_are_escaped():
    svg = charts.bar_chart(
        [charts.Bar('<script>alert("x")</script>', 1)], ident="e", title="t", desc="d"
    )
    assert "<script>" not in svg


def test_series_points_spread_evenly_and_put_the_top_at_the_top():
    points = charts.series_points([0, 50, None, 100])
    left = charts.AXIS_LEFT + charts.PADDING
    right = charts.WIDTH - charts.PADDING
    assert points[0] == (left, charts.PADDING + charts.PLOT_HEIGHT)
    assert points[1][1] == charts.PADDING + charts.PLOT_HEIGHT / 2
    assert points[2] is None
    assert points[3] == (right, charts.PADDING)
    # Evenly spaced: the gap between 0 and 1 is a third of the width.
    assert round(points[1][0] - points[0][0], 2) == round((right - left) / 3, 2)


def test_a_single_cycle_is_a_point_and_a_missing_value_breaks_the_line():
    single = charts.time_series(
        ["2025"], [("Overall", [60])], ident="s", title="t", desc="d"
    )
    assert "<polyline" not in single and "<circle" in single
    broken = charts.time_series(
        ["2023", "2024", "2025", "2026"],
        [("Overall", [10, 20, None, 40])],
        ident="b",
        title="t",
        desc="d",
    )
    # Two points before the gap make a line; the one after it stands alone.
    assert broken.count("<polyline") == 1
    assert broken.count("<circle") == 3


def test_level_segments_fill_the_bar_in_proportion():
    assert charts.level_segments([1, 1, 2], width=400) == [
        (0, 100),
        (100, 100),
        (200, 200),
    ]
    assert charts.level_segments([0, 0], width=400) == [(0, 0), (0, 0)]
    svg = charts.level_chart([("1.1", [1, 0, 3])], ident="l", title="t", desc="d")
    # Empty levels draw nothing.
    assert svg.count("<rect") == 2


def test_values_are_written_as_the_reader_writes_numbers():
    from django.utils import translation

    bars = [charts.Bar(label="Overall", value=Decimal("62.5"))]
    with translation.override("es"):
        spanish = charts.bar_chart(bars, ident="es", title="t", desc="d")
    with translation.override("en"):
        english = charts.bar_chart(bars, ident="en", title="t", desc="d")
    assert ">62,5</text>" in spanish
    assert ">62.5</text>" in english
