import pytest

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def other_reporter():
    """A school employee at another school: reports concerns that are not the test user's own."""
    return UserFactory(
        username="annen-skole", role=User.Role.AGENCY, agency=AgencyFactory(name="Ganddal ungdomsskole", kind="school")
    )


@pytest.fixture
def child_welfare():
    return AgencyFactory(name="Barneverntjenesten i Sandnes", kind="child_welfare")
