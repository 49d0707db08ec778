"""The audit list in Django admin names roles and record types as people read them, not as codes."""

import pytest
from django.urls import reverse

from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from tests.coordination.factories import ConcernFactory

pytestmark = pytest.mark.django_db


def test_roles_and_record_types_are_labels(client_for, admin, coordinator):
    record_event(actor=coordinator, action=AuditEvent.Action.VIEW, obj=ConcernFactory())

    page = client_for(admin).get(reverse("admin:audit_auditevent_changelist")).text

    assert "SLT-koordinator" in page and "bekymring" in page
    assert ">coordinator<" not in page and ">coordination.concern<" not in page


def test_an_unknown_record_type_keeps_its_code(client_for, admin):
    record_event(actor=None, action=AuditEvent.Action.PRUNE, object_type="gone.model")
    page = client_for(admin).get(reverse("admin:audit_auditevent_changelist")).text
    assert "gone.model" in page


def test_the_filters_offer_labels_and_filter_by_code(client_for, admin, coordinator, police):
    concern = ConcernFactory()
    record_event(actor=coordinator, action=AuditEvent.Action.VIEW, obj=concern)
    record_event(actor=police, action=AuditEvent.Action.EXPORT, object_type="walks.walk")
    url = reverse("admin:audit_auditevent_changelist")

    by_role = client_for(admin).get(url, {"role": "coordinator"}).context["cl"]
    by_type = client_for(admin).get(url, {"object_type": "walks.walk"}).context["cl"]

    assert [event.actor_id for event in by_role.result_list] == [coordinator.pk]
    assert [event.actor_id for event in by_type.result_list] == [police.pk]
    page = client_for(admin).get(url).text
    assert ">Politikontakt<" in page  # the role filter offers labels
