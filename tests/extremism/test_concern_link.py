"""From a concern about radicalisation to a case: the concern page links radicalisation contacts to it."""

import pytest
from django.urls import reverse

from coordination.models import ConcernCategory
from extremism.models import Case
from tests.coordination.factories import ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db

RADICALISATION = [ConcernCategory.Category.RADICALISATION]


@pytest.fixture
def concern(agency_member, radicalisation_contact):
    concern = ConcernFactory(reporter=agency_member, categories=RADICALISATION, age_band="16-17", gender="boy")
    ConcernShareFactory(concern=concern, agency=radicalisation_contact.agency)
    return concern


def test_the_link_is_shown_to_radicalisation_contacts_only(
    client_for, concern, coordinator, agency_member, radicalisation_contact
):
    url = reverse("extremism:case_create_from_concern", args=[concern.pk])
    assert url in client_for(radicalisation_contact).get(concern.get_absolute_url()).text
    assert url not in client_for(coordinator).get(concern.get_absolute_url()).text
    assert url not in client_for(agency_member).get(concern.get_absolute_url()).text


def test_the_form_is_filled_from_the_concern_and_the_case_links_back(client_for, concern, radicalisation_contact):
    client = client_for(radicalisation_contact)
    url = reverse("extremism:case_create_from_concern", args=[concern.pk])
    form = client.get(url).context["form"]
    assert (form.initial["summary"], form.initial["age_band"], form.initial["gender"]) == (
        concern.description,
        "16-17",
        "boy",
    )
    response = client.post(
        url, {"summary": concern.description, "age_band": "16-17", "gender": "boy", "risk_level": "high"}
    )
    case = Case.objects.get()
    assert response.url == case.get_absolute_url()
    assert (case.concern, case.risk_level, case.created_by) == (concern, "high", radicalisation_contact)
    assert concern.reference in case.trail.get().reason
    page = client.get(case.get_absolute_url())
    assert concern.get_absolute_url() in page.text
    again = client.get(url)
    assert again.status_code == 302 and again.url == case.get_absolute_url()


def test_the_concern_is_named_on_the_case_only_to_those_who_may_read_it(
    client_for, concern, radicalisation_contact, case_member
):
    client_for(radicalisation_contact).post(
        reverse("extremism:case_create_from_concern", args=[concern.pk]),
        {"summary": "Fra bekymringen.", "gender": "unknown", "risk_level": "moderate"},
    )
    case = Case.objects.get()
    from extremism.models import CaseMember

    CaseMember.objects.create(case=case, user=case_member, added_by=radicalisation_contact)
    page = client_for(case_member).get(case.get_absolute_url())
    assert page.status_code == 200
    assert concern.get_absolute_url() not in page.text


def test_a_contact_who_may_not_read_the_concern_gets_404(client_for, agency_member, radicalisation_contact):
    hidden = ConcernFactory(reporter=agency_member, categories=RADICALISATION)
    response = client_for(radicalisation_contact).post(
        reverse("extremism:case_create_from_concern", args=[hidden.pk]),
        {"summary": "Skjult.", "gender": "unknown", "risk_level": "moderate"},
    )
    assert response.status_code == 404
    assert not Case.objects.exists()
