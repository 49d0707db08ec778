"""The retention job as a whole: sessions, the audit log's own retention, one record's failure, the command and
the Celery task."""

import logging
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import Concern
from coordination.services import retention as concern_retention
from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from slt.celery import app
from slt.core import tasks
from slt.core.registry import registry
from slt.core.retention import apply_retention, prune_audit_events
from tests.coordination.factories import ConcernFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2031, 6, 15, 2, 30))


def closed_concern(retain_until: date, **fields) -> Concern:
    concern = ConcernFactory(status=Concern.Status.CLOSED, outcome="resolved", **fields)
    Concern.objects.filter(pk=concern.pk).update(closed_at=NOW - timedelta(days=2000), retain_until=retain_until)
    concern.refresh_from_db()
    return concern


def event_aged(days: int) -> AuditEvent:
    event = record_event(actor=None, action=AuditEvent.Action.LOGIN_FAILED, object_type="accounts.user")
    AuditEvent.objects.filter(pk=event.pk).update(created_at=NOW - timedelta(days=days))
    return event


def test_every_app_registers_its_source_in_order():
    keys = [source.key for source in registry.retention_sources()]
    assert keys == ["concerns", "walk_photos", "extremism_cases", "youth_cases"]


def test_expired_sessions_are_deleted_and_live_ones_kept():
    Session.objects.create(session_key="expired1", session_data="x", expire_date=NOW - timedelta(seconds=1))
    Session.objects.create(session_key="live1", session_data="x", expire_date=NOW + timedelta(hours=1))

    dry = next(r for r in apply_retention(now=NOW, dry_run=True) if r.key == "sessions")
    assert dry.count == 1 and Session.objects.count() == 2

    report = next(r for r in apply_retention(now=NOW) if r.key == "sessions")
    assert report.count == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live1"]


def test_old_audit_events_are_deleted_in_one_statement_with_a_summary_event(settings):
    settings.RETENTION_AUDIT_DAYS = 365
    old = [event_aged(400), event_aged(366)]
    kept = event_aged(300)

    with CaptureQueriesContext(connection) as queries:
        report = prune_audit_events(now=NOW)

    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("DELETE")]
    assert len(deletes) == 1 and "audit_auditevent" in deletes[0]
    assert report.count == 2
    assert not AuditEvent.objects.filter(pk__in=[event.pk for event in old]).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    summary = AuditEvent.objects.get(action=AuditEvent.Action.PRUNE)
    assert summary.details == {"deleted": 2, "before": (NOW.date() - timedelta(days=365)).isoformat()}
    assert (summary.actor_id, summary.object_type) == (None, "audit.auditevent")


def test_the_audit_prune_dry_run_and_zero_days_delete_nothing(settings):
    settings.RETENTION_AUDIT_DAYS = 365
    event = event_aged(400)
    assert prune_audit_events(now=NOW, dry_run=True).count == 1
    settings.RETENTION_AUDIT_DAYS = 0
    report = prune_audit_events(now=NOW)
    assert (report.enabled, report.count) == (False, 0)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRUNE).exists()


def test_nothing_to_prune_writes_no_summary(settings):
    settings.RETENTION_AUDIT_DAYS = 365
    event_aged(10)
    assert prune_audit_events(now=NOW).count == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRUNE).exists()


def test_one_record_that_fails_is_rolled_back_and_the_others_go_on(monkeypatch, caplog):
    failing = closed_concern(
        date(2030, 1, 1), full_name="Per Feilsen", birth_date=date(2012, 1, 1), legal_basis="consent_youth"
    )
    other = closed_concern(date(2030, 1, 2), full_name="Siri Somgår", legal_basis="consent_youth")
    real = concern_retention.concern_anonymise

    def half_then_fail(*, concern, now):
        result = real(concern=concern, now=now)
        if concern.pk == failing.pk:
            raise RuntimeError("Per Feilsen")  # an error whose text holds personal data
        return result

    monkeypatch.setattr(concern_retention, "concern_anonymise", half_then_fail)
    with caplog.at_level(logging.ERROR, logger="slt.core.retention"):
        report = next(r for r in apply_retention(now=NOW) if r.key == "concerns")

    assert (report.count, report.references, report.failed) == (1, [other.reference], [failing.reference])
    failing.refresh_from_db()
    other.refresh_from_db()
    assert (failing.full_name, failing.anonymised_at) == ("Per Feilsen", None)
    assert other.full_name == "" and other.anonymised_at == NOW
    assert list(AuditEvent.objects.filter(action="anonymise").values_list("object_id", flat=True)) == [str(other.pk)]
    assert f"coordination.concern {failing.pk}" in caplog.text and "RuntimeError" in caplog.text
    assert "Per" not in caplog.text


def test_the_command_lists_what_it_would_do_without_personal_data():
    concern = closed_concern(date(2030, 1, 1), full_name="Per Listesen", legal_basis="consent_youth")
    out = StringIO()

    call_command("apply_retention", "--dry-run", "--now", "2031-06-15", stdout=out)

    text = out.getvalue()
    assert "Prøvekjøring" in text
    assert f"Avsluttede bekymringer: 1 ville blitt behandlet: {concern.reference}" in text
    assert "Per" not in text and concern.description not in text
    concern.refresh_from_db()
    assert (concern.full_name, concern.anonymised_at) == ("Per Listesen", None)
    assert not AuditEvent.objects.filter(action="anonymise").exists()


def test_the_command_applies_at_the_given_moment():
    concern = closed_concern(date(2030, 1, 1), full_name="Per Utføresen", legal_basis="consent_youth")
    out = StringIO()
    call_command("apply_retention", "--now", "2029-12-31T12:00", stdout=out)
    concern.refresh_from_db()
    assert concern.anonymised_at is None
    call_command("apply_retention", "--now", "2030-01-02", stdout=out)
    concern.refresh_from_db()
    assert concern.full_name == "" and timezone.localdate(concern.anonymised_at) == date(2030, 1, 2)
    assert f"Avsluttede bekymringer: 1 behandlet: {concern.reference}" in out.getvalue()


def test_the_command_refuses_a_moment_it_cannot_read():
    with pytest.raises(CommandError, match="--now"):
        call_command("apply_retention", "--now", "i morgen", stdout=StringIO())


def test_the_celery_task_runs_the_job_and_answers_counts_only():
    concern = closed_concern(
        timezone.localdate() - timedelta(days=1), full_name="Per Oppgavesen", legal_basis="consent_youth"
    )
    Session.objects.create(session_key="expired2", session_data="x", expire_date=timezone.now() - timedelta(days=1))

    result = tasks.apply_retention()

    assert result["concerns"] == {"done": 1, "failed": 0}
    assert result["sessions"] == {"done": 1, "failed": 0}
    assert "Per" not in str(result)
    concern.refresh_from_db()
    assert concern.anonymised_at is not None and concern.full_name == ""


def test_the_task_is_registered_and_scheduled_daily_at_half_past_two():
    assert "slt.core.tasks.apply_retention" in app.tasks
    entry = django_settings.CELERY_BEAT_SCHEDULE["retention-daily"]
    assert entry["task"] == "slt.core.tasks.apply_retention"
    assert entry["schedule"] == crontab(minute=30, hour=2)
    assert django_settings.CELERY_TIMEZONE == "Europe/Oslo"
