"""Query budgets: the case list and the guide pages cost the same with 10 cases as with 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from extremism.models import Case, CaseMember, Measure, ObservedSign, Step, TrailStep
from tests.budget import queries_for
from tests.factories import AgencyFactory, AreaFactory, UserFactory

from .factories import GuideSectionFactory, WarningSignFactory

pytestmark = pytest.mark.django_db

# Recorded so that a change in the count shows up in review; the test's real claim is "10 == 500".
# 6 for the page itself, 1 for the youth follow-up menu entry (is the user on a follow-up team?), 1 for the
# unread count of the notices in the menu.
CASE_LIST_QUERIES = 8


def _cases(count, contact, member=None):
    agency = AgencyFactory(name="Lura ungdomsskole", kind="school")
    area = AreaFactory(name="Lura")
    steps = list(Step.values)
    cases = Case.objects.bulk_create(
        Case(summary=f"Bekymring {n}", created_by=contact, area=area, step=steps[n % len(steps)]) for n in range(count)
    )
    today = timezone.localdate()
    Measure.objects.bulk_create(
        Measure(
            case=case,
            title=f"Tiltak {case.pk}",
            responsible_agency=agency,
            due_date=today + timedelta(days=(case.pk % 5) - 2),
            created_by=contact,
        )
        for case in cases
    )
    TrailStep.objects.bulk_create(
        TrailStep(case=case, from_step="", to_step=Step.CONCERN_NOTED, reason="Åpnet.", moved_by=contact)
        for case in cases
    )
    if member is not None:
        CaseMember.objects.bulk_create(CaseMember(case=case, user=member, added_by=contact) for case in cases)
    return cases


def _count(client, urls):
    return {url: queries_for(client, url) for url in urls}


CASE_LIST_URLS = [
    reverse("extremism:case_list"),
    reverse("extremism:case_list") + "?status=open&step=clarification",
    reverse("extremism:case_list") + "?overdue=on&q=Bekymring",
    reverse("extremism:case_list") + "?page=2",
]


def test_the_case_list_costs_the_same_for_10_and_500_cases(client_for, radicalisation_contact):
    client = client_for(radicalisation_contact)
    _cases(10, radicalisation_contact)
    small = _count(client, CASE_LIST_URLS)
    _cases(490, radicalisation_contact)
    large = _count(client, CASE_LIST_URLS)
    assert small == large
    assert large[CASE_LIST_URLS[0]] <= CASE_LIST_QUERIES


def test_a_members_case_list_costs_the_same_for_10_and_500_cases(client_for, radicalisation_contact):
    member = UserFactory(username="barnevern")
    client = client_for(member)
    _cases(10, radicalisation_contact, member=member)
    small = queries_for(client, reverse("extremism:case_list"))
    _cases(490, radicalisation_contact, member=member)
    assert queries_for(client, reverse("extremism:case_list")) == small


def test_the_guide_pages_cost_the_same_for_10_and_500_cases(client_for, radicalisation_contact):
    section = GuideSectionFactory(slug="varselsignaler", title="Varselsignaler", kind="warning_signs")
    GuideSectionFactory(slug="kontakter", title="Kontakter", kind="contacts")
    for n in range(12):
        WarningSignFactory(title=f"Tegn {n}")
    urls = [
        reverse("extremism:guide"),
        section.get_absolute_url(),
        reverse("extremism:section_detail", args=["kontakter"]),
        reverse("extremism:sign_list"),
        reverse("extremism:guide_print"),
        reverse("extremism:guide_search") + "?q=Tegn",
        reverse("core:dashboard"),
    ]
    client = client_for(radicalisation_contact)
    _cases(10, radicalisation_contact)
    small = _count(client, urls)
    _cases(490, radicalisation_contact)
    assert _count(client, urls) == small


def test_the_case_page_costs_the_same_with_2_and_40_measures_signs_and_members(client_for, radicalisation_contact):
    client = client_for(radicalisation_contact)
    (case,) = _cases(1, radicalisation_contact)
    agency = AgencyFactory(name="Helsestasjon for ungdom")

    def grow(n):
        start = case.measures.count()
        for i in range(start, n):
            Measure.objects.create(
                case=case,
                title=f"T{i}",
                responsible_agency=agency,
                due_date=timezone.localdate(),
                created_by=radicalisation_contact,
            )
            ObservedSign.objects.create(
                case=case, sign=WarningSignFactory(title=f"S{i}"), observed_by=radicalisation_contact
            )
            CaseMember.objects.create(
                case=case, user=UserFactory(username=f"medlem{i}"), added_by=radicalisation_contact
            )

    grow(2)
    small = queries_for(client, case.get_absolute_url())
    grow(40)
    assert queries_for(client, case.get_absolute_url()) == small
