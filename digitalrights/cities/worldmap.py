"""Project latitude and longitude onto the member map's world outline.

The map is an equirectangular projection cropped to the inhabited latitudes:
longitude -180..180 runs across ``WIDTH`` and latitude ``MAX_LATITUDE`` down to
``MIN_LATITUDE`` runs down ``HEIGHT``, at the same scale both ways. The land
outline in ``static/cities/world-land.svg`` is drawn with ``project`` too
(``scripts/build_world_map.py``), so city markers always sit on their land.
"""

WIDTH = 1000
MIN_LATITUDE = -60.0
MAX_LATITUDE = 84.0
MIN_LONGITUDE = -180.0
MAX_LONGITUDE = 180.0
# Same scale on both axes: 144 degrees of latitude at 1000/360 per degree.
HEIGHT = round(WIDTH * (MAX_LATITUDE - MIN_LATITUDE) / (MAX_LONGITUDE - MIN_LONGITUDE))


def project(*, latitude: float, longitude: float) -> tuple[float, float]:
    """Return the (x, y) viewBox position of a point, rounded to 1 decimal.

    Latitudes outside the map (the Arctic beyond 84° N, Antarctica) and
    longitudes outside -180..180 are clamped to the nearest edge.
    """
    latitude = min(max(latitude, MIN_LATITUDE), MAX_LATITUDE)
    longitude = min(max(longitude, MIN_LONGITUDE), MAX_LONGITUDE)
    x = (longitude - MIN_LONGITUDE) / (MAX_LONGITUDE - MIN_LONGITUDE) * WIDTH
    y = (MAX_LATITUDE - latitude) / (MAX_LATITUDE - MIN_LATITUDE) * HEIGHT
    # "+ 0.0" turns a negative zero into 0.0.
    return round(x, 1) + 0.0, round(y, 1) + 0.0
