"""The administrator answers a data subject's access request: the access log of one user, from the menu, and
the coordinator searches a name without it ever reaching the address bar."""

import pytest
from playwright.sync_api import expect

from coordination.models import LegalBasis
from slt.accounts.models import User
from slt.audit.models import AuditEvent
from tests.coordination.factories import ConcernFactory
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_name_search_and_the_access_log_of_the_coordinator(new_page):
    slt = AgencyFactory(name="Sandnes kommune – SLT")
    UserFactory(username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR, agency=slt)
    UserFactory(username="admin", first_name="Anne", role=User.Role.ADMIN, agency=None, is_staff=True)
    concern = ConcernFactory(full_name="Ola Nordmann", birth_date="2011-04-01", legal_basis=LegalBasis.CONSENT_YOUTH)

    coordinator = new_page()
    sign_in(coordinator, "koordinator", PASSWORD)
    coordinator.goto("/bekymringer/")
    coordinator.get_by_role("link", name="Søk etter navn").click()
    coordinator.get_by_label("Navn").fill("Nordmann")
    coordinator.get_by_role("button", name="Søk", exact=True).click()
    expect(coordinator.get_by_role("link", name=concern.reference)).to_be_visible()
    assert "Nordmann" not in coordinator.url
    coordinator.get_by_role("link", name=concern.reference).click()
    expect(coordinator.get_by_role("heading", name=f"Bekymring {concern.reference}")).to_be_visible()

    admin = new_page()
    sign_in(admin, "admin", PASSWORD)
    admin.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Tilgangslogg").click()
    expect(admin.get_by_role("heading", name="Tilgangslogg")).to_be_visible()
    admin.get_by_role("group", name="Bruker").get_by_label("Kristin Etternavn (koordinator)", exact=True).check()
    admin.get_by_role("button", name="Vis").click()
    table = admin.locator("table.access-report")
    expect(table).to_contain_text(f"søk etter navn, fant: {concern.pk}")
    expect(table.locator("tbody tr")).to_have_count(2)  # the search and the opening of the concern
    screenshot(admin, "access-log")
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Eksporter som CSV").click()
    assert download.value.suggested_filename.startswith("tilgangslogg-")
    assert AuditEvent.objects.filter(action="export", actor__username="admin", object_type="accounts.user").count() == 1
