"""Retention of concerns: closing sets the date, the job anonymises identity and free text after it and keeps
what the statistics count; an anonymised concern says so on its page and cannot be changed."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, ActionItemNote, Concern, ConcernNote, LegalBasis
from coordination.services import concern_add_note, concern_measure_create, concern_set_status, concern_share
from coordination.services.retention import REDACTED, concern_retention_date, concerns_due_for_anonymisation
from coordination.statistics import Grouping, Unit, _count, periods_between
from slt.audit.models import AuditEvent
from slt.core.retention import apply_retention
from tests.factories import AgencyFactory

from .factories import ConcernFactory

pytestmark = pytest.mark.django_db

NAME = "Kari Nordmann-Testesen"
BORN = date(2011, 3, 14)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=2, minutes=30)


@pytest.fixture
def closed_concern(coordinator, other_reporter, school):
    """A concern with identity, a share with identity, a note and a measure with a progress note, closed today."""
    concern = ConcernFactory(
        reporter=other_reporter,
        full_name=NAME,
        birth_date=BORN,
        age=14,
        school=school,
        legal_basis=LegalBasis.STATUTORY_DUTY,
        legal_basis_detail="Opplysningsplikt til barnevernet",
        description="Kari ble sett med eldre gutter ved Ruten.",
        categories=["drugs", "violence"],
    )
    concern_share(
        actor=coordinator,
        concern=concern,
        agency=AgencyFactory(name="Barnevernet"),
        legal_basis=LegalBasis.STATUTORY_DUTY,
        legal_basis_detail="Opplysningsplikt",
        includes_identity=True,
    )
    concern_add_note(actor=coordinator, concern=concern, text="Samtale med mor til Kari.")
    item = concern_measure_create(
        actor=coordinator,
        concern=concern,
        title="Kari får tilbud om fritidsklubb",
        responsible_agency=school,
        due_date=timezone.localdate() + timedelta(days=10),
        description="Kontakt Kari via skolen.",
    )
    ActionItemNote.objects.create(item=item, author=coordinator, text="Kari har vært på klubben.")
    concern_set_status(
        actor=coordinator, concern=concern, status=Concern.Status.CLOSED, outcome="resolved", outcome_note="Kari er ok."
    )
    concern.refresh_from_db()
    return concern


def test_closing_sets_the_date_from_the_setting(settings, closed_concern):
    settings.CONCERN_RETENTION_YEARS = 3
    closed_on = timezone.localdate(closed_concern.closed_at)
    assert closed_concern.retain_until == concern_retention_date(closed_on)
    assert concern_retention_date(date(2028, 2, 29), 3) == date(2031, 2, 28)
    assert concern_retention_date(date(2028, 3, 1), 2) == date(2030, 3, 1)


def test_an_open_concern_has_no_date_and_is_never_due(other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    assert concern.retain_until is None
    assert not concerns_due_for_anonymisation(timezone.now() + timedelta(days=365 * 50)).exists()


def test_due_only_after_the_date(closed_concern):
    last_day = closed_concern.retain_until
    assert not concerns_due_for_anonymisation(moment(last_day)).exists()
    assert list(concerns_due_for_anonymisation(moment(last_day + timedelta(days=1)))) == [closed_concern]


def _raw_counts():
    """What every grouping counts (the plain numbers, before suppression), per year over the last two years."""
    today = timezone.localdate()
    periods = periods_between(today.replace(year=today.year - 1, month=1, day=1), today, Unit.YEAR)
    return {grouping: _count(grouping, periods) for grouping in Grouping.values}


def test_anonymising_blanks_identity_and_texts_and_keeps_the_statistics(closed_concern):
    before = _raw_counts()
    assert sum(before[Grouping.CATEGORY]["cells"]["drugs"]) == 1
    when = moment(closed_concern.retain_until + timedelta(days=1))

    reports = apply_retention(now=when)

    report = next(r for r in reports if r.key == "concerns")
    assert (report.count, report.references, report.failed) == (1, [closed_concern.reference], [])
    concern = Concern.objects.get(pk=closed_concern.pk)
    assert (concern.full_name, concern.birth_date, concern.description, concern.outcome_note) == ("", None, "", "")
    assert (concern.legal_basis, concern.legal_basis_detail) == ("", "")
    assert concern.anonymised_at == when
    # What the statistics count stays.
    assert (concern.age, concern.age_band, concern.gender, concern.status, concern.outcome) == (
        14,
        "13-15",
        "unknown",
        "closed",
        "resolved",
    )
    assert concern.school_id and concern.area_id and concern.reporter_agency_id
    assert sorted(concern.categories.values_list("category", flat=True)) == ["drugs", "violence"]
    assert _raw_counts() == before
    # Notes and measures lose their words; the share history (agency names) stays.
    assert list(concern.notes.filter(kind=ConcernNote.Kind.NOTE).values_list("text", flat=True)) == [REDACTED]
    assert concern.notes.filter(kind=ConcernNote.Kind.SHARE, text="Barnevernet").exists()
    item = ActionItem.objects.get(concern=concern)
    assert (item.title, item.description) == (REDACTED, "")
    assert list(item.notes.values_list("text", flat=True)) == [REDACTED]
    assert item.responsible_agency_id and item.due_date
    dump = str(list(Concern.objects.filter(pk=concern.pk).values())) + str(list(ConcernNote.objects.values()))
    dump += str(list(ActionItem.objects.values())) + str(list(ActionItemNote.objects.values()))
    for secret in ("Kari", "Nordmann", "2011-03-14", "Opplysningsplikt til barnevernet"):
        assert secret not in dump


def test_one_anonymise_event_per_record_by_the_system(closed_concern):
    apply_retention(now=moment(closed_concern.retain_until + timedelta(days=1)))
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANONYMISE)
    assert (event.object_type, event.object_id, event.actor_id, event.actor_username) == (
        "coordination.concern",
        str(closed_concern.pk),
        None,
        "",
    )
    assert event.details == {"notes": 1, "action_items": 1}


def test_a_dry_run_changes_nothing(closed_concern):
    events = AuditEvent.objects.count()
    reports = apply_retention(now=moment(closed_concern.retain_until + timedelta(days=1)), dry_run=True)
    assert next(r for r in reports if r.key == "concerns").references == [closed_concern.reference]
    concern = Concern.objects.get(pk=closed_concern.pk)
    assert (concern.full_name, concern.description, concern.anonymised_at) == (NAME, closed_concern.description, None)
    assert AuditEvent.objects.count() == events


def test_a_second_run_does_not_touch_an_anonymised_concern(closed_concern):
    when = moment(closed_concern.retain_until + timedelta(days=1))
    apply_retention(now=when)
    later = when + timedelta(days=30)
    reports = apply_retention(now=later)
    assert next(r for r in reports if r.key == "concerns").count == 0
    assert Concern.objects.get(pk=closed_concern.pk).anonymised_at == when
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ANONYMISE).count() == 1


def test_the_page_says_anonymised_instead_of_the_texts(client_for, coordinator, closed_concern):
    apply_retention(now=moment(closed_concern.retain_until + timedelta(days=1)))
    concern = Concern.objects.get(pk=closed_concern.pk)
    html = client_for(coordinator).get(concern.get_absolute_url()).content.decode()
    assert "Anonymisert" in html
    assert "Kari" not in html
    assert 'action="{}"'.format(reverse("coordination:concern_note", args=[concern.pk])) not in html


def test_an_anonymised_concern_cannot_be_edited_or_noted(client_for, coordinator, closed_concern):
    apply_retention(now=moment(closed_concern.retain_until + timedelta(days=1)))
    client = client_for(coordinator)
    edit = client.post(
        reverse("coordination:concern_update", args=[closed_concern.pk]),
        {"description": "Ny tekst", "full_name": "Kari Igjen", "categories": ["drugs"], "observed_on": "2025-01-01"},
    )
    assert edit.status_code == 403
    note = client.post(reverse("coordination:concern_note", args=[closed_concern.pk]), {"text": "Kari igjen"})
    assert note.status_code == 400
    concern = Concern.objects.get(pk=closed_concern.pk)
    assert (concern.description, concern.full_name) == ("", "")
    assert not ConcernNote.objects.filter(text__contains="Kari").exists()


def test_existing_closed_concerns_get_a_date_from_the_migration(settings, other_reporter):
    """The data migration dates concerns closed before the field existed (the job then finds them)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("coordination.migrations.0007_concern_retention")
    settings.CONCERN_RETENTION_YEARS = 2
    concern = ConcernFactory(reporter=other_reporter, status=Concern.Status.CLOSED, outcome="resolved")
    Concern.objects.filter(pk=concern.pk).update(closed_at=moment(date(2024, 2, 29)))
    migration.date_closed_concerns(apps, None)
    concern.refresh_from_db()
    assert concern.retain_until == date(2026, 2, 28)


def test_a_concern_cannot_be_open_with_a_retention_date(closed_concern):
    """No flow reopens a concern today; the database makes whatever does so clear the date first."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.filter(pk=closed_concern.pk).update(status=Concern.Status.ASSESSMENT)
    Concern.objects.filter(pk=closed_concern.pk).update(status=Concern.Status.ASSESSMENT, retain_until=None)
    assert not concerns_due_for_anonymisation(timezone.now() + timedelta(days=365 * 50)).exists()


def test_the_page_of_a_closed_concern_says_until_when_it_is_kept(client_for, coordinator, closed_concern):
    html = client_for(coordinator).get(closed_concern.get_absolute_url()).content.decode()
    assert "Oppbevares til" in html and "anonymiseres" in html
