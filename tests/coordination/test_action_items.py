"""Action items: the responsible agency updates status and progress; overdue stands out; CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem
from slt.audit.models import AuditEvent
from tests.budget import queries_for, report

from .factories import ActionItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("coordination:action_item_list")
EXPORT = reverse("coordination:action_item_export")


def _status(client, item, **data):
    return client.post(reverse("coordination:action_item_status", args=[item.pk]), data)


def test_the_school_marks_its_item_done(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    response = _status(client_for(agency_member), item, status="done")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at is not None
    assert AuditEvent.objects.filter(action="update", object_type="coordination.actionitem").exists()


def test_will_not_be_done_needs_a_reason_that_others_can_read(client_for, agency_member, police):
    meeting = MeetingFactory(invitees=[police])
    item = ActionItemFactory(responsible_agency=agency_member.agency, meeting=meeting)
    client = client_for(agency_member)

    response = _status(client, item, status="wont_do", reason="  ")
    assert response.status_code == 400
    assert "Skriv hvorfor tiltaket ikke blir utført." in response.text
    item.refresh_from_db()
    assert item.status == "open"

    _status(client, item, status="wont_do", reason="Ingen midler i år.")
    item.refresh_from_db()
    assert (item.status, item.status_reason) == ("wont_do", "Ingen midler i år.")
    page = client_for(police).get(item.get_absolute_url())
    assert "Ingen midler i år." in page.text
    assert "Oppdater status" not in page.text  # an invitee reads, does not change


def test_an_unknown_status_is_refused(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    response = _status(client_for(agency_member), item, status="archived")
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == "open"


def test_progress_notes(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    client = client_for(agency_member)
    client.post(reverse("coordination:action_item_note", args=[item.pk]), {"text": "Foreldremøtet er booket."})
    note = item.notes.get()
    assert (note.author, note.text) == (agency_member, "Foreldremøtet er booket.")
    assert "Foreldremøtet er booket." in client.get(item.get_absolute_url()).text


def test_overdue_items_stand_out_and_can_be_filtered(client_for, agency_member):
    late = ActionItemFactory(title="Forsinket", responsible_agency=agency_member.agency)
    ActionItem.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=3))
    ActionItemFactory(title="I rute", responsible_agency=agency_member.agency)
    ActionItemFactory(title="Ferdig for sent", responsible_agency=agency_member.agency, status="done")
    client = client_for(agency_member)

    page = client.get(LIST)
    assert 'class="badge text-bg-danger">Forfalt' in page.text
    overdue = client.get(LIST, {"overdue": "on"})
    assert [i.title for i in overdue.context["page"].object_list] == ["Forsinket"]
    assert [i.title for i in client.get(LIST, {"status": "done"}).context["page"].object_list] == ["Ferdig for sent"]
    assert [i.title for i in client.get(LIST, {"q": "rute"}).context["page"].object_list] == ["I rute"]


def test_an_agency_exports_its_action_items_as_csv(client_for, agency_member, police):
    ActionItemFactory(title='=HYPERLINK("x")', responsible_agency=agency_member.agency)
    ActionItemFactory(title="Vårt tiltak", responsible_agency=agency_member.agency)
    ActionItemFactory(title="Politiets tiltak", responsible_agency=police.agency)

    response = client_for(agency_member).get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Nummer", "Tittel", "Ansvarlig aktør", "Frist", "Status"]
    titles = [row[1] for row in rows[1:]]
    assert "Vårt tiltak" in titles and "Politiets tiltak" not in titles
    assert '\'=HYPERLINK("x")' in titles  # a formula is written as text
    assert AuditEvent.objects.filter(action="export", object_type="coordination.actionitem").count() == 1


def test_the_new_item_form_refuses_a_past_deadline(client_for, coordinator, school):
    response = client_for(coordinator).post(
        reverse("coordination:action_item_create"),
        {"title": "For sent", "responsible_agency": school.pk, "due_date": "2020-05-01"},
    )
    assert response.status_code == 200
    assert "Fristen kan ikke være tilbake i tid." in response.text
    assert not ActionItem.objects.exists()


def test_a_walk_item_is_read_by_all_staff_but_changed_only_by_its_agency(client_for, police, agency_member):
    item = ActionItemFactory(source="walk", responsible_agency=police.agency)
    assert client_for(agency_member).get(item.get_absolute_url()).status_code == 200
    assert _status(client_for(agency_member), item, status="done").status_code == 403
    item.refresh_from_db()
    assert item.status == "open"


@pytest.mark.parametrize("role", ["coordinator", "agency_member"])
def test_query_budget_10_vs_500(request, client_for, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    meeting = MeetingFactory()

    def fill(count):
        ActionItem.objects.bulk_create(
            ActionItem(
                title=f"Tiltak {i}",
                responsible_agency=user.agency,
                due_date=timezone.localdate() + timedelta(days=i % 30 - 10),
                meeting=meeting if i % 2 else None,
            )
            for i in range(count)
        )

    fill(10)
    small, small_fragment = queries_for(client, LIST), queries_for(client, LIST, {"HX-Request": "true"})
    fill(490)
    large, large_fragment = queries_for(client, LIST), queries_for(client, LIST, {"HX-Request": "true"})
    report(f"action-item list ({role})", small, large)
    report(f"action-item list, htmx filter ({role})", small_fragment, large_fragment)
    assert small == large
    assert small_fragment == large_fragment


def test_the_coordinator_edits_an_item_and_may_keep_a_past_deadline(client_for, coordinator, school, police):
    item = ActionItemFactory(title="Gammel tittel", responsible_agency=school)
    past = timezone.localdate() - timedelta(days=5)
    ActionItem.objects.filter(pk=item.pk).update(due_date=past)
    url = reverse("coordination:action_item_update", args=[item.pk])
    client = client_for(coordinator)

    response = client.post(url, {"title": "Ny tittel", "responsible_agency": police.agency.pk, "due_date": past})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.responsible_agency, item.due_date) == ("Ny tittel", police.agency, past)

    response = client.post(
        url, {"title": "Ny tittel", "responsible_agency": police.agency.pk, "due_date": past - timedelta(days=1)}
    )
    assert "Fristen kan ikke være tilbake i tid." in response.text
    item.refresh_from_db()
    assert item.due_date == past


def test_the_responsible_agency_cannot_edit_the_item_itself(client_for, agency_member):
    item = ActionItemFactory(title="Skolens tiltak", responsible_agency=agency_member.agency)
    response = client_for(agency_member).post(
        reverse("coordination:action_item_update", args=[item.pk]),
        {"title": "Endret", "responsible_agency": agency_member.agency.pk, "due_date": "2030-01-01"},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Skolens tiltak"
