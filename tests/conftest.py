import pytest
from django.core.cache import cache
from django.test import Client

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def school():
    return AgencyFactory(name="Lura ungdomsskole", kind="school")


@pytest.fixture
def police_station():
    return AgencyFactory(name="Sandnes politistasjon", kind="police")


@pytest.fixture
def admin():
    return UserFactory(username="admin", role=User.Role.ADMIN, agency=None, is_staff=True, is_superuser=True)


@pytest.fixture
def coordinator():
    return UserFactory(username="koordinator", role=User.Role.COORDINATOR)


@pytest.fixture
def police(police_station):
    return UserFactory(username="politi", role=User.Role.POLICE, agency=police_station)


@pytest.fixture
def agency_member(school):
    return UserFactory(username="skole", role=User.Role.AGENCY, agency=school)


@pytest.fixture
def steering():
    return UserFactory(username="styring", role=User.Role.STEERING)


@pytest.fixture
def radicalisation_contact():
    return UserFactory(username="radikalisering", role=User.Role.AGENCY, is_radicalisation_contact=True)


@pytest.fixture
def youth_coordinator():
    return UserFactory(username="ungdomskoordinator", role=User.Role.AGENCY, is_youth_coordinator=True)


ROLE_FIXTURES = ["admin", "coordinator", "police", "agency_member", "steering"]


@pytest.fixture(params=ROLE_FIXTURES)
def any_role_user(request):
    """Each role in turn."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _plain_static_files_and_private_media(settings, tmp_path):
    """No collectstatic in tests: serve static names as they are, not from the manifest.
    Uploaded files go to the test's own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_queries():
    """The query budget of a page, the same way in every test (tests/budget.py): `page_queries(client, url)`
    gets the page once (the first request of a session does one-off work: session, language), then counts the
    queries of a second GET, which must answer 200."""
    from tests.budget import queries_for

    return queries_for
