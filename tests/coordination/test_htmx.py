"""htmx where it saves a page load: the list filters, an action item's status and its progress notes.

A request with `HX-Request: true` gets the fragment that htmx swaps; the same address without it (no
JavaScript) gets the whole page, or a redirect after a POST, as before."""

import pytest
from django.urls import reverse

from coordination.models import ActionItem

from .factories import ActionItemFactory, ConcernFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _is_fragment(response):
    return "<html" not in response.text and "<!doctype" not in response.text.lower()


# --- list filters -------------------------------------------------------------------------------------------


def test_the_action_item_filter_answers_htmx_with_the_results_only(client_for, coordinator, school):
    ActionItemFactory(title="Lys i undergangen", responsible_agency=school)
    ActionItemFactory(title="Foreldremøte", responsible_agency=school, status="done")
    url = reverse("coordination:action_item_list")
    client = client_for(coordinator)

    fragment = client.get(url, {"status": "done"}, headers=HTMX)
    page = client.get(url, {"status": "done"})

    assert fragment.status_code == page.status_code == 200
    assert _is_fragment(fragment)
    assert "Foreldremøte" in fragment.text and "Lys i undergangen" not in fragment.text
    assert 'name="q"' not in fragment.text  # the filter form stays on the page, only the results change
    # The export button follows the filter (swapped out of band).
    assert 'id="action-item-export"' in fragment.text and 'hx-swap-oob="true"' in fragment.text
    assert "status=done" in fragment.text
    assert not _is_fragment(page)
    assert 'hx-get="/tiltak/"' in page.text and 'hx-push-url="true"' in page.text
    assert "Foreldremøte" in page.text and "Lys i undergangen" not in page.text
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]


def test_the_concern_filter_answers_htmx_with_the_results_only(client_for, coordinator, other_reporter):
    drugs = ConcernFactory(reporter=other_reporter, categories=["drugs"])
    theft = ConcernFactory(reporter=other_reporter, categories=["theft"])
    url = reverse("coordination:concern_list")
    client = client_for(coordinator)

    fragment = client.get(url, {"category": "theft"}, headers=HTMX)
    page = client.get(url, {"category": "theft"})

    assert _is_fragment(fragment) and not _is_fragment(page)
    assert theft.reference in fragment.text and drugs.reference not in fragment.text
    assert theft.reference in page.text and drugs.reference not in page.text
    assert 'hx-target="#concern-results"' in page.text


def test_the_inbox_filter_keeps_to_the_inbox(client_for, police, other_reporter):
    from .factories import ConcernShareFactory

    shared = ConcernShareFactory(concern=ConcernFactory(reporter=other_reporter), agency=police.agency).concern
    own = ConcernFactory(reporter=police)
    fragment = client_for(police).get(reverse("coordination:concern_inbox"), headers=HTMX)
    assert shared.reference in fragment.text and own.reference not in fragment.text


def test_a_history_restore_gets_the_whole_page(client_for, coordinator):
    response = client_for(coordinator).get(
        reverse("coordination:concern_list"), headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert not _is_fragment(response)


def test_a_list_the_user_may_not_see_stays_closed_to_htmx(client_for, steering):
    assert client_for(steering).get(reverse("coordination:concern_list"), headers=HTMX).status_code == 403


# --- status of an action item -------------------------------------------------------------------------------


def _status_url(item):
    return reverse("coordination:action_item_status", args=[item.pk])


def test_htmx_changes_the_status_and_swaps_the_status_card(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    client = client_for(agency_member)

    response = client.post(_status_url(item), {"status": "done"}, headers=HTMX)

    assert response.status_code == 200
    assert _is_fragment(response)
    assert 'id="action-item-status"' in response.text and "Statusen er lagret." in response.text
    assert response.text.count('hx-swap-oob="true"') == 2  # the badges and the facts show the new status
    assert ">Utført</span>" in response.text
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE and item.completed_at is not None
    # The notice was shown in the fragment; it does not turn up again on the next page.
    assert "Statusen er lagret." not in client.get(item.get_absolute_url()).text


def test_htmx_shows_the_services_refusal_in_the_card(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)

    response = client_for(agency_member).post(_status_url(item), {"status": "wont_do", "reason": " "}, headers=HTMX)

    assert response.status_code == 422  # swapped in as well (partials/htmx_head.html)
    assert _is_fragment(response)
    assert "Skriv hvorfor tiltaket ikke blir utført." in response.text
    assert "Statusen er lagret." not in response.text
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (ActionItem.Status.OPEN, "")


def test_without_javascript_the_status_form_posts_and_redirects(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    client = client_for(agency_member)

    response = client.post(_status_url(item), {"status": "in_progress"})

    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert "Statusen er lagret." in client.get(response.url).text
    item.refresh_from_db()
    assert item.status == ActionItem.Status.IN_PROGRESS


def test_htmx_does_not_open_the_door_to_others(client_for, police, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    response = client_for(police).post(_status_url(item), {"status": "done"}, headers=HTMX)
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_the_detail_page_carries_the_htmx_forms_and_plain_forms(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    page = client_for(agency_member).get(item.get_absolute_url()).text
    assert f'action="{_status_url(item)}"' in page and f'hx-post="{_status_url(item)}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "vendor/htmx/htmx.min.js" in page


# --- progress notes -----------------------------------------------------------------------------------------


def _note_url(item):
    return reverse("coordination:action_item_note", args=[item.pk])


def test_htmx_adds_a_progress_note_and_swaps_the_notes(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)

    response = client_for(agency_member).post(_note_url(item), {"text": "Bestilt lyskaster."}, headers=HTMX)

    assert response.status_code == 200
    assert _is_fragment(response)
    assert 'id="action-item-notes"' in response.text
    assert "Bestilt lyskaster." in response.text and "Fremdriftsnotatet er lagt til." in response.text
    assert item.notes.get().text == "Bestilt lyskaster."


def test_htmx_refuses_an_empty_note_in_the_form(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    response = client_for(agency_member).post(_note_url(item), {"text": ""}, headers=HTMX)
    assert response.status_code == 422
    assert 'id="action-item-notes"' in response.text and "is-invalid" in response.text
    assert not item.notes.exists()


def test_without_javascript_the_note_form_posts_and_redirects(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    response = client_for(agency_member).post(_note_url(item), {"text": "Ferdig neste uke."})
    assert response.status_code == 302
    assert item.notes.get().text == "Ferdig neste uke."
