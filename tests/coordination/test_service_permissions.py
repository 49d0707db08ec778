"""Services re-check the permission themselves (coordination/services/__init__.py): called without a view
(the demo, a task, another app), they refuse whoever the door would have refused, and change nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coordination import services
from coordination.models import (
    ActionItem,
    ActionItemNote,
    Agency,
    AgendaItem,
    Concern,
    ConcernNote,
    ConcernShare,
    Forum,
    Meeting,
    MeetingAttachment,
)
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

SOON = timezone.localdate() + timedelta(days=7)


def _state():
    """Everything a coordination service may write, counted; and the rows' changeable fields."""
    return (
        AuditEvent.objects.count(),
        list(Agency.objects.values_list("name", "is_active")),
        list(Forum.objects.values_list("name", "mandate")),
        list(Meeting.objects.values_list("title", "minutes_approved_at", "updated_at", "cancelled_at", "sequence")),
        list(AgendaItem.objects.values_list("title", "position", "minutes")),
        list(ActionItem.objects.values_list("title", "status", "due_date", "updated_at")),
        ActionItemNote.objects.count(),
        list(Concern.objects.values_list("status", "description", "outcome")),
        list(ConcernShare.objects.values_list("agency_id", "revoked_at", "acknowledged_at")),
        ConcernNote.objects.count(),
        list(MeetingAttachment.objects.values_list("pk", flat=True)),
    )


@pytest.fixture
def world(police, agency_member, other_reporter):
    meeting = MeetingFactory(invitees=[police], starts_at=timezone.now() - timedelta(hours=1))
    concern = ConcernFactory(reporter=other_reporter, status=Concern.Status.ASSESSMENT)
    return {
        "agency": AgencyFactory(name="Park og vei"),
        "forum": ForumFactory(),
        "meeting": meeting,
        "agenda_item": AgendaItemFactory(meeting=meeting, decision="Flere voksne ute."),
        "item": ActionItemFactory(responsible_agency=agency_member.agency),
        "walk_item": ActionItemFactory(responsible_agency=agency_member.agency, source=ActionItem.Source.WALK),
        "concern": concern,
        "share": ConcernShareFactory(concern=concern, agency=agency_member.agency),
    }


