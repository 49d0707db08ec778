"""DESIGN.md section 3 as a matrix: every coordination URL × role × relationship to the record.

A record the user may not read answers 404 (detail pages, writes, calendar files) and is absent from lists
and CSV exports. Denied writes change nothing.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Concern, ConcernShare, Meeting
from slt.audit.models import AuditEvent
from tests.factories import AgencyFactory

from .factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConcernFactory,
    ConcernShareFactory,
    ForumFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "coordinator", "police", "agency_member", "steering"]

# --- concerns ----------------------------------------------------------------------------------------------

CONCERN_RELATIONS = ["own", "shared", "not_shared", "revoked"]
# Who may read a concern (coordinators; the reporter; members of agencies with an active share).
# Steering and admin see no case data, even when a concern names them or their agency.
CONCERN_READ = {
    "coordinator": {"own", "shared", "not_shared", "revoked"},
    "police": {"own", "shared"},
    "agency_member": {"own", "shared"},
    "admin": set(),
    "steering": set(),
}


def _concern_for(user, relation, other_reporter):
    reporter = user if relation == "own" else other_reporter
    concern = ConcernFactory(reporter=reporter)
    agency = user.agency or AgencyFactory(name="Annen aktør")
    if relation == "shared":
        ConcernShareFactory(concern=concern, agency=agency)
    elif relation == "revoked":
        ConcernShareFactory(concern=concern, agency=agency, revoked_at=timezone.now())
    return concern


def _concern_state(concern):
    concern.refresh_from_db()
    return (
        concern.status,
        concern.description,
        concern.notes.count(),
        list(concern.shares.values_list("agency_id", "revoked_at", "acknowledged_at")),
        concern.action_items.count(),
        AuditEvent.objects.exclude(action=AuditEvent.Action.VIEW).count(),
    )


def _concern_writes(concern, user):
    """URL, POST data, who may do it (beyond reading: 'reader', 'recipient', 'coordinator', 'editor'), and
    the effect an allowed write has."""
    share = concern.shares.filter(revoked_at__isnull=True).first()
    agency = AgencyFactory(name="Helsestasjon for ungdom")
    writes = [
        (
            reverse("coordination:concern_note", args=[concern.pk]),
            {"text": "Snakket med eleven."},
            "reader",
            lambda: concern.notes.filter(kind="note", text="Snakket med eleven.", author=user).exists(),
        ),
        (
            reverse("coordination:concern_acknowledge", args=[concern.pk]),
            {},
            "recipient",
            lambda: concern.shares.filter(acknowledged_by=user, acknowledged_at__isnull=False).exists(),
        ),
        (
            reverse("coordination:concern_status", args=[concern.pk]),
            {"status": "assessment"},
            "coordinator",
            lambda: Concern.objects.get(pk=concern.pk).status == Concern.Status.ASSESSMENT,
        ),
        (
            reverse("coordination:concern_share", args=[concern.pk]),
            {"agency": agency.pk, "legal_basis": "anonymous"},
            "coordinator",
            lambda: concern.shares.filter(agency=agency, shared_by=user, revoked_at__isnull=True).exists(),
        ),
        (
            reverse("coordination:concern_measure", args=[concern.pk]),
            {
                "title": "Samtale",
                "responsible_agency": agency.pk,
                "due_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
            },
            "coordinator",
            lambda: concern.action_items.filter(title="Samtale", responsible_agency=agency).exists(),
        ),
        (
            reverse("coordination:concern_update", args=[concern.pk]),
            {
                "age_band": "13-15",
                "gender": "unknown",
                "categories": ["drugs"],
                "risk_level": "low",
                "observed_on": timezone.localdate().isoformat(),
                "description": "Endret tekst",
            },
            "editor",
            lambda: Concern.objects.get(pk=concern.pk).description == "Endret tekst",
        ),
    ]
    if share is not None:  # revoking a revoked share again: test_concern_share.py
        writes.append(
            (
                reverse("coordination:concern_share_revoke", args=[concern.pk, share.pk]),
                {},
                "coordinator",
                lambda: ConcernShare.objects.get(pk=share.pk).revoked_by == user,
            )
        )
    return writes


def _allowed(kind, role, relation, user, concern):
    if kind == "reader":
        return True
    if kind == "recipient":
        return relation == "shared"
    if kind == "coordinator":
        return role == "coordinator"
    if kind == "editor":
        return role == "coordinator" or concern.reporter_id == user.pk
    raise AssertionError(kind)


@pytest.mark.parametrize("relation", CONCERN_RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_concern_pages(request, client_for, other_reporter, role, relation):
    user = request.getfixturevalue(role)
    concern = _concern_for(user, relation, other_reporter)
    client = client_for(user)
    readable = relation in CONCERN_READ[role]

    detail = client.get(concern.get_absolute_url())
    assert detail.status_code == (200 if readable else 404)
    edit_page = client.get(reverse("coordination:concern_update", args=[concern.pk]))
    may_edit = readable and (role == "coordinator" or relation == "own")
    assert edit_page.status_code == (200 if may_edit else 403 if readable else 404)

    listing = client.get(reverse("coordination:concern_list"))
    inbox = client.get(reverse("coordination:concern_inbox"))
    if role in ("admin", "steering"):
        assert listing.status_code == 403
        assert inbox.status_code == 403
    else:
        assert listing.status_code == 200
        assert (concern.reference in listing.text) == readable
        assert (concern.reference in inbox.text) == (relation == "shared")


@pytest.mark.parametrize("relation", CONCERN_RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_concern_writes(request, client_for, other_reporter, role, relation):
    user = request.getfixturevalue(role)
    readable = relation in CONCERN_READ[role]
    client = client_for(user)
    concern = _concern_for(user, relation, other_reporter)
    for url, data, kind, done in _concern_writes(concern, user):
        before = _concern_state(concern)
        response = client.post(url, data)
        if not readable:
            assert response.status_code == 404, url
        elif _allowed(kind, role, relation, user, concern):
            assert response.status_code == 302, (url, response.status_code)
            assert done(), url
            continue
        else:
            assert response.status_code == 403, url
        assert _concern_state(concern) == before, url
        assert not done(), url


# --- meetings ----------------------------------------------------------------------------------------------

MEETING_RELATIONS = ["invitee", "forum_member", "secretary", "unrelated"]


def _meeting_for(user, relation):
    forum = ForumFactory(members=[user] if relation == "forum_member" else [])
    meeting = MeetingFactory(
        forum=forum,
        title=f"Koordineringsmøte {relation}",
        invitees=[user] if relation == "invitee" else [],
        secretary=user if relation == "secretary" else None,
        starts_at=timezone.now() - timedelta(hours=1),
    )
    AgendaItemFactory(meeting=meeting, title="Rus i sentrum", decision="Flere voksne ute.")
    return meeting


def _meeting_state(meeting):
    meeting.refresh_from_db()
    return (
        meeting.title,
        meeting.minutes_approved_at,
        meeting.agenda.count(),
        meeting.attendees.count(),
        meeting.attending_agencies.count(),
        ActionItem.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("relation", MEETING_RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_and_writes(request, client_for, role, relation):
    user = request.getfixturevalue(role)
    meeting = _meeting_for(user, relation)
    item = meeting.agenda.get()
    client = client_for(user)
    readable = role == "coordinator" or relation in ("invitee", "forum_member")
    if relation == "secretary":
        # A secretary who is neither invited nor a member reads only as a coordinator would.
        readable = role == "coordinator"
    may_change = readable and role == "coordinator"

    for name in ("meeting_detail", "meeting_minutes", "meeting_ics"):
        response = client.get(reverse(f"coordination:{name}", args=[meeting.pk]))
        assert response.status_code == (200 if readable else 404), name
    listing = client.get(reverse("coordination:meeting_list"))
    assert (meeting.title in listing.text) == readable
    forum_page = client.get(meeting.forum.get_absolute_url())
    assert forum_page.status_code == 200  # forums are open to every signed-in user
    assert (meeting.title in forum_page.text) == readable

    agency = AgencyFactory(name="Lura ungdomsskole")
    writes = [
        (
            reverse("coordination:agenda_item_add", args=[meeting.pk]),
            {"title": "Eventuelt"},
            lambda: meeting.agenda.filter(title="Eventuelt").exists(),
        ),
        (
            reverse("coordination:meeting_attendance", args=[meeting.pk]),
            {"agencies": [agency.pk]},
            lambda: meeting.attending_agencies.filter(pk=agency.pk).exists(),
        ),
        (
            reverse("coordination:agenda_item_edit", args=[meeting.pk, item.pk]),
            {
                f"item-{item.pk}-title": "Rus",
                f"item-{item.pk}-minutes": "Referat",
                f"item-{item.pk}-decision": "Vedtak",
            },
            lambda: meeting.agenda.filter(pk=item.pk, title="Rus", minutes="Referat", decision="Vedtak").exists(),
        ),
        (
            reverse("coordination:agenda_item_action", args=[meeting.pk, item.pk]),
            {
                "title": "Foreldremøte",
                "responsible_agency": agency.pk,
                "due_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
            },
            lambda: ActionItem.objects.filter(title="Foreldremøte", agenda_item=item, meeting=meeting).exists(),
        ),
        (
            reverse("coordination:meeting_approve", args=[meeting.pk]),
            {},
            lambda: Meeting.objects.get(pk=meeting.pk).minutes_approved_by == user,
        ),
    ]
    for url, data, done in writes:
        before = _meeting_state(meeting)
        response = client.post(url, data)
        if not readable:
            assert response.status_code == 404, url
        elif not may_change:
            assert response.status_code == 403, url
        else:
            assert response.status_code == 302, (url, response.status_code)
            assert done(), url
            continue
        assert _meeting_state(meeting) == before, url
        assert not done(), url


def test_the_secretary_who_is_invited_changes_the_meeting(client_for, agency_member):
    meeting = _meeting_for(agency_member, "secretary")
    meeting.invitees.add(agency_member)
    response = client_for(agency_member).post(
        reverse("coordination:agenda_item_add", args=[meeting.pk]), {"title": "Eventuelt"}
    )
    assert response.status_code == 302
    assert meeting.agenda.filter(title="Eventuelt").exists()


# --- action items ------------------------------------------------------------------------------------------

ACTION_RELATIONS = ["own_agency", "meeting_invitee", "unrelated", "walk"]


def _action_item_for(user, relation):
    other = AgencyFactory(name="Park og vei")
    if relation == "own_agency":
        return ActionItemFactory(title="Eget tiltak", responsible_agency=user.agency or other)
    if relation == "meeting_invitee":
        meeting = MeetingFactory(invitees=[user])
        return ActionItemFactory(title="Tiltak fra møtet", responsible_agency=other, meeting=meeting)
    if relation == "walk":
        return ActionItemFactory(title="Tiltak fra vandring", responsible_agency=other, source="walk")
    return ActionItemFactory(title="Annens tiltak", responsible_agency=other)


def _action_readable(role, relation, user):
    if role == "coordinator" or relation in ("meeting_invitee", "walk"):
        return True
    return relation == "own_agency" and user.agency_id is not None


@pytest.mark.parametrize("relation", ACTION_RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_action_item_pages_and_writes(request, client_for, role, relation):
    user = request.getfixturevalue(role)
    item = _action_item_for(user, relation)
    client = client_for(user)
    readable = _action_readable(role, relation, user)
    may_update = role == "coordinator" or (relation == "own_agency" and user.agency_id is not None)

    assert client.get(item.get_absolute_url()).status_code == (200 if readable else 404)
    listing = client.get(reverse("coordination:action_item_list"))
    assert (item.title in listing.text) == readable

    export = client.get(reverse("coordination:action_item_export"))
    if user.agency_id is None and role != "coordinator":
        assert export.status_code == 404
    else:
        assert export.status_code == 200
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
        titles = {row[1] for row in rows[1:]}
        # An agency exports its own action items; a coordinator exports all.
        assert (item.title in titles) == (role == "coordinator" or relation == "own_agency")

    edit = reverse("coordination:action_item_update", args=[item.pk])
    assert client.get(edit).status_code == (200 if role == "coordinator" else 403 if readable else 404)
    for url, data, allowed, done in [
        (
            reverse("coordination:action_item_status", args=[item.pk]),
            {"status": "done"},
            may_update,
            lambda: ActionItem.objects.get(pk=item.pk).status == ActionItem.Status.DONE,
        ),
        (
            reverse("coordination:action_item_note", args=[item.pk]),
            {"text": "Bestilt."},
            may_update,
            lambda: item.notes.filter(text="Bestilt.", author=user).exists(),
        ),
        (
            edit,
            {"title": "Endret", "responsible_agency": item.responsible_agency_id, "due_date": "2030-01-01"},
            role == "coordinator",
            lambda: ActionItem.objects.get(pk=item.pk).title == "Endret",
        ),
    ]:
        before = _action_item_state(item)
        response = client.post(url, data)
        if readable and allowed:
            assert response.status_code == 302, url
            assert done(), url
            continue
        assert response.status_code == (403 if readable else 404), url
        assert _action_item_state(item) == before
        assert not done(), url


def _action_item_state(item):
    stored = ActionItem.objects.get(pk=item.pk)
    return (stored.status, stored.title, stored.due_date, item.notes.count())


# --- pages a role does not use at all ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name, allowed",
    [
        ("coordination:concern_create", {"coordinator", "police", "agency_member"}),
        ("coordination:action_item_create", {"coordinator"}),
        ("coordination:concern_inbox", {"coordinator", "police", "agency_member"}),
        ("coordination:meeting_create", {"coordinator"}),
        ("coordination:forum_create", {"coordinator"}),
        ("coordination:forum_list", set(ROLES)),
        ("coordination:statistics", set(ROLES)),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_create_pages_by_role(request, client_for, role, url_name, allowed):
    response = client_for(request.getfixturevalue(role)).get(reverse(url_name))
    assert response.status_code == (200 if role in allowed else 403)


def test_a_tampered_share_id_of_another_concern_answers_404(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    foreign_share = ConcernShareFactory(agency=AgencyFactory(name="Politiet"))
    response = client_for(coordinator).post(
        reverse("coordination:concern_share_revoke", args=[concern.pk, foreign_share.pk])
    )
    assert response.status_code == 404
    assert ConcernShare.objects.get(pk=foreign_share.pk).revoked_at is None


def test_an_agenda_item_of_another_meeting_answers_404(client_for, coordinator):
    meeting = MeetingFactory()
    foreign_item = AgendaItemFactory(title="Annen sak")
    response = client_for(coordinator).post(
        reverse("coordination:agenda_item_edit", args=[meeting.pk, foreign_item.pk]),
        {f"item-{foreign_item.pk}-title": "Kapret"},
    )
    assert response.status_code == 404
    foreign_item.refresh_from_db()
    assert foreign_item.title == "Annen sak"


def test_inactive_users_see_nothing(client_for, coordinator):
    concern = ConcernFactory(reporter=coordinator)
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    response = client_for(coordinator).get(concern.get_absolute_url())
    assert response.status_code in (302, 404)
