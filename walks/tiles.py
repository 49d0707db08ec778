"""The street map under the PDF report's points: tiles fetched server-side from `WALKS_TILE_URL`, composed with
Pillow, with numbered markers and the attribution.

Each tile is fetched with `urllib` (timeout `WALKS_TILE_TIMEOUT`) and kept in Django's cache for
`WALKS_TILE_CACHE_SECONDS`, so that the next report of the same area costs no request. When a tile cannot be had
the whole map is given up (`render_map` returns None) and the report draws its plain map instead; the tile server
is then left alone for a minute, so that a run of reports does not wait for the same timeout each time."""

import hashlib
import logging
import math
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

logger = logging.getLogger(__name__)

TILE_SIZE = 256
MAX_TILE_BYTES = 1024 * 1024
MAX_TILES = 36  # a report map needs about 20; more means a setting is wrong
DOWN_KEY = "walks:tiles:down"
DOWN_SECONDS = 60
USER_AGENT = "SLT-platform walk report (server-side map)"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class TilesUnavailable(Exception):
    pass


def world_pixel(lat: float, lng: float, zoom: int) -> tuple[float, float]:
    """Web mercator (EPSG:3857) pixel position of a point at a zoom level, as the tile servers number them."""
    lat = max(min(lat, 85.0511), -85.0511)
    scale = TILE_SIZE * 2**zoom
    x = (lng + 180.0) / 360.0 * scale
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale
    return x, y


def tile_url(template: str, z: int, x: int, y: int) -> str:
    return (
        template.replace("{s}", "a")
        .replace("{r}", "")
        .replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{y}", str(y))
    )


def fetch_tile(z: int, x: int, y: int) -> Image.Image:
    """One tile as an RGB image, from the cache or the tile server; TilesUnavailable when it cannot be had."""
    url = tile_url(settings.WALKS_TILE_URL, z, x, y)
    if not url.startswith(("http://", "https://")):
        raise TilesUnavailable(f"not an http(s) tile URL: {url!r}")
    key = "walks:tile:" + hashlib.sha256(url.encode()).hexdigest()
    data = cache.get(key)
    fetched = data is None
    if fetched:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=settings.WALKS_TILE_TIMEOUT) as response:
                data = response.read(MAX_TILE_BYTES + 1)
        except (OSError, ValueError, urllib.error.URLError) as exc:  # refused, timed out, HTTP error, bad URL
            raise TilesUnavailable(f"{url}: {exc}") from exc
        if len(data) > MAX_TILE_BYTES:
            raise TilesUnavailable(f"{url}: tile larger than {MAX_TILE_BYTES} bytes")
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise TilesUnavailable(f"{url}: not an image") from exc
    if fetched:
        cache.set(key, data, settings.WALKS_TILE_CACHE_SECONDS)
    return image.convert("RGB")


def _font(size: int, bold: bool = False):
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default(size)


def choose_zoom(points: list[tuple[float, float]], width: int, height: int, padding: int) -> int:
    """The closest zoom (at most WALKS_TILE_MAX_ZOOM, at most 17 for a single point) that shows every point."""
    top = min(settings.WALKS_TILE_MAX_ZOOM, 19)
    if len(points) == 1:
        return min(top, 17)
    for zoom in range(top, 0, -1):
        xs, ys = zip(*(world_pixel(lat, lng, zoom) for lat, lng in points), strict=True)
        if max(xs) - min(xs) <= width - 2 * padding and max(ys) - min(ys) <= height - 2 * padding:
            return zoom
    return 1


def spread(positions: list[tuple[float, float]], radius: float) -> list[tuple[float, float]]:
    """Markers closer than a marker's width are set out on a small ring around their common spot, so that every
    number can be read (the web map's "spiderfy", on paper)."""
    placed = list(positions)
    groups: list[list[int]] = []
    for index, (x, y) in enumerate(positions):
        for group in groups:
            gx, gy = positions[group[0]]
            if math.hypot(x - gx, y - gy) < radius * 1.6:
                group.append(index)
                break
        else:
            groups.append([index])
    for group in groups:
        if len(group) < 2:
            continue
        cx = sum(positions[i][0] for i in group) / len(group)
        cy = sum(positions[i][1] for i in group) / len(group)
        ring = max(radius * 1.3, radius * len(group) / math.pi * 1.15)
        for n, index in enumerate(group):
            angle = -math.pi / 2 + 2 * math.pi * n / len(group)
            placed[index] = (cx + ring * math.cos(angle), cy + ring * math.sin(angle))
    return placed


