"""Leaks closed on concerns: the edit form's identity is audited, the timeline names other agencies only for
coordinators, the agency filter is for coordinators, and a name is never searched through an address."""

import pytest
from django.urls import reverse

from coordination import services
from coordination.models import Concern, LegalBasis
from slt.audit.models import AuditEvent
from tests.factories import AgencyFactory

from .factories import ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db

LIST = reverse("coordination:concern_list")
NAME_SEARCH = reverse("coordination:concern_identity_search")


@pytest.fixture
def concern(other_reporter):
    return ConcernFactory(
        reporter=other_reporter,
        full_name="Ola Nordmann",
        birth_date="2011-04-01",
        legal_basis=LegalBasis.CONSENT_GUARDIAN,
        description="Sett ved Ruten.",
    )


def _views(concern):
    return AuditEvent.objects.filter(action="view", object_type="coordination.concern", object_id=str(concern.pk))


# --- the edit form shows the identity: each showing is a read ---------------------------------------------


def test_opening_the_edit_form_writes_a_view_event(client_for, coordinator, concern):
    response = client_for(coordinator).get(reverse("coordination:concern_update", args=[concern.pk]))
    assert response.status_code == 200
    assert "Ola Nordmann" in response.text
    assert _views(concern).get().actor == coordinator


def test_the_reporter_opening_the_edit_form_is_audited(client_for, other_reporter, concern):
    response = client_for(other_reporter).get(reverse("coordination:concern_update", args=[concern.pk]))
    assert response.status_code == 200
    assert _views(concern).get().actor == other_reporter


def test_a_refused_edit_shows_the_form_again_and_is_audited(client_for, coordinator, concern):
    response = client_for(coordinator).post(reverse("coordination:concern_update", args=[concern.pk]), {"age": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert _views(concern).count() == 1
    concern.refresh_from_db()
    assert concern.description == "Sett ved Ruten."


def test_a_user_who_may_not_edit_gets_no_form_and_no_view_event(client_for, police, concern):
    ConcernShareFactory(concern=concern, agency=police.agency)
    response = client_for(police).get(reverse("coordination:concern_update", args=[concern.pk]))
    assert response.status_code == 403
    assert not _views(concern).exists()


# --- the timeline: an agency sees only its own share ---------------------------------------------------------


def _timeline(client, concern):
    page = client.get(concern.get_absolute_url()).text
    return page.split('id="timeline-heading"')[1].split("</ol>")[0]


def test_the_timeline_names_other_agencies_only_for_coordinators(client_for, coordinator, police, concern):
    child_welfare = AgencyFactory(name="Barneverntjenesten i Sandnes")
    services.concern_share(actor=coordinator, concern=concern, agency=police.agency, legal_basis="anonymous")
    other = services.concern_share(actor=coordinator, concern=concern, agency=child_welfare, legal_basis="anonymous")
    services.concern_share_revoke(actor=coordinator, share=other)
    services.concern_add_note(actor=coordinator, concern=concern, text="Samtale avtalt.")

    police_view = _timeline(client_for(police), concern)
    assert police.agency.name in police_view  # its own share
    assert "Barneverntjenesten" not in police_view  # neither the other share nor its revocation
    assert "Samtale avtalt." in police_view

    coordinator_view = _timeline(client_for(coordinator), concern)
    assert coordinator_view.count("Barneverntjenesten i Sandnes") == 2
    assert police.agency.name in coordinator_view


def test_the_reporter_does_not_see_which_agencies_got_the_concern(client_for, coordinator, other_reporter, concern):
    services.concern_share(
        actor=coordinator, concern=concern, agency=AgencyFactory(name="NAV Sandnes"), legal_basis="anonymous"
    )
    assert "NAV Sandnes" not in _timeline(client_for(other_reporter), concern)


# --- the agency filter: coordinators only ------------------------------------------------------------------


def _references(response):
    return {c.reference for c in response.context["page"].object_list}


def test_a_non_coordinator_cannot_filter_by_another_agencys_share(client_for, coordinator, police, other_reporter):
    child_welfare = AgencyFactory(name="Barneverntjenesten i Sandnes")
    both = ConcernFactory(reporter=other_reporter)
    only_police = ConcernFactory(reporter=other_reporter)
    for concern in (both, only_police):
        ConcernShareFactory(concern=concern, agency=police.agency)
    ConcernShareFactory(concern=both, agency=child_welfare)

    response = client_for(police).get(LIST, {"agency": child_welfare.pk})
    assert _references(response) == {both.reference, only_police.reference}  # the parameter is ignored
    assert 'name="agency"' not in response.text

    coordinator_response = client_for(coordinator).get(LIST, {"agency": child_welfare.pk})
    assert _references(coordinator_response) == {both.reference}
    assert 'name="agency"' in coordinator_response.text


# --- a name is never searched through an address ---------------------------------------------------------


def test_the_list_search_does_not_search_names(client_for, coordinator, concern):
    response = client_for(coordinator).get(LIST, {"q": "Nordmann"})
    assert _references(response) == set()
    assert _references(client_for(coordinator).get(LIST, {"q": "Ruten"})) == {concern.reference}


def test_the_global_search_does_not_search_names(client_for, coordinator, concern):
    response = client_for(coordinator).get(reverse("core:search"), {"q": "Nordmann"})
    assert response.status_code == 200
    assert concern.reference not in response.text


def test_a_coordinator_searches_by_name_on_a_post_form_that_is_audited(client_for, coordinator, concern):
    other = ConcernFactory(reporter=concern.reporter, full_name="Kari Nordmann", legal_basis="consent_youth")
    ConcernFactory(reporter=concern.reporter)
    client = client_for(coordinator)
    assert client.get(NAME_SEARCH).status_code == 200
    assert not AuditEvent.objects.filter(action="view").exists()  # the empty form reads nothing

    response = client.post(NAME_SEARCH, {"name": "nordmann"})
    assert response.status_code == 200
    assert {c.reference for c in response.context["results"]} == {concern.reference, other.reference}
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="view", object_type="coordination.concern")
    assert event.actor == coordinator
    assert sorted(event.details["identity_search"]) == sorted([concern.pk, other.pk])
    assert "nordmann" not in str(event.details).lower()

    narrowed = client.post(NAME_SEARCH, {"name": "nordmann", "birth_date": "2011-04-01"})
    assert [c.reference for c in narrowed.context["results"]] == [concern.reference]


def test_a_too_short_name_is_refused_with_a_message(client_for, coordinator, concern):
    response = client_for(coordinator).post(NAME_SEARCH, {"name": "O"})
    assert response.status_code == 400
    assert response.context["results"] is None
    assert not AuditEvent.objects.filter(action="view").exists()


@pytest.mark.parametrize("role", ["police", "agency_member", "steering", "admin"])
def test_only_coordinators_search_by_name(request, client_for, concern, role):
    user = request.getfixturevalue(role)
    if role == "police":
        ConcernShareFactory(concern=concern, agency=user.agency, includes_identity=True, legal_basis="consent_youth")
    client = client_for(user)
    assert client.get(NAME_SEARCH).status_code == 403
    response = client.post(NAME_SEARCH, {"name": "Nordmann"})
    assert response.status_code == 403
    assert "Nordmann" not in response.text
    assert not AuditEvent.objects.filter(action="view").exists()
    assert Concern.objects.get(pk=concern.pk).full_name == "Ola Nordmann"
