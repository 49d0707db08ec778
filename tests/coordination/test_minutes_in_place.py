"""The minutes written on the meeting page itself: one form per agenda item, posted by htmx (the item is
swapped, the live status says "Lagret HH:MM") or as a normal form without JavaScript."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import AgendaItem
from slt.audit.models import AuditEvent

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _started_meeting(**kwargs):
    start = timezone.now() - timedelta(hours=1)
    return MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=2), **kwargs)


def _post(item, **fields):
    return {f"item-{item.pk}-{name}": value for name, value in {"title": item.title, **fields}.items()}


def _url(item):
    return reverse("coordination:agenda_item_edit", args=[item.meeting_id, item.pk])


def test_the_meeting_page_holds_a_minutes_form_for_every_item(client_for, coordinator):
    meeting = _started_meeting()
    first = AgendaItemFactory(meeting=meeting, position=1, title="Rus i helgene")
    second = AgendaItemFactory(meeting=meeting, position=2, title="Skolevei")
    page = client_for(coordinator).get(meeting.get_absolute_url()).text
    for item in (first, second):
        assert f'hx-post="{_url(item)}"' in page
        assert f'name="item-{item.pk}-minutes"' in page
        assert f'name="item-{item.pk}-decision"' in page
    assert 'aria-live="polite"' in page
    assert "js/meeting-minutes.js" in page


def test_htmx_saves_one_item_and_answers_with_the_item_and_the_live_status(client_for, agency_member):
    meeting = _started_meeting(secretary=agency_member, invitees=[agency_member])
    item = AgendaItemFactory(meeting=meeting, title="Rus i helgene")
    other = AgendaItemFactory(meeting=meeting, title="Skolevei", minutes="Uendret")

    response = client_for(agency_member).post(
        _url(item), _post(item, minutes="Mer alkohol på fester.", decision="Foreldremøte."), headers=HTMX
    )

    assert response.status_code == 200
    item.refresh_from_db()
    assert (item.minutes, item.decision) == ("Mer alkohol på fester.", "Foreldremøte.")
    assert AgendaItem.objects.get(pk=other.pk).minutes == "Uendret"
    body = response.text
    assert body.lstrip().startswith(f'<article id="agenda-{item.pk}"')
    assert f"Lagret {timezone.localtime():%H:}" in body
    assert 'id="minutes-status" hx-swap-oob="innerHTML"' in body
    # The approve button appears as soon as there is something to approve.
    assert 'id="meeting-approve" hx-swap-oob="true"' in body and "Godkjenn referat" in body
    assert "Tiltak fra vedtak i sak" in body
    assert response["Vary"].count("HX-Request") == 1
    assert AuditEvent.objects.filter(object_type="coordination.agendaitem", object_id=str(item.pk)).exists()


def test_htmx_refusal_keeps_the_text_and_shows_the_error_with_422(client_for, coordinator):
    meeting = _started_meeting()
    item = AgendaItemFactory(meeting=meeting, title="Rus i helgene", minutes="Før")
    response = client_for(coordinator).post(
        _url(item), _post(item, title="", minutes="Teksten som ikke må forsvinne"), headers=HTMX
    )
    assert response.status_code == 422
    assert "Teksten som ikke må forsvinne" in response.text
    assert "påkrevet" in response.text
    assert "Ikke lagret" in response.text
    item.refresh_from_db()
    assert (item.title, item.minutes) == ("Rus i helgene", "Før")


def test_without_javascript_the_form_posts_and_returns_to_the_item(client_for, coordinator):
    meeting = _started_meeting()
    item = AgendaItemFactory(meeting=meeting)
    client = client_for(coordinator)
    response = client.post(_url(item), _post(item, minutes="Skrevet uten JavaScript."))
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#agenda-{item.pk}"
    item.refresh_from_db()
    assert item.minutes == "Skrevet uten JavaScript."

    refused = client.post(_url(item), _post(item, title="", minutes="Beholdes"))
    assert refused.status_code == 400
    assert "Beholdes" in refused.text and "påkrevet" in refused.text
    item.refresh_from_db()
    assert item.minutes == "Skrevet uten JavaScript."


def test_the_old_item_page_leads_to_the_item_on_the_meeting_page(client_for, coordinator):
    item = AgendaItemFactory()
    response = client_for(coordinator).get(_url(item))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#agenda-{item.pk}")


@pytest.mark.parametrize(("who", "status"), [("agency_member", 404), ("steering", 403)])
def test_others_cannot_write_minutes(request, client_for, who, status):
    user = request.getfixturevalue(who)
    meeting = _started_meeting(invitees=[user] if status == 403 else [])
    item = AgendaItemFactory(meeting=meeting, minutes="Før")
    response = client_for(user).post(_url(item), _post(item, minutes="Kapret"), headers=HTMX)
    assert response.status_code == status
    item.refresh_from_db()
    assert item.minutes == "Før"
    if status == 403:  # a reader sees the minutes, without forms
        page = client_for(user).get(meeting.get_absolute_url()).text
        assert "Før" in page and f'name="item-{item.pk}-minutes"' not in page


def test_approved_minutes_have_no_forms_and_refuse_changes(client_for, coordinator):
    meeting = _started_meeting()
    item = AgendaItemFactory(meeting=meeting, minutes="Godkjent tekst")
    meeting.minutes_approved_at = timezone.now()
    meeting.save(update_fields=["minutes_approved_at"])
    client = client_for(coordinator)
    assert f'name="item-{item.pk}-minutes"' not in client.get(meeting.get_absolute_url()).text
    response = client.post(_url(item), _post(item, minutes="Endret"), headers=HTMX)
    assert response.status_code == 422
    assert "Referatet er godkjent og kan ikke lenger endres." in response.text
    item.refresh_from_db()
    assert item.minutes == "Godkjent tekst"


def test_the_meeting_page_costs_the_same_queries_with_many_items(client_for, coordinator, page_queries):
    from coordination.models import MeetingAttachment

    def meeting_with(count):
        meeting = _started_meeting()
        for number in range(count):
            item = AgendaItemFactory(meeting=meeting, position=number + 1, decision="Vedtak")
            for target in (item, None):
                MeetingAttachment.objects.create(
                    meeting=meeting,
                    agenda_item=target,
                    file="x.pdf",
                    name="x.pdf",
                    content_type="application/pdf",
                    size=1,
                )
        return meeting

    client = client_for(coordinator)
    small = page_queries(client, meeting_with(2).get_absolute_url())
    large = page_queries(client, meeting_with(25).get_absolute_url())
    assert small == large
