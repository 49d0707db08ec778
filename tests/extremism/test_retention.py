"""Retention of radicalisation cases: after `retain_until` the job blanks identity and free text and keeps the
structured facts; the case page says "Anonymisert"."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from extremism import services
from extremism.models import Case, Measure, ObservedSign, Step, TrailStep
from extremism.retention import REDACTED, cases_due_for_anonymisation
from slt.audit.models import AuditEvent
from slt.core.retention import apply_retention

from .factories import MeasureFactory, ObservedSignFactory

pytestmark = pytest.mark.django_db

STRUCTURED = ("status", "step", "outcome", "age_band", "gender", "risk_level", "area_id", "reporting_agency_id")


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=2, minutes=30)


@pytest.fixture
def closed_case(radicalisation_contact, case):
    services.case_set_identity(
        actor=radicalisation_contact,
        case=case,
        full_name="Ola Testesen",
        birth_date=date(2009, 5, 1),
        legal_basis="consent_youth",
    )
    services.case_assess_risk(
        actor=radicalisation_contact, case=case, risk_level="high", risk_assessment="Ola har kontakt med et miljø."
    )
    services.case_move(actor=radicalisation_contact, case=case, to_step=Step.DISCUSSED, reason="Ola ble drøftet.")
    MeasureFactory(case=case, title="Samtale med Ola", description="Ola og mor.")
    MeasureFactory(case=case, title="Mentor for Ola", status="wont_do", status_reason="Ola flyttet.")
    ObservedSignFactory(case=case, note="Ola delte symboler.")
    services.case_close(actor=radicalisation_contact, case=case, outcome="resolved", outcome_note="Ola klarer seg.")
    case.refresh_from_db()
    return case


def test_due_only_after_the_date_and_only_when_closed(radicalisation_contact, case, closed_case):
    open_case = type(case).objects.create(summary="Åpen", created_by=radicalisation_contact)
    last_day = closed_case.retain_until
    assert not cases_due_for_anonymisation(moment(last_day)).exists()
    assert list(cases_due_for_anonymisation(moment(last_day + timedelta(days=1)))) == [closed_case]
    assert open_case not in cases_due_for_anonymisation(moment(last_day + timedelta(days=3650)))


def test_anonymising_blanks_identity_and_texts_and_keeps_the_facts(closed_case):
    before = {field: getattr(closed_case, field) for field in STRUCTURED}
    signs = list(ObservedSign.objects.filter(case=closed_case).values_list("sign_id", flat=True))
    when = moment(closed_case.retain_until + timedelta(days=1))

    report = next(r for r in apply_retention(now=when) if r.key == "extremism_cases")

    assert (report.count, report.references) == (1, [closed_case.reference])
    case = Case.objects.get(pk=closed_case.pk)
    assert (case.full_name, case.birth_date, case.legal_basis, case.legal_basis_detail) == ("", None, "", "")
    assert (case.summary, case.risk_assessment, case.outcome_note) == ("", "", "")
    assert case.anonymised_at == when
    assert {field: getattr(case, field) for field in STRUCTURED} == before
    assert case.retain_until == closed_case.retain_until
    assert set(TrailStep.objects.filter(case=case).values_list("reason", flat=True)) == {REDACTED}
    assert list(ObservedSign.objects.filter(case=case).values_list("sign_id", flat=True)) == signs
    assert set(ObservedSign.objects.filter(case=case).values_list("note", flat=True)) == {""}
    assert sorted(Measure.objects.filter(case=case).values_list("title", "description", "status_reason", "status")) == [
        (REDACTED, "", "", "open"),
        (REDACTED, "", REDACTED, "wont_do"),
    ]
    dump = "".join(str(list(model.objects.values())) for model in (Case, TrailStep, Measure, ObservedSign)) + str(
        list(AuditEvent.objects.values())
    )
    assert "Ola" not in dump and "2009-05-01" not in dump
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANONYMISE)
    assert (event.object_type, event.object_id, event.actor_id) == ("extremism.case", str(case.pk), None)


def test_a_dry_run_and_a_second_run_change_nothing(closed_case):
    when = moment(closed_case.retain_until + timedelta(days=1))
    apply_retention(now=when, dry_run=True)
    assert Case.objects.get(pk=closed_case.pk).full_name == "Ola Testesen"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ANONYMISE).exists()
    apply_retention(now=when)
    apply_retention(now=when + timedelta(days=1))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ANONYMISE).count() == 1
    assert Case.objects.get(pk=closed_case.pk).anonymised_at == when


def test_the_case_page_says_anonymised(client_for, radicalisation_contact, closed_case):
    apply_retention(now=moment(closed_case.retain_until + timedelta(days=1)))
    html = client_for(radicalisation_contact).get(closed_case.get_absolute_url()).content.decode()
    assert "Anonymisert" in html
    assert "Ola" not in html


def test_an_open_case_cannot_keep_a_retention_date(closed_case):
    """No flow reopens a case today; the database makes whatever does so clear the date first."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=closed_case.pk).update(status=Case.Status.OPEN)
    assert Case.objects.get(pk=closed_case.pk).status == Case.Status.CLOSED
