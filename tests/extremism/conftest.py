import pytest

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory

from .factories import CaseFactory


@pytest.fixture
def case_member():
    """A child-welfare worker who is a member of a case but not a radicalisation contact."""
    return UserFactory(
        username="barnevern",
        role=User.Role.AGENCY,
        agency=AgencyFactory(name="Barneverntjenesten i Sandnes", kind="child_welfare"),
    )


@pytest.fixture
def case(radicalisation_contact, case_member):
    return CaseFactory(created_by=radicalisation_contact, members=[case_member])


@pytest.fixture
def other_agency():
    return AgencyFactory(name="Helsestasjon for ungdom", kind="health")
