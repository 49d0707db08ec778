import pytest

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory

from .factories import youth_coordinator_user


@pytest.fixture
def youth_coordinator():
    """A youth coordinator at the mediation service (overrides the plain fixture: with the agency the demo has)."""
    return youth_coordinator_user()


@pytest.fixture
def team_member():
    """On the follow-up team of the test's case, responsible for no measure."""
    return UserFactory(
        username="teammedlem", role=User.Role.AGENCY, agency=AgencyFactory(name="NAV Sandnes", kind="nav")
    )


@pytest.fixture
def responsible_member():
    """On the follow-up team and the responsible person for the plan's measure."""
    return UserFactory(
        username="ansvarlig",
        role=User.Role.AGENCY,
        agency=AgencyFactory(name="Helsestasjon for ungdom", kind="health"),
    )
