"""The member map's projection and the land outline drawn with it."""

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from digitalrights.cities.worldmap import (
    HEIGHT,
    MAX_LATITUDE,
    MIN_LATITUDE,
    WIDTH,
    project,
)

OUTLINE = (
    Path(__file__).resolve().parent.parent / "static" / "cities" / "world-land.svg"
)
SVG = "{http://www.w3.org/2000/svg}"


def outline_root() -> ElementTree.Element:
    # The file is our own build output, committed to the repository.
    return ElementTree.parse(OUTLINE).getroot()  # noqa: S314


def test_map_has_the_same_scale_in_both_directions():
    assert (WIDTH, HEIGHT) == (1000, 400)
    assert HEIGHT * 360 == WIDTH * (MAX_LATITUDE - MIN_LATITUDE)


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (MAX_LATITUDE, -180, (0, 0)),
        (MAX_LATITUDE, 180, (WIDTH, 0)),
        (MIN_LATITUDE, -180, (0, HEIGHT)),
        (MIN_LATITUDE, 180, (WIDTH, HEIGHT)),
    ],
)
def test_corners_of_the_world_map_to_corners_of_the_view_box(
    latitude, longitude, expected
):
    assert project(latitude=latitude, longitude=longitude) == expected


def test_amsterdam_lands_in_western_europe():
    # x = (4.89 + 180) / 360 * 1000; y = (84 - 52.37) / 144 * 400
    assert project(latitude=52.37, longitude=4.89) == (513.6, 87.9)


def test_coordinates_are_rounded_to_one_decimal():
    x, y = project(latitude=12.3456, longitude=-65.4321)
    assert (x, y) == (round(x, 1), round(y, 1))


def test_the_equator_and_prime_meridian_meet_where_expected():
    assert project(latitude=0, longitude=0) == (500, 233.3)


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (-77.85, 166.67, (963, HEIGHT)),  # McMurdo Station, Antarctica
        (89.9, 0, (500, 0)),
        (-90, -200, (0, HEIGHT)),
        (0, 181, (WIDTH, 233.3)),
    ],
)
def test_points_off_the_map_are_clamped_to_its_edge(latitude, longitude, expected):
    assert project(latitude=latitude, longitude=longitude) == expected


def test_no_negative_zero_in_coordinates():
    x, y = project(latitude=MAX_LATITUDE, longitude=-180)
    assert str(x) == "0.0"
    assert str(y) == "0.0"


def test_committed_outline_is_a_small_svg_with_the_projection_view_box():
    assert OUTLINE.stat().st_size < 45_000
    root = outline_root()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 1
    assert paths[0].get("fill-rule") == "evenodd"
    assert paths[0].get("fill")


def outline_points() -> list[tuple[float, float]]:
    """Return every vertex of the outline's path (absolute M, relative l, z)."""
    root = outline_root()
    data = root.find(f"{SVG}path").get("d")
    assert set(re.findall(r"[A-Za-z]", data)) == {"M", "l", "z"}
    points = []
    for ring in re.findall(r"M([^l]*)l([^z]*)z", data):
        start, deltas = (
            [float(n) for n in re.findall(r"-?\d*\.?\d+", part)] for part in ring
        )
        x, y = start
        points.append((x, y))
        for dx, dy in zip(deltas[::2], deltas[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_outline_stays_inside_the_view_box():
    points = outline_points()
    assert len(points) > 3000
    for x, y in points:
        assert -0.01 <= x <= WIDTH + 0.01
        assert -0.01 <= y <= HEIGHT + 0.01


def test_outline_has_land_under_amsterdam_and_none_in_antarctica():
    points = outline_points()
    # Some coastline vertex lies within about a degree of Amsterdam...
    amsterdam = project(latitude=52.37, longitude=4.89)
    assert any(
        abs(x - amsterdam[0]) < 3 and abs(y - amsterdam[1]) < 3 for x, y in points
    )
    # ...and nothing is drawn along the bottom edge, where Antarctica was.
    assert not [y for _, y in points if y > HEIGHT - 1]
