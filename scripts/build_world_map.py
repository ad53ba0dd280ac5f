"""Build the land outline behind the member map.

Source: the 1:110m land polygons of Natural Earth (public domain,
https://www.naturalearthdata.com/), as TopoJSON from the world-atlas npm
package (ISC licence), installed by ``npm install`` into ``node_modules``.

The script decodes the quantized, delta-encoded TopoJSON arcs itself, drops
Antarctica (every ring south of ``MIN_LATITUDE``), cuts the rings that cross
the antimeridian (Chukotka, Fiji, Wrangel Island) at the map's edges,
projects each point with
``digitalrights.cities.worldmap.project`` so the outline and the city markers
line up, rounds to 0.1 viewBox units, and writes one ``<path>`` to
``digitalrights/cities/static/cities/world-land.svg``. The SVG is committed;
the site needs no Node.js at run time.

Regenerate after changing the projection or upgrading world-atlas:

    npm install
    .venv/bin/python scripts/build_world_map.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitalrights.cities.worldmap import (  # noqa: E402
    HEIGHT,
    MIN_LATITUDE,
    WIDTH,
    project,
)

SOURCE = ROOT / "node_modules" / "world-atlas" / "land-110m.json"
TARGET = ROOT / "digitalrights" / "cities" / "static" / "cities" / "world-land.svg"
FILL = "#d9dee3"

Point = tuple[float, float]  # (longitude, latitude)
Ring = list[Point]


def decode_arcs(topology: dict) -> list[Ring]:
    """Return every arc as absolute (longitude, latitude) points."""
    (scale_x, scale_y) = topology["transform"]["scale"]
    (translate_x, translate_y) = topology["transform"]["translate"]
    arcs = []
    for encoded in topology["arcs"]:
        x = y = 0
        arc = []
        for dx, dy in encoded:
            x += dx
            y += dy
            arc.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(arc)
    return arcs


def stitch_ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join a ring's arcs; a negative index ~i means arc i reversed."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Each arc starts where the previous one ended.
        ring.extend(arc[1:] if ring else arc)
    return ring


def land_rings(topology: dict) -> list[Ring]:
    """Return the rings (outer boundaries and holes) of every land polygon."""
    arcs = decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        for polygon in polygons:
            rings.extend(stitch_ring(indexes, arcs) for indexes in polygon)
    return rings


def unwrap(ring: Ring) -> Ring:
    """Return the ring with continuous longitudes, leaving -180..180 if needed.

    A ring that crosses the antimeridian jumps from about 180 to about -180;
    shifting the points after each jump by 360 degrees keeps its edges short.
    """
    unwrapped: Ring = []
    offset = 0.0
    for longitude, latitude in ring:
        if unwrapped:
            previous = unwrapped[-1][0] - offset
            if longitude - previous > 180:
                offset -= 360
            elif previous - longitude > 180:
                offset += 360
        unwrapped.append((longitude + offset, latitude))
    return unwrapped


def clip(ring: Ring, *, keep: tuple[float, int]) -> Ring:
    """Clip a ring to one side of a meridian (Sutherland-Hodgman).

    ``keep`` is ``(longitude, sign)``: points with ``sign * (lon - longitude)``
    of zero or more stay. Latitude is interpolated linearly, which is exact
    in an equirectangular projection.
    """
    (meridian, sign) = keep

    def inside(point: Point) -> bool:
        return sign * (point[0] - meridian) >= 0

    def crossing(start: Point, end: Point) -> Point:
        fraction = (meridian - start[0]) / (end[0] - start[0])
        return (meridian, start[1] + fraction * (end[1] - start[1]))

    clipped: Ring = []
    for index, point in enumerate(ring):
        previous = ring[index - 1]
        if inside(point):
            if not inside(previous):
                clipped.append(crossing(previous, point))
            clipped.append(point)
        elif inside(previous):
            clipped.append(crossing(previous, point))
    return clipped


def wrap(ring: Ring) -> list[Ring]:
    """Return the parts of the ring inside longitude -180..180.

    The unwrapped ring is copied 360 degrees to the west and east, and each
    copy that reaches into the map is clipped at its left and right edges.
    """
    ring = unwrap(ring)
    west = min(longitude for longitude, _ in ring)
    east = max(longitude for longitude, _ in ring)
    parts = []
    for shift in (-360.0, 0.0, 360.0):
        if east + shift <= -180 or west + shift >= 180:
            continue
        copy = [(longitude + shift, latitude) for longitude, latitude in ring]
        if west + shift < -180:
            copy = clip(copy, keep=(-180.0, 1))
        if east + shift > 180:
            copy = clip(copy, keep=(180.0, -1))
        parts.append(copy)
    return parts


def project_ring(ring: Ring) -> list[tuple[int, int]]:
    """Return the ring in tenths of viewBox units, without repeated points."""
    points: list[tuple[int, int]] = []
    for longitude, latitude in ring:
        x, y = project(latitude=latitude, longitude=longitude)
        point = (round(x * 10), round(y * 10))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # "z" closes the ring.
    return points


def number(tenths: int) -> str:
    """Format tenths of a unit as compactly as SVG allows: 12, 1.5, -.3."""
    sign = "-" if tenths < 0 else ""
    whole, fraction = divmod(abs(tenths), 10)
    if not fraction:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{fraction}"


def join(numbers: list[str]) -> str:
    """Join path numbers, leaving out the space before a minus sign."""
    text = ""
    for value in numbers:
        if text and not value.startswith("-"):
            text += " "
        text += value
    return text


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """Return path data: an absolute move, then relative lines, per ring."""
    commands = []
    for points in rings:
        (x, y) = points[0]
        deltas = []
        for next_x, next_y in points[1:]:
            deltas += [number(next_x - x), number(next_y - y)]
            (x, y) = (next_x, next_y)
        start = join([number(points[0][0]), number(points[0][1])])
        commands.append(f"M{start}l{join(deltas)}z")
    return "".join(commands)


def build_svg(topology: dict) -> str:
    """Return the standalone SVG document of the land outline."""
    rings = []
    for ring in land_rings(topology):
        if max(latitude for _, latitude in ring) <= MIN_LATITUDE:
            continue  # Antarctica and the islands off it.
        for part in wrap(ring):
            points = project_ring(part)
            if len(points) >= 3:
                rings.append(points)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        "<!-- Land: Natural Earth 1:110m (public domain), via world-atlas (ISC). "
        "Generated by scripts/build_world_map.py. -->"
        f'<path fill="{FILL}" fill-rule="evenodd" d="{path_data(rings)}"/>'
        "</svg>\n"
    )


def main() -> None:
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    svg = build_svg(topology)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(svg, encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)} ({len(svg.encode())} bytes).")


if __name__ == "__main__":
    main()
