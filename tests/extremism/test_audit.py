"""Every read of a case writes an audit event; the case page shows radicalisation contacts who opened it."""

import pytest
from django.urls import reverse

from slt.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _views(case):
    return AuditEvent.objects.filter(action="view", object_type="extremism.case", object_id=str(case.pk))


def test_each_read_is_logged_for_contacts_and_members(client_for, case, radicalisation_contact, case_member):
    client_for(case_member).get(case.get_absolute_url())
    client_for(radicalisation_contact).get(case.get_absolute_url())
    events = list(_views(case).order_by("created_at", "id"))
    assert [(e.actor_username, e.role, e.agency_id) for e in events] == [
        ("barnevern", "agency", case_member.agency_id),
        ("radikalisering", "agency", radicalisation_contact.agency_id),
    ]


def test_a_refused_read_is_not_logged_as_a_read(client_for, case, coordinator):
    assert client_for(coordinator).get(case.get_absolute_url()).status_code == 404
    assert not _views(case).exists()


def test_contacts_see_who_has_opened_the_case(client_for, case, radicalisation_contact, case_member):
    client_for(case_member).get(case.get_absolute_url())
    page = client_for(radicalisation_contact).get(case.get_absolute_url())
    assert "Hvem har åpnet saken" in page.text
    assert [event.actor_username for event in page.context["access_log"]] == ["radikalisering", "barnevern"]
    assert "barnevern (Barneverntjenesten i Sandnes)" in page.text


def test_changes_are_audited_without_content(client_for, case, radicalisation_contact, other_agency):
    client = client_for(radicalisation_contact)
    client.post(reverse("extremism:case_move", args=[case.pk]), {"to_step": "discussed", "reason": "Hemmelig grunn."})
    client.post(
        reverse("extremism:measure_create", args=[case.pk]),
        {"title": "Samtale", "responsible_agency": other_agency.pk, "due_date": "2030-01-01"},
    )
    actions = set(AuditEvent.objects.exclude(action__in=["view", "login"]).values_list("action", "object_type"))
    assert actions == {("update", "extremism.case"), ("create", "extremism.measure")}
    assert not AuditEvent.objects.filter(object_id__icontains="Hemmelig").exists()
