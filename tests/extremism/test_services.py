"""Rules the services and the database carry together: retention, measure statuses, identity, closed cases."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coordination.models import ConcernCategory
from extremism import services
from extremism.models import Case, Measure, Step
from tests.coordination.factories import ConcernFactory
from tests.factories import UserFactory

from .factories import CaseFactory, MeasureFactory, WarningSignFactory

pytestmark = pytest.mark.django_db


def test_closing_sets_the_outcome_and_the_retention_date_from_the_setting(settings, radicalisation_contact, case):
    settings.EXTREMISM_RETENTION_YEARS = 3
    services.case_close(actor=radicalisation_contact, case=case, outcome="resolved", outcome_note="Tiltakene virket.")
    case.refresh_from_db()
    today = timezone.localdate()
    assert (case.status, case.outcome, case.outcome_note) == ("closed", "resolved", "Tiltakene virket.")
    assert case.retain_until == today.replace(year=today.year + 3)
    assert case.closed_at is not None


def test_the_retention_date_of_a_case_closed_on_29_february():
    assert services.retention_date(date(2028, 2, 29), 5) == date(2033, 2, 28)
    assert services.retention_date(date(2028, 3, 1), 5) == date(2033, 3, 1)


def test_a_closed_case_refuses_every_change(radicalisation_contact, case, other_agency):
    services.case_close(actor=radicalisation_contact, case=case, outcome="no_concern")
    future = timezone.localdate() + timedelta(days=3)
    attempts = [
        lambda: services.case_assess_risk(
            actor=radicalisation_contact, case=case, risk_level="high", risk_assessment=""
        ),
        lambda: services.measure_add(
            actor=radicalisation_contact, case=case, title="X", responsible_agency=other_agency, due_date=future
        ),
        lambda: services.member_add(actor=radicalisation_contact, case=case, user=UserFactory(username="ny")),
        lambda: services.case_close(actor=radicalisation_contact, case=case, outcome="resolved"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="avsluttet"):
            attempt()
    case.refresh_from_db()
    assert (case.outcome, case.risk_level, case.measures.count()) == ("no_concern", "moderate", 0)


def test_only_radicalisation_contacts_change_cases(coordinator, case_member, case):
    for actor in (coordinator, case_member):
        with pytest.raises(PermissionDenied):
            services.case_move(actor=actor, case=case, to_step=Step.DISCUSSED, reason="Prøver.")
        with pytest.raises(PermissionDenied):
            services.case_open(actor=actor, summary="Ny.")
    assert Case.objects.get(pk=case.pk).step == Step.CONCERN_NOTED


def test_will_not_be_done_needs_a_reason_in_the_service_and_the_database(radicalisation_contact, case):
    measure = MeasureFactory(case=case)
    with pytest.raises(ValidationError):
        services.measure_set_status(actor=radicalisation_contact, measure=measure, status="wont_do", reason=" ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(status="wont_do", status_reason="")
    services.measure_set_status(actor=radicalisation_contact, measure=measure, status="wont_do", reason="Flyttet.")
    measure.refresh_from_db()
    assert (measure.status, measure.status_reason) == ("wont_do", "Flyttet.")
    services.measure_set_status(actor=radicalisation_contact, measure=measure, status="done")
    measure.refresh_from_db()
    assert (measure.status, measure.status_reason, measure.completed_at is not None) == ("done", "", True)


def test_identity_needs_a_legal_basis_in_the_database_too(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(full_name="Ola Nordmann", legal_basis="")


def test_a_closed_case_needs_an_outcome_and_a_retention_date_in_the_database(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="closed", outcome="resolved", closed_at=timezone.now())


def test_an_unknown_step_is_refused_by_the_database(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(step="prison")


def test_signs_are_ticked_noted_and_unticked(radicalisation_contact, case):
    first, second = WarningSignFactory(title="A"), WarningSignFactory(title="B")
    services.case_set_signs(actor=radicalisation_contact, case=case, observed={first.pk: "Notat A", second.pk: ""})
    assert dict(case.observed_signs.values_list("sign_id", "note")) == {first.pk: "Notat A", second.pk: ""}
    services.case_set_signs(actor=radicalisation_contact, case=case, observed={second.pk: "Notat B"})
    assert dict(case.observed_signs.values_list("sign_id", "note")) == {second.pk: "Notat B"}
    with pytest.raises(ValidationError):
        services.case_set_signs(actor=radicalisation_contact, case=case, observed={999999: "?"})
    assert dict(case.observed_signs.values_list("sign_id", "note")) == {second.pk: "Notat B"}


def test_one_case_per_concern_and_only_from_a_concern_the_contact_may_read(radicalisation_contact, police):
    readable = ConcernFactory(reporter=radicalisation_contact, categories=[ConcernCategory.Category.RADICALISATION])
    services.case_open(actor=radicalisation_contact, summary="Fra bekymringen.", concern=readable)
    with pytest.raises(ValidationError, match="allerede"):
        services.case_open(actor=radicalisation_contact, summary="Igjen.", concern=readable)
    hidden = ConcernFactory(reporter=police)
    with pytest.raises(PermissionDenied):
        services.case_open(actor=radicalisation_contact, summary="Skjult.", concern=hidden)
    assert Case.objects.count() == 1


def test_a_member_is_added_once(radicalisation_contact, case, case_member):
    with pytest.raises(ValidationError, match="allerede medlem"):
        services.member_add(actor=radicalisation_contact, case=case, user=case_member)
    assert case.members.count() == 1


def test_a_case_opens_anonymous_at_the_first_step(radicalisation_contact):
    case = services.case_open(actor=radicalisation_contact, summary="  Ny bekymring.  ")
    assert (case.step, case.status, case.summary, case.has_identity) == (
        "concern_noted",
        "open",
        "Ny bekymring.",
        False,
    )
    assert list(case.trail.values_list("from_step", "to_step")) == [("", "concern_noted")]
    assert case.reference == f"R-{case.pk:04d}"


def test_case_factory_is_consistent():
    case = CaseFactory()
    assert case.trail.count() == 1
