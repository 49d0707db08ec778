"""Agenda items are moved up and down and removed only before the meeting starts; after the start the
buttons are gone and a POST answers 409 Conflict with nothing changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, AgendaItem
from coordination.services import agenda_item_move
from coordination.services.meetings import AgendaLocked
from slt.audit.models import AuditEvent

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _meeting(*, started=False, **kwargs):
    start = timezone.now() + (timedelta(hours=-1) if started else timedelta(days=3))
    meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=2), **kwargs)
    for number, title in enumerate(["Rus i helgene", "Skolevei", "Eventuelt"], start=1):
        AgendaItemFactory(meeting=meeting, position=number, title=title)
    return meeting


def _order(meeting):
    return list(meeting.agenda.order_by("position", "id").values_list("title", "position"))


def _move(client, item, direction, **kwargs):
    return client.post(
        reverse("coordination:agenda_item_move", args=[item.meeting_id, item.pk]), {"direction": direction}, **kwargs
    )


def test_an_item_moves_up_and_down_without_javascript(client_for, coordinator):
    meeting = _meeting()
    client = client_for(coordinator)
    skolevei = meeting.agenda.get(title="Skolevei")

    response = _move(client, skolevei, "up")
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#agenda-{skolevei.pk}"
    assert _order(meeting) == [("Skolevei", 1), ("Rus i helgene", 2), ("Eventuelt", 3)]

    _move(client, skolevei, "down")
    _move(client, skolevei, "down")
    assert _order(meeting) == [("Rus i helgene", 1), ("Eventuelt", 2), ("Skolevei", 3)]
    assert AuditEvent.objects.filter(object_type="coordination.meeting", action="update").count() == 3


def test_htmx_gets_the_agenda_in_its_new_order_and_the_live_status(client_for, agency_member):
    meeting = _meeting(secretary=agency_member, invitees=[agency_member])
    eventuelt = meeting.agenda.get(title="Eventuelt")
    response = _move(client_for(agency_member), eventuelt, "up", headers=HTMX)
    assert response.status_code == 200
    body = response.text
    assert body.lstrip().startswith('<div id="agenda-items">')
    assert body.index("Eventuelt") < body.index("Skolevei")
    assert "Saken «Eventuelt» er nå nummer 2." in body
    # The upload form's list of items follows the new order.
    upload = body.split('id="attachment-upload" hx-swap-oob="true"', 1)[1]
    assert upload.index("2. Eventuelt") < upload.index("3. Skolevei")
    assert _order(meeting) == [("Rus i helgene", 1), ("Eventuelt", 2), ("Skolevei", 3)]


def test_the_first_item_has_no_up_button_and_moving_past_the_end_changes_nothing(client_for, coordinator):
    meeting = _meeting()
    first = meeting.agenda.get(position=1)
    page = client_for(coordinator).get(meeting.get_absolute_url()).text
    assert f'id="move-up-{first.pk}"' not in page and f'id="move-down-{first.pk}"' in page
    assert _move(client_for(coordinator), first, "up").status_code == 302
    assert _order(meeting) == [("Rus i helgene", 1), ("Skolevei", 2), ("Eventuelt", 3)]
    assert not AuditEvent.objects.filter(object_type="coordination.meeting").exists()


def test_an_unknown_direction_is_refused(client_for, coordinator):
    meeting = _meeting()
    response = _move(client_for(coordinator), meeting.agenda.get(position=2), "sideways")
    assert response.status_code == 400
    assert _order(meeting) == [("Rus i helgene", 1), ("Skolevei", 2), ("Eventuelt", 3)]


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_after_the_start_moving_answers_409_and_nothing_changes(client_for, coordinator, headers):
    meeting = _meeting(started=True)
    before = _order(meeting)
    response = _move(client_for(coordinator), meeting.agenda.get(position=2), "up", headers=headers)
    assert response.status_code == 409
    assert "Møtet har startet" in response.text
    assert _order(meeting) == before
    page = client_for(coordinator).get(meeting.get_absolute_url()).text
    assert "move-up-" not in page and "Flytt opp" not in page and "/fjern/" not in page


def test_the_service_refuses_after_the_start(coordinator):
    meeting = _meeting(started=True)
    with pytest.raises(AgendaLocked):
        agenda_item_move(actor=coordinator, item=meeting.agenda.get(position=2), direction="up")
    assert _order(meeting) == [("Rus i helgene", 1), ("Skolevei", 2), ("Eventuelt", 3)]


@pytest.mark.parametrize(("who", "status"), [("agency_member", 404), ("police", 403)])
def test_others_cannot_move_or_remove(request, client_for, who, status):
    user = request.getfixturevalue(who)
    meeting = _meeting(invitees=[user] if status == 403 else [])
    item = meeting.agenda.get(position=2)
    client = client_for(user)
    assert _move(client, item, "up").status_code == status
    remove = reverse("coordination:agenda_item_delete", args=[meeting.pk, item.pk])
    assert client.get(remove).status_code == status
    assert client.post(remove).status_code == status
    assert _order(meeting) == [("Rus i helgene", 1), ("Skolevei", 2), ("Eventuelt", 3)]


def test_an_item_is_removed_after_a_confirmation_and_the_rest_move_up(client_for, coordinator):
    meeting = _meeting()
    item = meeting.agenda.get(title="Rus i helgene")
    client = client_for(coordinator)
    url = reverse("coordination:agenda_item_delete", args=[meeting.pk, item.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Fjerne saken «Rus i helgene» fra møtet?" in confirm.text
    assert AgendaItem.objects.filter(pk=item.pk).exists()

    response = client.post(url, follow=True)
    assert "Saken «Rus i helgene» er fjernet." in response.text
    assert _order(meeting) == [("Skolevei", 1), ("Eventuelt", 2)]
    assert AuditEvent.objects.filter(
        action="delete", object_type="coordination.agendaitem", object_id=str(item.pk)
    ).exists()


def test_after_the_start_removing_answers_409(client_for, coordinator):
    meeting = _meeting(started=True)
    item = meeting.agenda.get(position=1)
    url = reverse("coordination:agenda_item_delete", args=[meeting.pk, item.pk])
    client = client_for(coordinator)
    assert client.get(url).status_code == 409
    assert client.post(url).status_code == 409
    assert _order(meeting) == [("Rus i helgene", 1), ("Skolevei", 2), ("Eventuelt", 3)]


def test_an_item_with_action_items_is_kept(client_for, coordinator, school):
    meeting = _meeting()
    item = meeting.agenda.get(position=1)
    ActionItem.objects.create(
        title="Foreldremøte",
        responsible_agency=school,
        due_date=timezone.localdate() + timedelta(days=9),
        source="meeting",
        meeting=meeting,
        agenda_item=item,
    )
    response = client_for(coordinator).post(
        reverse("coordination:agenda_item_delete", args=[meeting.pk, item.pk]), follow=True
    )
    assert "Saken har tiltak og kan ikke fjernes." in response.text
    assert AgendaItem.objects.filter(pk=item.pk).exists()
