"""The PDF report's street map: tiles fetched server-side from a local fake tile server (never the internet),
composed with numbered markers and the attribution; the plain map when the tiles cannot be had."""

import contextlib
import re
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from walks import tiles
from walks.models import Observation

from .factories import ObservationFactory

pytestmark = pytest.mark.django_db

TILE_COLOUR = (200, 230, 200)


def _png(colour=TILE_COLOUR, size=(256, 256)):
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


class FakeTileServer:
    """A tiny tile server on 127.0.0.1: every *.png path answers one plain PNG; `mode` makes it misbehave."""

    def __init__(self):
        self.paths, self.mode = [], "ok"
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.paths.append(self.path)
                if server.mode == "slow":
                    time.sleep(1.0)
                if server.mode == "html":
                    body, kind = b"<html>Not a tile</html>", "text/html"
                elif server.mode == "missing":
                    self.send_error(404)
                    return
                else:
                    body, kind = _png(), "image/png"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client gave up (the slow case)
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/topo/{{z}}/{{y}}/{{x}}.png"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tile_server(settings):
    server = FakeTileServer()
    settings.WALKS_TILE_URL = server.url
    settings.WALKS_TILE_ATTRIBUTION = "© Kartverket"
    settings.WALKS_TILE_TIMEOUT = 0.5
    yield server
    server.close()


@pytest.fixture
def spread_walk(walk):
    """Three observations some hundred metres apart in Sandnes sentrum."""
    for category, lat, lng in [
        ("lighting", "58.851200", "5.738400"),
        ("graffiti", "58.852600", "5.741200"),
        ("litter", "58.850300", "5.743900"),
    ]:
        ObservationFactory(walk=walk, category=category, latitude=Decimal(lat), longitude=Decimal(lng))
    return walk


def _observations(walk):
    return list(walk.observations.order_by("number"))


def _marker_centre(image_size, observations, observation, zoom):
    """Where render_map puts an observation (the same arithmetic, so a test of its pixels can find it)."""
    pixels = [tiles.world_pixel(float(o.latitude), float(o.longitude), zoom) for o in observations]
    xs, ys = zip(*pixels, strict=True)
    left = (min(xs) + max(xs)) / 2 - image_size[0] / 2
    top = (min(ys) + max(ys)) / 2 - image_size[1] / 2
    x, y = tiles.world_pixel(float(observation.latitude), float(observation.longitude), zoom)
    return x - left, y - top


def test_the_map_is_made_of_the_tiles_with_the_markers_on_top(tile_server, spread_walk):
    observations = _observations(spread_walk)
    image = tiles.render_map(observations, width=1100, height=760)
    assert image is not None and image.size == (1100, 760)
    assert image.getpixel((5, 5)) == TILE_COLOUR  # the streets, not the plain background
    zooms = {int(re.match(r"/topo/(\d+)/(\d+)/(\d+)\.png", path).group(1)) for path in tile_server.paths}
    assert len(zooms) == 1
    zoom = zooms.pop()
    assert 14 <= zoom <= 18
    for observation in observations:
        x, y = _marker_centre(image.size, observations, observation, zoom)
        # Just above the number, inside the marker: the category's colour.
        assert image.getpixel((round(x), round(y - 9))) == Image.new("RGB", (1, 1), observation.colour).getpixel((0, 0))
    # The attribution sits in a white box in the lower right corner.
    assert image.getpixel((1098, 758)) == (255, 255, 255)


def test_tiles_come_from_the_cache_the_second_time(tile_server, spread_walk):
    observations = _observations(spread_walk)
    assert tiles.render_map(observations) is not None
    fetched = len(tile_server.paths)
    assert fetched > 0
    assert tiles.render_map(observations) is not None
    assert len(tile_server.paths) == fetched


def test_the_zoom_stays_at_or_below_the_setting(tile_server, spread_walk, settings):
    settings.WALKS_TILE_MAX_ZOOM = 12
    assert tiles.render_map(_observations(spread_walk)) is not None
    assert {path.split("/")[2] for path in tile_server.paths} == {"12"}


def test_markers_on_the_same_spot_are_set_apart(tile_server, walk):
    for category in ("lighting", "graffiti", "litter"):
        ObservationFactory(walk=walk, category=category)  # all at the factory's one position
    places = tiles.spread([(100.0, 100.0)] * 3, radius=15)
    assert len(set(places)) == 3
    assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) >= 25 for a in places for b in places if a != b)
    assert tiles.render_map(_observations(walk)) is not None


@pytest.mark.parametrize("mode", ["html", "missing", "slow"])
def test_a_bad_or_slow_tile_server_gives_no_street_map(tile_server, spread_walk, mode):
    tile_server.mode = mode
    started = time.monotonic()
    assert tiles.render_map(_observations(spread_walk)) is None
    assert time.monotonic() - started < 3  # gave up at the first tile
    assert len(tile_server.paths) == 1
    # The server is left alone for a while: the next report does not wait again.
    assert cache.get(tiles.DOWN_KEY)
    tile_server.mode = "ok"
    assert tiles.render_map(_observations(spread_walk)) is None
    assert len(tile_server.paths) == 1


def test_an_unreachable_tile_server_gives_no_street_map(settings, spread_walk):
    settings.WALKS_TILE_URL = "http://127.0.0.1:9/{z}/{y}/{x}.png"
    assert tiles.render_map(_observations(spread_walk)) is None


def _pdf(client, walk):
    response = client.get(reverse("walks:walk_report_pdf", args=[walk.pk]))
    assert response.status_code == 200
    return PdfReader(BytesIO(response.content))


def _images(reader):
    return [image.image.size for page in reader.pages for image in page.images]


def test_the_pdf_shows_the_street_map_and_its_attribution(client_for, coordinator, tile_server, spread_walk):
    reader = _pdf(client_for(coordinator), spread_walk)
    assert (1100, 760) in _images(reader)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Bakgrunnskart: © Kartverket" in text


def test_the_pdf_falls_back_to_the_plain_map_when_tiles_are_unreachable(client_for, coordinator, spread_walk):
    # WALKS_TILE_URL is http://127.0.0.1:9/… here (tests/walks/conftest.py): nothing listens there.
    reader = _pdf(client_for(coordinator), spread_walk)
    assert (1100, 760) not in _images(reader)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Kart over observasjonene" in text
    assert "Bakgrunnskart" not in text
    assert Observation.objects.filter(walk=spread_walk).count() == 3
