"""Before sending, the notifications app asks which records each recipient may still read. For many readers
at once (one UNION query per 50) the answer is the same as the selector's for each reader alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination import selectors
from coordination.reminders.action_items import visible_action_items, visible_action_items_many
from coordination.reminders.common import visible_ids_many_of
from coordination.reminders.concerns import visible_concerns, visible_concerns_many
from tests.coordination.factories import ActionItemFactory, ConcernFactory, ConcernShareFactory, MeetingFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_many_readers_get_the_same_answer_as_one_at_a_time(coordinator, police, agency_member, school, steering):
    invitee = UserFactory(username="invitert")
    meeting = MeetingFactory(invitees=[invitee])
    items = [
        ActionItemFactory(responsible_agency=school),
        ActionItemFactory(responsible_agency=police.agency),
        ActionItemFactory(meeting=meeting),
    ]
    ids = [item.pk for item in items]
    readers = [coordinator, police, agency_member, steering, invitee]

    many = visible_action_items_many(dict.fromkeys(readers, ids))

    for user in readers:
        assert many.get(user.pk, set()) == visible_action_items(user, ids), user.username
    assert many[agency_member.pk] == {items[0].pk}
    assert many[invitee.pk] == {items[2].pk}
    assert many[coordinator.pk] == set(ids)


def test_a_concern_is_readable_only_by_its_share_and_coordinators(coordinator, police, agency_member):
    concern = ConcernFactory()
    ConcernShareFactory(concern=concern, agency=police.agency)
    wanted = {user: [concern.pk] for user in (coordinator, police, agency_member)}

    many = visible_concerns_many(wanted)

    assert many[coordinator.pk] == many[police.pk] == {concern.pk}
    assert agency_member.pk not in many
    assert visible_concerns(agency_member, [concern.pk]) == set()


def test_one_query_for_fifty_readers(school):
    readers = [UserFactory(username=f"leser{n}", agency=school) for n in range(60)]
    item = ActionItemFactory(responsible_agency=school)
    visible = visible_ids_many_of(selectors.action_items_visible_to)
    with CaptureQueriesContext(connection) as queries:
        many = visible({user: [item.pk] for user in readers})
    assert len(queries) == 2  # 50 readers, then 10
    assert set(many) == {user.pk for user in readers}
