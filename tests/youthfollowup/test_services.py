"""The services move a case only along the table, with the rules of the issue; each allowed move through the
service that makes it, and the refused ones with a message and nothing saved."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone

from slt.audit.models import AuditEvent
from youthfollowup import services
from youthfollowup.dates import add_years, period_last_day
from youthfollowup.models import (
    Consent,
    ConsentMethod,
    DecisionOutcome,
    Guardian,
    GuardianRelation,
    MaxPenalty,
    MeasureKind,
    Offence,
    PlanMeasure,
    ProsecutorDecision,
    YouthCase,
)
from youthfollowup.selectors import missing_consents
from youthfollowup.states import CaseState

from .factories import advance, at, case_in, days_ago, refer, youth_coordinator_user

pytestmark = pytest.mark.django_db
S = CaseState


def _state(case):
    case.refresh_from_db()
    return case.state


# --- numbers and the referral --------------------------------------------------------------------------------


def test_case_numbers_count_per_year_of_referral(youth_coordinator):
    first = refer(youth_coordinator, referred_on=date(2025, 12, 30), offence_on=date(2025, 12, 1))
    second = refer(youth_coordinator, referred_on=date(2025, 12, 31), offence_on=date(2025, 12, 1))
    third = refer(youth_coordinator, referred_on=date(2026, 1, 2), offence_on=date(2025, 12, 1))
    assert [first.number, second.number, third.number] == ["UO-2025-001", "UO-2025-002", "UO-2026-001"]


def test_a_referral_saves_the_youth_guardians_offences_and_the_coordinator_on_the_team(youth_coordinator):
    case = refer(
        youth_coordinator,
        given="Ola Emil",
        family="van der Berg",
        guardians=[("Anne Berg", GuardianRelation.MOTHER), ("Jon Berg", GuardianRelation.FATHER)],
    )
    assert case.state == S.REFERRED
    assert case.initials == "O.B."
    assert case.age_at_offence == 16
    assert case.guardians.count() == 2 and case.offences.count() == 1
    assert [(m.user, m.function) for m in case.team.all()] == [(youth_coordinator, "youth_coordinator")]
    created = set(AuditEvent.objects.filter(action="create").values_list("object_type", flat=True))
    assert created == {
        "youthfollowup.youthcase",
        "youthfollowup.guardian",
        "youthfollowup.offence",
        "youthfollowup.teammember",
    }


def test_only_youth_coordinators_refer(police):
    with pytest.raises(PermissionDenied):
        refer(police)
    assert not YouthCase.objects.exists()


def test_a_referral_without_a_guardian_is_refused(youth_coordinator):
    with pytest.raises(ValidationError, match="minst én foresatt"):
        refer(youth_coordinator, guardians=[])
    assert not YouthCase.objects.exists()


# --- allowed moves, each through its service -----------------------------------------------------------------


def test_referred_to_consents_obtained_when_the_youth_and_every_guardian_consent(youth_coordinator):
    case = refer(youth_coordinator, guardians=[("A", GuardianRelation.MOTHER), ("B", GuardianRelation.FATHER)])
    mother, father = case.guardians.all()
    for guardian in (None, mother):
        services.consent_record(
            actor=youth_coordinator, case=case, guardian=guardian, given_on=days_ago(5), method=ConsentMethod.SIGNED
        )
        assert _state(case) == S.REFERRED
    services.consent_record(
        actor=youth_coordinator, case=case, guardian=father, given_on=days_ago(5), method=ConsentMethod.PHONE
    )
    assert _state(case) == S.CONSENTS_OBTAINED


def test_consents_obtained_back_to_referred_when_a_guardian_is_added(youth_coordinator):
    case = case_in(S.CONSENTS_OBTAINED, youth_coordinator)
    services.guardian_add(
        actor=youth_coordinator, case=case, guardian=Guardian(name="Ny verge", relation=GuardianRelation.OTHER)
    )
    assert _state(case) == S.REFERRED
    assert missing_consents(case) == ["Ny verge"]  # the new guardian's consent is what is missing now


def test_consents_obtained_to_decided_sets_the_plan_deadline(youth_coordinator, settings):
    settings.YOUTH_PLAN_DUE_DAYS = 30
    case = case_in(S.DECIDED, youth_coordinator)
    assert case.plan_due == days_ago(50) + timedelta(days=30)
    assert case.decision.period_months == 12


def test_consents_obtained_to_not_suitable_ends_the_case_with_a_retention_date(youth_coordinator, settings):
    settings.YOUTH_RETENTION_YEARS = 5
    case = case_in(S.NOT_SUITABLE, youth_coordinator)
    assert case.ended_on == days_ago(50)
    assert case.retain_until == add_years(days_ago(50), 5)
    assert case.decision.period_months is None


def test_referred_to_withdrawn_when_consent_is_refused(youth_coordinator):
    case = refer(youth_coordinator)
    services.case_end(actor=youth_coordinator, case=case, outcome=S.WITHDRAWN, ended_on=days_ago(1))
    assert _state(case) == S.WITHDRAWN


@pytest.mark.parametrize("state", [S.REFERRED, S.CONSENTS_OBTAINED, S.DECIDED, S.PLAN_MEETING_PLANNED, S.IN_FOLLOW_UP])
def test_a_withdrawn_consent_ends_the_case_from_any_open_state(youth_coordinator, state):
    case = advance(refer(youth_coordinator), youth_coordinator, state)
    if state == S.REFERRED:
        services.consent_record(
            actor=youth_coordinator, case=case, guardian=None, given_on=days_ago(5), method=ConsentMethod.SIGNED
        )
    consent = case.consents.first()
    services.consent_withdraw(actor=youth_coordinator, case=case, consent=consent, withdrawn_on=days_ago(1))
    case.refresh_from_db()
    consent.refresh_from_db()
    assert case.state == S.WITHDRAWN
    assert (consent.withdrawn_on, consent.withdrawal_recorded_by) == (days_ago(1), youth_coordinator)
    assert case.ended_on == days_ago(1) and case.retain_until is not None
    assert case.next_follow_up_due is None and case.plan_due is None


def test_decided_to_plan_meeting_planned_puts_the_invitees_on_the_team(youth_coordinator, team_member):
    case = case_in(S.PLAN_MEETING_PLANNED, youth_coordinator, team=[team_member])
    assert list(case.plan_meeting.participants.all()) == [team_member]
    assert case.team.filter(user=team_member, removed_at__isnull=True, function="nav").exists()


def test_plan_meeting_planned_to_in_follow_up_starts_the_period_and_the_follow_up_deadline(youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    assert case.plan.approved_on == days_ago(40)
    assert case.plan.period_end == period_last_day(days_ago(40), 12)
    assert case.plan_due is None
    assert case.next_follow_up_due == days_ago(40) + timedelta(days=31)


@pytest.mark.parametrize("state", [S.DECIDED, S.PLAN_MEETING_PLANNED, S.IN_FOLLOW_UP])
def test_returned_to_the_prosecution(youth_coordinator, state):
    case = case_in(state, youth_coordinator)
    services.case_end(actor=youth_coordinator, case=case, outcome=S.RETURNED, ended_on=days_ago(1), note="Brudd")
    case.refresh_from_db()
    assert (case.state, case.end_note) == (S.RETURNED, "Brudd")


def test_in_follow_up_to_completed(youth_coordinator, settings):
    settings.YOUTH_RETENTION_YEARS = 3
    case = case_in(S.COMPLETED, youth_coordinator)
    assert case.retain_until == add_years(days_ago(1), 3)


# --- refused moves and rules -----------------------------------------------------------------------------------


def test_the_decision_is_refused_before_every_consent(youth_coordinator):
    case = refer(youth_coordinator)
    services.consent_record(
        actor=youth_coordinator, case=case, guardian=None, given_on=days_ago(5), method=ConsentMethod.SIGNED
    )
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=youth_coordinator,
            case=case,
            decided_on=days_ago(1),
            outcome=DecisionOutcome.SUITABLE,
            prosecutor_name="P",
            period_months=6,
        )
    assert "Mangler: Grete Kvalsundberget." in refused.value.messages[0]
    assert not ProsecutorDecision.objects.exists()
    assert _state(case) == S.REFERRED


@pytest.mark.parametrize(
    ("state", "call"),
    [
        (S.DECIDED, "consent"),
        (S.REFERRED, "plan_meeting"),
        (S.CONSENTS_OBTAINED, "approve"),
        (S.DECIDED, "approve"),
        (S.IN_FOLLOW_UP, "approve"),
        (S.IN_FOLLOW_UP, "decision"),
        (S.REFERRED, "complete"),
        (S.PLAN_MEETING_PLANNED, "complete"),
        (S.COMPLETED, "return"),
        (S.NOT_SUITABLE, "guardian"),
        (S.DECIDED, "offence"),
    ],
)
def test_services_refuse_moves_the_table_does_not_have(youth_coordinator, state, call):
    case = case_in(state, youth_coordinator)
    before = (case.state, AuditEvent.objects.count())
    calls = {
        "consent": lambda: services.consent_record(
            actor=youth_coordinator, case=case, guardian=None, given_on=days_ago(1), method="signed"
        ),
        "plan_meeting": lambda: services.plan_meeting_save(
            actor=youth_coordinator, case=case, starts_at=at(days_ago(1)), ends_at=at(days_ago(1), 13), place="X"
        ),
        "approve": lambda: services.plan_approve(
            actor=youth_coordinator, case=case, approved_on=days_ago(1), period_end=days_ago(-30)
        ),
        "decision": lambda: services.decision_record(
            actor=youth_coordinator, case=case, decided_on=days_ago(1), outcome="suitable", prosecutor_name="P"
        ),
        "complete": lambda: services.case_end(
            actor=youth_coordinator, case=case, outcome=S.COMPLETED, ended_on=days_ago(1)
        ),
        "return": lambda: services.case_end(
            actor=youth_coordinator, case=case, outcome=S.RETURNED, ended_on=days_ago(1)
        ),
        "guardian": lambda: services.guardian_add(
            actor=youth_coordinator, case=case, guardian=Guardian(name="X", relation="other")
        ),
        "offence": lambda: services.offence_add(
            actor=youth_coordinator,
            case=case,
            offence=Offence(description="x", committed_on=days_ago(70), max_penalty_months=12),
        ),
    }
    with pytest.raises(ValidationError):
        calls[call]()
    case.refresh_from_db()
    assert (case.state, AuditEvent.objects.count()) == before


def test_a_suitable_decision_above_the_local_penalty_limit_needs_confirmation(youth_coordinator):
    case = advance(refer(youth_coordinator, penalty=MaxPenalty.YEARS_3), youth_coordinator, S.CONSENTS_OBTAINED)
    kwargs = {
        "actor": youth_coordinator,
        "case": case,
        "decided_on": days_ago(1),
        "outcome": "suitable",
        "prosecutor_name": "P",
        "period_months": 12,
    }
    with pytest.raises(ValidationError) as refused:
        services.decision_record(**kwargs)
    assert "confirm_penalty" in refused.value.error_dict
    assert _state(case) == S.CONSENTS_OBTAINED
    decision = services.decision_record(**kwargs, confirm_penalty=True)
    assert decision.penalty_warning_confirmed
    assert _state(case) == S.DECIDED


def test_with_the_penalty_check_off_no_confirmation_is_needed(youth_coordinator, settings):
    settings.YOUTH_MAX_PENALTY_CHECK = False
    case = advance(refer(youth_coordinator, penalty=MaxPenalty.YEARS_6), youth_coordinator, S.DECIDED)
    assert not case.decision.penalty_warning_confirmed


def test_the_plan_period_cannot_run_past_one_year_from_approval(youth_coordinator):
    case = case_in(S.PLAN_MEETING_PLANNED, youth_coordinator)
    approved = days_ago(40)
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(
            actor=youth_coordinator, case=case, approved_on=approved, period_end=add_years(approved, 1)
        )
    assert "period_end" in refused.value.error_dict
    assert _state(case) == S.PLAN_MEETING_PLANNED
    services.plan_approve(
        actor=youth_coordinator, case=case, approved_on=approved, period_end=period_last_day(approved, 12)
    )
    assert _state(case) == S.IN_FOLLOW_UP


def test_the_plan_needs_a_measure_and_measures_inside_the_period(youth_coordinator):
    case = case_in(S.PLAN_MEETING_PLANNED, youth_coordinator)
    PlanMeasure.objects.all().delete()
    with pytest.raises(ValidationError, match="minst ett tiltak"):
        services.plan_approve(actor=youth_coordinator, case=case, approved_on=days_ago(40), period_end=days_ago(-30))
    services.measure_save(
        actor=youth_coordinator,
        case=case,
        measure=PlanMeasure(
            kind=MeasureKind.CURFEW,
            details="Hjemme kl. 22",
            responsible_agency=youth_coordinator.agency,
            starts_on=days_ago(45),
            ends_on=days_ago(-10),
        ),
    )
    with pytest.raises(ValidationError, match="innenfor planens periode"):
        services.plan_approve(actor=youth_coordinator, case=case, approved_on=days_ago(40), period_end=days_ago(-30))
    assert _state(case) == S.PLAN_MEETING_PLANNED


def test_a_held_follow_up_meeting_moves_the_next_deadline(youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    services.follow_up_meeting_add(
        actor=youth_coordinator, case=case, starts_at=at(days_ago(10)), held=True, summary="Bra"
    )
    case.refresh_from_db()
    assert case.next_follow_up_due == days_ago(10) + timedelta(days=31)
    planned = services.follow_up_meeting_add(actor=youth_coordinator, case=case, starts_at=at(days_ago(-3)))
    case.refresh_from_db()
    assert case.next_follow_up_due == days_ago(10) + timedelta(days=31)  # a planned meeting moves nothing
    assert not planned.held


def test_a_meeting_in_the_future_cannot_be_marked_held(youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    meeting = services.follow_up_meeting_add(
        actor=youth_coordinator, case=case, starts_at=timezone.now() + timedelta(hours=2)
    )
    with pytest.raises(ValidationError) as refused:
        services.follow_up_meeting_mark_held(actor=youth_coordinator, case=case, meeting=meeting, summary="Gikk bra")
    assert refused.value.message_dict["held"] == ["Et møte fram i tid kan ikke markeres som avholdt."]
    meeting.refresh_from_db()
    assert not meeting.held


def test_a_breach_on_a_closed_case_is_refused(youth_coordinator):
    case = case_in(S.COMPLETED, youth_coordinator)
    with pytest.raises(ValidationError, match="Saken er avsluttet"):
        services.breach_record(
            actor=youth_coordinator, case=case, occurred_on=days_ago(2), description="x", reaction="talk"
        )


def test_the_end_cannot_be_before_the_start_of_the_period(youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    with pytest.raises(ValidationError) as refused:
        services.case_end(actor=youth_coordinator, case=case, outcome=S.COMPLETED, ended_on=days_ago(41))
    assert "ended_on" in refused.value.error_dict
    assert _state(case) == S.IN_FOLLOW_UP


def test_ending_with_withdrawn_consent_withdraws_the_consents_in_force(youth_coordinator):
    case = case_in(S.DECIDED, youth_coordinator)
    services.case_end(actor=youth_coordinator, case=case, outcome=S.WITHDRAWN, ended_on=days_ago(1))
    assert not Consent.objects.filter(case=case, withdrawn_on__isnull=True).exists()


def test_team_members_note_only_their_own_measures(youth_coordinator, team_member, responsible_member):
    case = case_in(
        S.IN_FOLLOW_UP, youth_coordinator, team=[team_member, responsible_member], responsible=responsible_member
    )
    measure = case.plan.measures.get()
    note = services.progress_note_add(
        actor=responsible_member, case=case, measure=measure, text="Ok", drug_test="negative"
    )
    assert (note.measure, note.drug_test) == (measure, "negative")
    for call in (
        lambda: services.progress_note_add(actor=team_member, case=case, measure=measure, text="x"),
        lambda: services.progress_note_add(actor=responsible_member, case=case, text="general"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert case.notes.count() == 1


def test_a_team_member_of_the_responsible_agency_may_note_the_measure(youth_coordinator, team_member):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator, team=[team_member])
    measure = case.plan.measures.get()
    measure.responsible_agency = team_member.agency
    measure.save()
    services.progress_note_add(actor=team_member, case=case, measure=measure, text="Fra NAV")
    assert case.notes.get().written_by == team_member


def test_with_deadlines_flags_overdue_due_this_week_and_ending_periods(youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    today = timezone.localdate()
    row = YouthCase.objects.with_deadlines(today).get(pk=case.pk)
    assert row.follow_up_overdue is True  # approved 40 days ago, no meeting held: due 9 days ago
    assert YouthCase.objects.with_deadlines(case.next_follow_up_due).get(pk=case.pk).follow_up_overdue is False
    assert row.period_start == days_ago(40)
    assert row.period_end == period_last_day(days_ago(40), 12)
    late = YouthCase.objects.with_deadlines(case.next_follow_up_due + timedelta(days=1)).get(pk=case.pk)
    assert late.follow_up_overdue is True
    near_end = YouthCase.objects.with_deadlines(row.period_end - timedelta(days=29)).get(pk=case.pk)
    assert near_end.period_ends_soon is True
    monday = case.next_follow_up_due - timedelta(days=case.next_follow_up_due.weekday())
    assert YouthCase.objects.with_deadlines(monday).get(pk=case.pk).follow_up_due_this_week is True


@pytest.mark.django_db(transaction=True)
def test_case_numbers_stay_unique_when_several_register_at_once():
    actor = youth_coordinator_user()
    threads_count, per_thread = 4, 3
    start = threading.Barrier(threads_count)
    errors = []

    def register():
        try:
            start.wait()
            for _ in range(per_thread):
                refer(actor)
        except Exception as error:  # reported below; a thread cannot fail the test by itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    year = days_ago(60).year
    numbers = sorted(YouthCase.objects.values_list("number", flat=True))
    assert numbers == [f"UO-{year}-{n:03d}" for n in range(1, threads_count * per_thread + 1)]
    assert Guardian.objects.count() == threads_count * per_thread
