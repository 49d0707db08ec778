import pytest
from django.test import Client
from django.urls import reverse

from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(coordinator):
    return record_event(
        actor=coordinator, action=AuditEvent.Action.VIEW, object_type="coordination.concern", object_id=7
    )


def test_record_event_keeps_who_and_what_but_no_content(coordinator, event):
    assert event.actor == coordinator
    assert event.actor_username == "koordinator"
    assert event.role == "coordinator"
    assert event.agency_id == coordinator.agency_id
    assert (event.object_type, event.object_id) == ("coordination.concern", "7")
    assert event.request_id == ""  # outside a request
    field_names = {f.name for f in AuditEvent._meta.get_fields()}
    assert not field_names & {"description", "content", "name", "text", "payload"}


def test_the_request_id_of_the_response_is_in_the_event(coordinator):
    client = Client()
    response = client.post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    assert AuditEvent.objects.get(action="login").request_id == response["X-Request-ID"]


def test_a_proxy_request_id_is_kept_and_a_malformed_one_replaced(coordinator):
    Client().post(
        reverse("login"), {"username": "koordinator", "password": PASSWORD}, HTTP_X_REQUEST_ID="proxy-abc-123456"
    )
    Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD}, HTTP_X_REQUEST_ID="<bad id>")
    ids = list(AuditEvent.objects.order_by("id").values_list("request_id", flat=True))
    assert ids[0] == "proxy-abc-123456"
    assert ids[1] != "<bad id>" and len(ids[1]) == 32


def test_the_admin_lists_events_read_only(client_for, admin, event):
    client = client_for(admin)
    listing = client.get(reverse("admin:audit_auditevent_changelist"), {"action__exact": "view"})
    assert listing.status_code == 200
    assert "koordinator" in listing.content.decode()
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"action": "delete", "object_id": "1"})
    event.refresh_from_db()
    assert (event.action, event.object_id) == ("view", "7")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_no_one_else_sees_the_audit_admin(client_for, coordinator, event):
    response = client_for(coordinator).get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 302