# (service, who is refused, keyword arguments built from the world)
CALLS = [
    ("agency_save", "police", lambda w: {"agency": Agency(name="Ny aktør", kind="ngo")}),
    ("agency_save", "steering", lambda w: {"agency": w["agency"]}),
    ("forum_save", "police", lambda w: {"forum": Forum(name="Nytt forum", kind="working")}),
    ("forum_save", "agency_member", lambda w: {"forum": w["forum"]}),
    ("meeting_save", "police", lambda w: {"meeting": Meeting(forum=w["forum"], title="Nytt", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1))}),
    ("meeting_save", "police", lambda w: {"meeting": w["meeting"]}),
    ("meeting_set_attendance", "police", lambda w: {"meeting": w["meeting"], "agencies": [w["agency"]]}),
    ("agenda_item_save", "police", lambda w: {"item": AgendaItem(meeting=w["meeting"], title="Eventuelt")}),
    ("agenda_item_save", "police", lambda w: {"item": w["agenda_item"]}),
    ("agenda_item_move", "police", lambda w: {"item": w["agenda_item"], "direction": "up"}),
    ("agenda_item_delete", "agency_member", lambda w: {"item": w["agenda_item"]}),
    ("meeting_attachment_add", "police", lambda w: {"meeting": w["meeting"], "upload": SimpleUploadedFile("a.pdf", b"%PDF-1.7 x")}),
    ("meeting_attachment_delete", "police", lambda w: {"attachment": MeetingAttachment.objects.create(meeting=w["meeting"], file="x.pdf", name="x.pdf", content_type="application/pdf", size=1)}),
    ("meeting_approve_minutes", "police", lambda w: {"meeting": w["meeting"]}),
    ("meeting_cancel", "police", lambda w: {"meeting": w["meeting"]}),
    ("decision_action_item_create", "police", lambda w: {"agenda_item": w["agenda_item"], "title": "T", "responsible_agency": w["agency"], "due_date": SOON}),
    ("action_item_create", "police", lambda w: {"title": "T", "responsible_agency": w["agency"], "due_date": SOON}),
    ("action_item_create", "police", lambda w: {"title": "T", "responsible_agency": w["agency"], "due_date": SOON, "source": "meeting", "meeting": w["meeting"]}),
    ("action_item_create", "agency_member", lambda w: {"title": "T", "responsible_agency": w["agency"], "due_date": SOON, "source": "concern", "concern": w["concern"]}),
    ("action_item_create", "steering", lambda w: {"title": "T", "responsible_agency": w["agency"], "due_date": SOON, "source": "walk"}),
    ("action_item_set_status", "police", lambda w: {"item": w["item"], "status": "done"}),
    ("action_item_set_status", "steering", lambda w: {"item": w["walk_item"], "status": "done"}),
    ("action_item_update", "agency_member", lambda w: {"item": w["item"], "title": "Endret", "responsible_agency": w["agency"], "due_date": SOON}),
    ("action_item_add_note", "police", lambda w: {"item": w["item"], "text": "Notat"}),
    ("concern_create", "steering", lambda w: {"concern": Concern(age_band="13-15", description="Uro"), "categories": ["drugs"]}),
    ("concern_update", "agency_member", lambda w: {"concern": w["concern"], "categories": ["drugs"]}),
    ("concern_set_status", "agency_member", lambda w: {"concern": w["concern"], "status": "measures"}),
    ("concern_share", "agency_member", lambda w: {"concern": w["concern"], "agency": w["agency"], "legal_basis": "anonymous"}),
    ("concern_share_revoke", "agency_member", lambda w: {"share": w["share"]}),
    ("concern_add_note", "police", lambda w: {"concern": w["concern"], "text": "Notat"}),
    ("concern_acknowledge", "police", lambda w: {"concern": w["concern"]}),
    ("concern_identity_search", "police", lambda w: {"name": "Nordmann"}),
    ("concern_measure_create", "agency_member", lambda w: {"concern": w["concern"], "title": "T", "responsible_agency": w["agency"], "due_date": SOON}),
]  # fmt: skip


@pytest.mark.parametrize(
    "service, who, arguments", [pytest.param(*call, id=f"{call[0]}-{call[1]}-{i}") for i, call in enumerate(CALLS)]
)
def test_a_service_refuses_who_may_not(request, world, service, who, arguments):
    actor = request.getfixturevalue(who)
    kwargs = arguments(world)
    before = _state()
    with pytest.raises(PermissionDenied):
        getattr(services, service)(actor=actor, **kwargs)
    assert _state() == before


def test_every_writing_service_is_in_the_table():
    checked = {service for service, _who, _arguments in CALLS}
    # concern_record_view and meeting_attachment_downloaded write only the audit trail and refuse nothing (the
    # door has decided who reads).
    assert checked | {"concern_record_view", "meeting_attachment_downloaded"} == set(services.__all__)


def test_the_same_services_let_the_right_people_through(world, coordinator, agency_member, police):
    """The other half: the actors the policy allows get the write done (without any view)."""
    item = services.action_item_set_status(actor=agency_member, item=world["item"], status="done")
    assert item.status == ActionItem.Status.DONE
    assert services.action_item_add_note(actor=agency_member, item=item, text="Ferdig").item == item
    share = services.concern_acknowledge(actor=agency_member, concern=world["concern"])
    assert share.acknowledged_by == agency_member
    assert services.concern_add_note(actor=agency_member, concern=world["concern"], text="Lest").author == agency_member
    decision = services.decision_action_item_create(
        actor=coordinator,
        agenda_item=world["agenda_item"],
        title="T",
        responsible_agency=world["agency"],
        due_date=SOON,
    )
    assert decision.meeting == world["meeting"]
    # A safety walk's measure is given out by the walk's managers (checked by the walks app) with a case role.
    walk_item = services.action_item_create(
        actor=police, title="Lys", responsible_agency=world["agency"], due_date=SOON, source="walk"
    )
    assert walk_item.source == ActionItem.Source.WALK
