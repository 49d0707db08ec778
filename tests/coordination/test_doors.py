"""One door per protected record: `get_<thing>_for_user` answers 404 for a record the user may not read;
`get_<thing>_for_change` (and `..._for_edit`) 404 for that too, and 403 for one the user may only read."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from coordination import selectors
from coordination.models import Concern
from tests.factories import AgencyFactory, UserFactory

from .factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConcernFactory,
    ConcernShareFactory,
    ForumFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def _records(coordinator, police, agency_member, other_reporter):
    """Each record, with the police liaison as a reader who may not change it, unless said otherwise."""
    meeting = MeetingFactory(invitees=[police, agency_member], secretary=agency_member)
    secret_meeting = MeetingFactory(title="Lukket møte")
    agenda_item = AgendaItemFactory(meeting=meeting)
    shared = ConcernFactory(reporter=other_reporter)
    share = ConcernShareFactory(concern=shared, agency=police.agency)
    own = ConcernFactory(reporter=police)
    return {
        "meeting": meeting,
        "secret_meeting": secret_meeting,
        "agenda_item": agenda_item,
        "forum": ForumFactory(),
        "agency": AgencyFactory(name="Park og vei"),
        "inactive_agency": AgencyFactory(name="Nedlagt", is_active=False),
        "meeting_item": ActionItemFactory(meeting=meeting, responsible_agency=agency_member.agency),
        "own_item": ActionItemFactory(responsible_agency=police.agency),
        "foreign_item": ActionItemFactory(responsible_agency=agency_member.agency),
        "shared": shared,
        "share": share,
        "own": own,
        "foreign": ConcernFactory(reporter=other_reporter),
    }


# door, record, (user -> "ok" | 403 | 404)
CASES = [
    ("get_forum_for_user", "forum", {"police": "ok", "steering": "ok", "inactive": 404}),
    ("get_forum_for_change", "forum", {"coordinator": "ok", "police": 403, "inactive": 404}),
    ("get_agency_for_user", "inactive_agency", {"police": "ok", "inactive": 404}),
    ("get_agency_for_change", "agency", {"coordinator": "ok", "admin": "ok", "police": 403, "inactive": 404}),
    ("get_meeting_for_user", "meeting", {"police": "ok", "coordinator": "ok", "steering": 404}),
    ("get_meeting_for_user", "secret_meeting", {"coordinator": "ok", "police": 404}),
    ("get_meeting_for_change", "meeting", {"coordinator": "ok", "agency_member": "ok", "police": 403}),
    ("get_meeting_for_change", "secret_meeting", {"coordinator": "ok", "police": 404}),
    ("get_action_item_for_user", "foreign_item", {"agency_member": "ok", "coordinator": "ok", "police": 404}),
    ("get_action_item_for_change", "meeting_item", {"agency_member": "ok", "coordinator": "ok", "police": 403}),
    ("get_action_item_for_change", "foreign_item", {"police": 404}),
    ("get_action_item_for_edit", "own_item", {"coordinator": "ok", "police": 403, "agency_member": 404}),
    ("get_concern_for_user", "shared", {"police": "ok", "coordinator": "ok", "agency_member": 404, "steering": 404}),
    ("get_concern_for_change", "shared", {"coordinator": "ok", "police": 403, "agency_member": 404}),
    ("get_concern_for_change", "own", {"coordinator": "ok", "police": 403}),
    ("get_concern_for_edit", "own", {"coordinator": "ok", "police": "ok", "agency_member": 404}),
    ("get_concern_for_edit", "shared", {"coordinator": "ok", "police": 403}),
]


def _flatten():
    for door, record, answers in CASES:
        for user, expected in answers.items():
            yield pytest.param(door, record, user, expected, id=f"{door}-{record}-{user}")


@pytest.mark.parametrize("door, record, who, expected", list(_flatten()))
def test_the_door_answers(request, coordinator, police, agency_member, other_reporter, door, record, who, expected):
    records = _records(coordinator, police, agency_member, other_reporter)
    user = UserFactory(username="sluttet", is_active=False) if who == "inactive" else request.getfixturevalue(who)
    target = records[record]
    open_door = getattr(selectors, door)
    if expected == "ok":
        assert open_door(user, target.pk) == target
    else:
        with pytest.raises(Http404 if expected == 404 else PermissionDenied):
            open_door(user, target.pk)


def test_a_record_that_does_not_exist_is_404_at_every_door(coordinator):
    for door in {door for door, _record, _answers in CASES}:
        with pytest.raises(Http404):
            getattr(selectors, door)(coordinator, 999_999)


def test_the_agenda_item_doors(coordinator, police, agency_member):
    meeting = MeetingFactory(invitees=[police])
    item = AgendaItemFactory(meeting=meeting)
    other = MeetingFactory(invitees=[police])

    assert selectors.get_agenda_item_for_user(police, meeting.pk, item.pk) == item
    assert selectors.get_agenda_item_for_change(coordinator, meeting.pk, item.pk) == item
    with pytest.raises(PermissionDenied):
        selectors.get_agenda_item_for_change(police, meeting.pk, item.pk)
    with pytest.raises(Http404):  # not invited: the meeting and its agenda do not exist for them
        selectors.get_agenda_item_for_change(agency_member, meeting.pk, item.pk)
    with pytest.raises(Http404):  # an item reached through another meeting's address
        selectors.get_agenda_item_for_user(coordinator, other.pk, item.pk)


def test_the_share_door(coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    share = ConcernShareFactory(concern=concern, agency=police.agency)
    foreign_share = ConcernShareFactory(concern=ConcernFactory(reporter=other_reporter))

    assert selectors.get_concern_share_for_change(coordinator, concern.pk, share.pk) == share
    with pytest.raises(PermissionDenied):  # the police read the concern, but do not manage its shares
        selectors.get_concern_share_for_change(police, concern.pk, share.pk)
    with pytest.raises(Http404):
        selectors.get_concern_share_for_change(coordinator, concern.pk, foreign_share.pk)
    with pytest.raises(Http404):
        selectors.get_concern_share_for_change(other_reporter, foreign_share.concern_id + 1000, share.pk)


def test_the_reporter_loses_the_edit_door_when_the_concern_is_assessed(police):
    concern = ConcernFactory(reporter=police)
    assert selectors.get_concern_for_edit(police, concern.pk) == concern
    Concern.objects.filter(pk=concern.pk).update(status=Concern.Status.ASSESSMENT)
    with pytest.raises(PermissionDenied):
        selectors.get_concern_for_edit(police, concern.pk)
