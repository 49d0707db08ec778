"""The administrator's access log of one user: what the user opened or exported in a period, paginated, with
a CSV export that is itself audited; for administrators only."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from slt.core.registry import registry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("audit:access_report")
CSV = reverse("audit:access_report_csv")


@pytest.fixture
def subject():
    return UserFactory(username="saksbehandler", role="agency")


def _event(actor, action="view", object_type="coordination.concern", object_id=1, days_ago=0):
    event = record_event(actor=actor, action=action, object_type=object_type, object_id=object_id)
    if days_ago:
        AuditEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return event


def _params(user, start_days_ago=7, end_days_ago=0):
    today = timezone.localdate()
    return {
        "user": user.pk,
        "start": (today - timedelta(days=start_days_ago)).isoformat(),
        "end": (today - timedelta(days=end_days_ago)).isoformat(),
    }


def test_the_admin_sees_what_a_user_opened_in_the_period(client_for, admin, subject, coordinator):
    _event(subject, object_id=11)
    _event(subject, action="export", object_type="extremism.case", object_id=12, days_ago=2)
    _event(subject, object_id=13, days_ago=30)  # before the period
    _event(subject, action="update", object_id=14)  # a change, not a read
    _event(coordinator, object_id=15)  # another user
    response = client_for(admin).get(URL, _params(subject))
    assert response.status_code == 200
    shown = [event.object_id for event, _label in response.context["rows"]]
    assert shown == ["11", "12"]
    assert "bekymring" in response.text and "sak" in response.text  # record types in Norwegian
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_form_alone_lists_nothing(client_for, admin, subject):
    _event(subject)
    response = client_for(admin).get(URL)
    assert response.status_code == 200
    assert response.context["page"] is None


def test_a_period_that_ends_before_it_starts_is_refused(client_for, admin, subject):
    response = client_for(admin).get(URL, _params(subject, start_days_ago=0, end_days_ago=5))
    assert response.status_code == 400
    assert "Slutten av perioden kan ikke være før starten." in response.text
    assert response.context["page"] is None


def test_a_bad_user_or_date_is_refused_without_an_error_page(client_for, admin):
    response = client_for(admin).get(URL, {"user": "x", "start": "2026-13-45", "end": ""})
    assert response.status_code == 400
    assert client_for(admin).get(CSV, {"user": "999999", "start": "2026-01-01", "end": "2026-01-31"}).status_code == 400
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_csv_export_is_audited(client_for, admin, subject):
    _event(subject, object_id=11)
    _event(subject, action="export", object_type="walks.walk", object_id=12)
    response = client_for(admin).get(CSV, _params(subject))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Tid", "Bruker", "Handling", "Posttype"]
    assert [row[4] for row in rows[1:]] == ["12", "11"]
    export = AuditEvent.objects.get(action="export", actor=admin)
    assert (export.object_type, export.object_id) == ("accounts.user", str(subject.pk))
    assert export.details["access_report"]["rows"] == 2


@pytest.mark.parametrize("role", ["coordinator", "police", "agency_member", "steering"])
def test_only_administrators_get_the_report(request, client_for, subject, role):
    _event(subject, object_id=11)
    client = client_for(request.getfixturevalue(role))
    assert client.get(URL, _params(subject)).status_code == 403
    assert client.get(CSV, _params(subject)).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_an_admin_who_is_not_active_gets_nothing(client_for, admin, subject):
    _event(subject)
    client = client_for(admin)
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    assert client.get(URL, _params(subject)).status_code in (302, 403)


def test_the_menu_offers_the_report_to_administrators_only(admin, coordinator):
    assert "access_report" in [entry.key for entry in registry.menu_for(admin)]
    assert "access_report" not in [entry.key for entry in registry.menu_for(coordinator)]


def test_the_dashboard_links_the_report_for_the_admin(client_for, admin):
    assert URL in client_for(admin).get(reverse("core:dashboard")).text


def test_pages_through_many_events(client_for, admin, subject):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=subject,
            actor_username=subject.username,
            action="view",
            object_type="coordination.concern",
            object_id=str(i),
        )
        for i in range(60)
    )
    client = client_for(admin)
    first = client.get(URL, _params(subject))
    second = client.get(URL, {**_params(subject), "page": 2})
    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 10
    assert "page=2" in first.text and "user=" in first.text


def test_query_budget_10_vs_500(client_for, admin, subject, page_queries):
    client = client_for(admin)
    url = f"{URL}?user={subject.pk}&start={_params(subject)['start']}&end={_params(subject)['end']}"

    def fill(count):
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor=subject,
                actor_username=subject.username,
                action="view",
                object_type="extremism.case" if i % 2 else "coordination.concern",
                object_id=str(i),
            )
            for i in range(count)
        )

    fill(10)
    small = page_queries(client, url)
    fill(490)
    assert page_queries(client, url) == small


def test_a_search_by_name_shows_what_it_found(client_for, admin, coordinator):
    from coordination import services
    from tests.coordination.factories import ConcernFactory

    concern = ConcernFactory(full_name="Ola Nordmann", legal_basis="consent_youth")
    services.concern_identity_search(actor=coordinator, name="Nordmann")
    services.concern_identity_search(actor=coordinator, name="Ingen slik")
    client = client_for(admin)
    page = client.get(URL, _params(coordinator))
    assert f"søk etter navn, fant: {concern.pk}" in page.text
    assert "søk etter navn, fant ingenting" in page.text
    assert "Nordmann" not in page.text
    rows = list(
        csv.reader(io.StringIO(client.get(CSV, _params(coordinator)).content.decode("utf-8-sig")), delimiter=";")
    )
    assert sorted(row[4] for row in rows[1:]) == ["", str(concern.pk)]
