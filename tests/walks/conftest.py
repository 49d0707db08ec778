import pytest

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory

from .factories import SafetyWalkFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
