"""Retention of youth follow-up cases: after `retain_until` the job blanks the youth's identity, the guardians'
and every free text, and keeps what the statistics count; the case page says "Anonymisert"."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from slt.audit.models import AuditEvent
from slt.core.retention import apply_retention
from youthfollowup import services
from youthfollowup.models import (
    Breach,
    FollowUpMeeting,
    Guardian,
    Offence,
    PlanMeasure,
    PlanMeeting,
    ProgressNote,
    ProsecutorDecision,
    YouthCase,
    YouthPlan,
)
from youthfollowup.retention import REDACTED, cases_due_for_anonymisation
from youthfollowup.states import CaseState
from youthfollowup.statistics import youth_statistics

from .factories import YOUTH_FAMILY, YOUTH_GIVEN, at, case_in, days_ago

pytestmark = pytest.mark.django_db

CHILDREN = (
    Guardian,
    Offence,
    ProsecutorDecision,
    PlanMeeting,
    YouthPlan,
    PlanMeasure,
    FollowUpMeeting,
    ProgressNote,
    Breach,
)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=2, minutes=30)


@pytest.fixture
def ended_case(youth_coordinator):
    case = case_in(CaseState.IN_FOLLOW_UP, youth_coordinator)
    YouthCase.objects.filter(pk=case.pk).update(
        phone="99887766", email="oskar@example.no", address="Kvalsundveien 3", prosecution_reference="PAL-123"
    )
    FollowUpMeeting.objects.create(
        case=case,
        starts_at=at(days_ago(10)),
        place="Oskars skole",
        held=True,
        summary="Oskar går på skolen.",
        created_by=youth_coordinator,
    )
    FollowUpMeeting.objects.create(
        case=case, starts_at=at(days_ago(5)), place="Oskars hjem", held=False, created_by=youth_coordinator
    )
    ProgressNote.objects.create(
        case=case, text="Oskar testet negativt.", drug_test="negative", written_by=youth_coordinator
    )
    Breach.objects.create(
        case=case,
        occurred_on=days_ago(8),
        description="Oskar kom for sent.",
        reaction="talk",
        recorded_by=youth_coordinator,
    )
    services.case_end(
        actor=youth_coordinator, case=case, outcome=CaseState.COMPLETED, ended_on=days_ago(1), note="Oskar fullførte."
    )
    case.refresh_from_db()
    return case


def test_due_only_after_the_date_and_only_when_closed(youth_coordinator, ended_case):
    open_case = case_in(CaseState.DECIDED, youth_coordinator)
    assert not cases_due_for_anonymisation(moment(ended_case.retain_until)).exists()
    assert list(cases_due_for_anonymisation(moment(ended_case.retain_until + timedelta(days=1)))) == [ended_case]
    assert open_case not in cases_due_for_anonymisation(moment(ended_case.retain_until + timedelta(days=3650)))


def test_anonymising_blanks_identity_and_texts_and_keeps_the_statistics(ended_case):
    before = youth_statistics()
    when = moment(ended_case.retain_until + timedelta(days=1))

    report = next(r for r in apply_retention(now=when) if r.key == "youth_cases")

    assert (report.count, report.references, report.failed) == (1, [ended_case.number], [])
    case = YouthCase.objects.get(pk=ended_case.pk)
    assert (case.given_name, case.family_name, case.initials, case.birth_date) == ("", "", "", None)
    assert (case.phone, case.email, case.address, case.prosecutor_name, case.prosecution_reference) == ("",) * 5
    assert case.end_note == ""
    assert case.anonymised_at == when
    assert (case.state, case.age_at_offence, case.referred_on, case.ended_on, case.retain_until) == (
        ended_case.state,
        ended_case.age_at_offence,
        ended_case.referred_on,
        ended_case.ended_on,
        ended_case.retain_until,
    )
    assert youth_statistics() == before
    assert set(FollowUpMeeting.objects.filter(case=case).values_list("held", "summary")) == {
        (True, REDACTED),
        (False, ""),
    }
    assert list(ProgressNote.objects.filter(case=case).values_list("text", "drug_test")) == [("", "negative")]
    assert list(Breach.objects.filter(case=case).values_list("description", "reaction")) == [("", "talk")]
    assert Offence.objects.get(case=case).max_penalty_months == 12
    assert PlanMeasure.objects.get(plan__case=case).kind == "no_intoxicants"
    dump = str(list(YouthCase.objects.values())) + "".join(str(list(model.objects.values())) for model in CHILDREN)
    for secret in (
        YOUTH_GIVEN,
        YOUTH_FAMILY,
        "Grete",
        "99887766",
        "PAL-123",
        "Vik",
        "Urinprøve",
        "Tyveri",
        "skoleåret",
    ):
        assert secret not in dump, secret
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANONYMISE)
    assert (event.object_type, event.object_id, event.actor_id) == ("youthfollowup.youthcase", str(case.pk), None)


def test_a_dry_run_and_a_second_run_change_nothing(ended_case):
    when = moment(ended_case.retain_until + timedelta(days=1))
    apply_retention(now=when, dry_run=True)
    assert YouthCase.objects.get(pk=ended_case.pk).given_name == YOUTH_GIVEN
    apply_retention(now=when)
    apply_retention(now=when + timedelta(days=2))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ANONYMISE).count() == 1
    assert YouthCase.objects.get(pk=ended_case.pk).anonymised_at == when


def test_the_case_page_says_anonymised(client_for, youth_coordinator, ended_case):
    apply_retention(now=moment(ended_case.retain_until + timedelta(days=1)))
    html = client_for(youth_coordinator).get(ended_case.get_absolute_url()).content.decode()
    assert "Anonymisert" in html
    assert YOUTH_GIVEN not in html and YOUTH_FAMILY not in html


def test_an_open_case_cannot_be_anonymised_or_keep_a_retention_date(youth_coordinator, ended_case):
    open_case = case_in(CaseState.DECIDED, youth_coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        YouthCase.objects.filter(pk=open_case.pk).update(anonymised_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        YouthCase.objects.filter(pk=ended_case.pk).update(state=CaseState.IN_FOLLOW_UP)
    assert YouthCase.objects.get(pk=open_case.pk).anonymised_at is None
