"""Browser journey: a concern shared with the police reaches the police liaison as a notice (the bell in
the menu counts it), who opens it, marks everything read, turns off e-mail for notes and makes a personal
calendar link."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import ConcernShare
from slt.accounts.models import User
from slt.notifications.models import NotificationPreference
from tests.coordination.factories import ConcernFactory
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_shared_concern_becomes_a_notice_and_the_calendar_link_is_made_once(page):
    police = AgencyFactory(name="Sandnes politistasjon", kind="police")
    UserFactory(username="politi", first_name="Petter", role=User.Role.POLICE, agency=police)
    coordinator = UserFactory(username="koordinator", role=User.Role.COORDINATOR)
    concern = ConcernFactory(reference="2037-0042")
    ConcernShare.objects.create(concern=concern, agency=police, shared_by=coordinator, shared_at=timezone.now())
    call_command("dispatch_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    sign_in(page, "politi", PASSWORD)
    bell = page.get_by_role("link", name="Varsler (1 ulest)")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("heading", name="Varsler")).to_be_visible()
    notice = page.get_by_role("link", name="Bekymring 2037-0042 er delt med aktøren din.")
    expect(notice).to_be_visible()
    screenshot(page, "notifications-list")
    page.get_by_role("button", name="Merk alle som lest").click()
    expect(page.get_by_text("Alle varsler er merket som lest.")).to_be_visible()
    expect(page.get_by_role("link", name="Varsler (0 uleste)")).to_be_visible()
    notice.click()
    expect(page.get_by_role("heading", name="Bekymring 2037-0042")).to_be_visible()

    page.goto("/varsler/profil/")
    page.get_by_label("Nye notater på bekymringer jeg har tilgang til på e-post").uncheck()
    expect(page.get_by_label("Bekymringer delt med min aktør på e-post")).to_be_disabled()
    page.get_by_role("button", name="Lagre innstillingene").click()
    expect(page.get_by_text("Varselinnstillingene dine er lagret.")).to_be_visible()
    pref = NotificationPreference.objects.get(user__username="politi", kind="concern_note")
    assert (pref.by_email, pref.in_app) == (False, True)

    page.get_by_role("button", name="Lag en kalenderlenke").click()
    link = page.get_by_label("Kalenderlenken din (vises bare nå)")
    expect(link).to_be_visible()
    url = link.input_value()
    assert "/varsler/kalender/" in url and url.endswith(".ics")
    screenshot(page, "notifications-profile")
    page.goto("/varsler/profil/")
    expect(page.get_by_label("Kalenderlenken din (vises bare nå)")).to_have_count(0)
