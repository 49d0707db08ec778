import pytest

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory

from .factories import SafetyWalkFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_tile_server(settings):
    """Tests never reach the internet: tiles from a port that refuses (the PDF draws its plain map). The tests of
    the street map point WALKS_TILE_URL at a local fake tile server instead."""
    settings.WALKS_TILE_URL = "http://127.0.0.1:9/{z}/{y}/{x}.png"


@pytest.fixture
def organiser():
    return UserFactory(username="arrangor", first_name="Ola", role=User.Role.AGENCY)


@pytest.fixture
def walk(organiser):
    """A planned walk organised by someone who is none of the role fixtures, with nobody invited."""
    return SafetyWalkFactory(title="Kveldsvandring i sentrum", organiser=organiser)


@pytest.fixture
def lighting_company():
    return AgencyFactory(name="Sandnes gatelys AS", kind="business")


@pytest.fixture
def parks():
    return AgencyFactory(name="Park og vei", kind="technical")