def render_map(observations, *, width: int = 1100, height: int = 760) -> Image.Image | None:
    """The observations on the street map as an RGB image, or None when the tiles cannot be had (no tile URL,
    the server down or slow, or a bad answer)."""
    if not observations or not settings.WALKS_TILE_URL:
        return None
    if cache.get(DOWN_KEY):
        return None
    radius = 15
    points = [(float(o.latitude), float(o.longitude)) for o in observations]
    zoom = choose_zoom(points, width, height, padding=4 * radius)
    pixels = [world_pixel(lat, lng, zoom) for lat, lng in points]
    xs, ys = zip(*pixels, strict=True)
    left = (min(xs) + max(xs)) / 2 - width / 2
    top = (min(ys) + max(ys)) / 2 - height / 2
    first_x, last_x = math.floor(left / TILE_SIZE), math.floor((left + width - 1) / TILE_SIZE)
    first_y, last_y = math.floor(top / TILE_SIZE), math.floor((top + height - 1) / TILE_SIZE)
    if (last_x - first_x + 1) * (last_y - first_y + 1) > MAX_TILES:
        logger.warning("Walk report map needs too many tiles at zoom %s; plain map used", zoom)
        return None
    canvas = Image.new("RGB", (width, height), "#eef2f6")
    count = 2**zoom
    try:
        for ty in range(first_y, last_y + 1):
            if not 0 <= ty < count:
                continue
            for tx in range(first_x, last_x + 1):
                tile = fetch_tile(zoom, tx % count, ty)
                if tile.size != (TILE_SIZE, TILE_SIZE):
                    tile = tile.resize((TILE_SIZE, TILE_SIZE))
                canvas.paste(tile, (round(tx * TILE_SIZE - left), round(ty * TILE_SIZE - top)))
    except TilesUnavailable as exc:
        logger.warning("Walk report map without streets: %s", exc)
        cache.set(DOWN_KEY, True, DOWN_SECONDS)
        return None

    draw = ImageDraw.Draw(canvas)
    spots = [(x - left, y - top) for x, y in pixels]
    places = spread(spots, radius)
    number_font = _font(13, bold=True)
    for spot, place in zip(spots, places, strict=True):
        if place != spot:
            draw.line([spot, place], fill="#1f2933", width=2)
            draw.ellipse([spot[0] - 3, spot[1] - 3, spot[0] + 3, spot[1] + 3], fill="#1f2933")
    for observation, (x, y) in zip(observations, places, strict=True):
        draw.ellipse([x - radius - 1, y - radius - 1, x + radius + 1, y + radius + 1], fill="#1f2933")
        draw.ellipse([x - radius + 1, y - radius + 1, x + radius - 1, y + radius - 1], fill=observation.colour)
        draw.ellipse([x - radius + 1, y - radius + 1, x + radius - 1, y + radius - 1], outline="white", width=2)
        draw.text(
            (x, y),
            str(observation.number),
            font=number_font,
            fill="white",
            anchor="mm",
            stroke_width=2,
            stroke_fill="#1f2933",
        )

    attribution = settings.WALKS_TILE_ATTRIBUTION
    if attribution:
        font = _font(14)
        box = draw.textbbox((0, 0), attribution, font=font)
        text_w, text_h = box[2] - box[0], box[3] - box[1]
        x0, y0 = width - text_w - 14, height - text_h - 12
        draw.rectangle([x0 - 6, y0 - 5, width, height], fill="white")
        draw.text((x0, y0 - box[1]), attribution, font=font, fill="#1f2933")
    return canvas


def render_map_png(observations, **size) -> bytes | None:
    image = render_map(observations, **size)
    if image is None:
        return None
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
