"""What the module registers: menu entries, the contacts' dashboard panel, demo data."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from extremism.models import Case, GuideRevision, GuideSection, Measure, WarningSign
from slt.accounts.models import User

from .factories import CaseFactory, MeasureFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "coordinator", "police", "agency_member", "steering", "radicalisation_contact"]


@pytest.mark.parametrize("role", ROLES)
def test_the_guide_is_in_everyones_menu_and_cases_only_for_the_contacts(request, client_for, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    response = client.get(reverse("core:dashboard"))
    keys = [entry.key for entry in response.context["modules"]]
    assert [key for key in keys if key.startswith("extremism")] == ["extremism_guide"]
    guide = client.get(reverse("extremism:guide"))
    assert (reverse("extremism:case_list") in guide.text) == (role == "radicalisation_contact")
    panels = [item["panel"].key for item in response.context["half_panels"]]
    assert ("extremism_cases" in panels) == (role == "radicalisation_contact")


def test_the_panel_shows_open_cases_overdue_measures_and_cases_standing_still(client_for, radicalisation_contact):
    fresh = CaseFactory(created_by=radicalisation_contact)
    stale = CaseFactory(created_by=radicalisation_contact)
    Case.objects.filter(pk=stale.pk).update(moved_at=timezone.now() - timedelta(days=31))
    late = MeasureFactory(case=fresh, title="Samtale med foresatte")
    Measure.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    closed = CaseFactory(
        created_by=radicalisation_contact,
        status="closed",
        outcome="resolved",
        closed_at=timezone.now(),
        retain_until=timezone.localdate(),
    )
    response = client_for(radicalisation_contact).get(reverse("core:dashboard"))
    panel = next(item["context"] for item in response.context["half_panels"] if item["panel"].key == "extremism_cases")
    assert (panel["open_count"], panel["overdue_count"], panel["stale_count"]) == (2, 1, 1)
    assert [case.pk for case in panel["stale_cases"]] == [stale.pk]
    assert closed.reference not in response.text
    assert "Samtale med foresatte" in response.text
    assert "2 åpne saker" in response.text


def test_demo_data_is_a_full_guide_and_three_cases_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = (
        GuideSection.objects.count(),
        WarningSign.objects.count(),
        GuideRevision.objects.count(),
        Case.objects.count(),
        Measure.objects.count(),
    )
    call_command("seed_demo", verbosity=0)
    assert (
        GuideSection.objects.count(),
        WarningSign.objects.count(),
        GuideRevision.objects.count(),
        Case.objects.count(),
        Measure.objects.count(),
    ) == counts
    assert counts[0] >= 8 and counts[1] >= 12 and counts[3] == 3
    kinds = set(GuideSection.objects.values_list("kind", flat=True))
    assert {
        "facts",
        "concepts",
        "trail",
        "warning_signs",
        "measures",
        "action_plans",
        "literature",
        "links",
        "contacts",
    } <= kinds
    assert len(set(Case.objects.values_list("step", flat=True))) == 3
    assert Measure.objects.values("responsible_agency").distinct().count() >= 2
    contact = User.objects.get(username="radikalisering")
    assert set(Case.objects.values_list("created_by", flat=True)) == {contact.pk}
    assert all(sign.meaning and sign.not_alone and sign.what_to_do for sign in WarningSign.objects.all())
    # The police's contact is on the contacts page.
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="skole"))
    page = client.get(reverse("extremism:contacts"))
    assert "Radikaliseringskontakten i politidistriktet" in page.text
    assert "radikalisering@sandnes.example" in page.text


def test_a_case_member_gets_the_cases_tab_beside_the_guide(client_for, case, case_member, coordinator):
    assert reverse("extremism:case_list") in client_for(case_member).get(reverse("extremism:guide")).text
    assert reverse("extremism:case_list") not in client_for(coordinator).get(reverse("extremism:guide")).text


def test_case_records_are_not_in_the_django_admin():
    from django.contrib import admin

    from extremism.models import CaseMember, ObservedSign, TrailStep

    registered = set(admin.site._registry)
    assert not registered & {Case, Measure, CaseMember, ObservedSign, TrailStep}
    assert not admin.site._registry[GuideSection].has_change_permission(None)
