"""Bad input from the issue, through the forms: a clear Norwegian message on the form, nothing saved, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from youthfollowup.models import (
    Breach,
    FollowUpMeeting,
    Guardian,
    Offence,
    PlanMeasure,
    ProsecutorDecision,
    YouthCase,
)
from youthfollowup.states import CaseState

from .factories import advance, birth_date_for, case_in, days_ago, refer

pytestmark = pytest.mark.django_db
S = CaseState


def counts():
    return (
        YouthCase.objects.count(),
        Guardian.objects.count(),
        Offence.objects.count(),
        ProsecutorDecision.objects.count(),
        PlanMeasure.objects.count(),
        FollowUpMeeting.objects.filter(held=True).count(),
        Breach.objects.count(),
        AuditEvent.objects.filter(action__in=[AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE]).count(),
        list(YouthCase.objects.order_by("pk").values_list("state", "updated_at")),
    )


def post(client, name, case, data, *extra):
    args = [case.pk, *extra] if case else []
    return client.post(reverse(f"youthfollowup:{name}", args=args), data)


def assert_refused(response, message, before):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Ingenting ble lagret. Rett opp feltene som er merket nedenfor." in response.content.decode()
    assert counts() == before


def referral(offence_on, birth_date, **extra):
    return {
        "given_name": "Siri",
        "family_name": "Bakketun",
        "birth_date": birth_date.isoformat(),
        "referred_on": days_ago(1).isoformat(),
        "prosecutor_name": "Politiadvokat Vik",
        "offence_description": "Tyveri",
        "offence_committed_on": offence_on.isoformat(),
        "offence_max_penalty_months": "12",
        "guardian_name": "Mor Bakketun",
        "guardian_relation": "mother",
        **extra,
    }


@pytest.mark.parametrize(
    ("age", "message"),
    [
        (14, "ungdommen var 14 år den"),
        (18, "ungdommen var 18 år den"),
        (12, "under den kriminelle lavalderen"),
    ],
)
def test_a_referral_with_an_age_out_of_range(client_for, youth_coordinator, age, message):
    offence_on = days_ago(30)
    before = counts()
    response = post(
        client_for(youth_coordinator), "case_create", None, referral(offence_on, birth_date_for(age, offence_on))
    )
    assert_refused(response, "Ungdomsoppfølging gjelder lovbrudd begått i alderen 15 til 17 år", before)
    assert message in response.content.decode()
    assert response.context["form"].errors["offence_committed_on"]


def test_a_valid_referral_is_registered_with_a_case_number(client_for, youth_coordinator):
    offence_on = days_ago(30)
    response = post(
        client_for(youth_coordinator),
        "case_create",
        None,
        referral(
            offence_on, birth_date_for(16, offence_on), guardian2_name="Far Bakketun", guardian2_relation="father"
        ),
    )
    case = YouthCase.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.initials, case.guardians.count(), case.offences.count()) == ("S.B.", 2, 1)


def test_an_offence_added_later_with_an_age_out_of_range(client_for, youth_coordinator):
    case = refer(youth_coordinator)
    before = counts()
    committed = case.birth_date.replace(year=case.birth_date.year + 13)
    response = post(
        client_for(youth_coordinator),
        "offence_add",
        case,
        {"description": "Tidligere tyveri", "committed_on": committed.isoformat(), "max_penalty_months": "12"},
    )
    assert_refused(response, "ungdommen var 13 år den", before)


def test_a_birth_date_changed_to_an_age_out_of_range(client_for, youth_coordinator):
    case = refer(youth_coordinator)
    offence = case.offences.get()
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "case_update",
        case,
        {
            "given_name": case.given_name,
            "family_name": case.family_name,
            "birth_date": birth_date_for(19, offence.committed_on).isoformat(),
            "referred_on": case.referred_on.isoformat(),
            "prosecutor_name": case.prosecutor_name,
        },
    )
    assert_refused(response, "ungdommen var 19 år den", before)


def test_a_decision_before_consent(client_for, youth_coordinator):
    case = refer(youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "decision",
        case,
        {"decided_on": days_ago(1).isoformat(), "outcome": "suitable", "prosecutor_name": "P", "period_months": "12"},
    )
    assert_refused(
        response,
        "Vedtaket kan registreres først når ungdommen og alle foresatte har samtykket. "
        "Mangler: ungdommen, Grete Kvalsundberget.",
        before,
    )


def test_a_decision_without_the_period(client_for, youth_coordinator):
    case = case_in(S.CONSENTS_OBTAINED, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "decision",
        case,
        {"decided_on": days_ago(1).isoformat(), "outcome": "suitable", "prosecutor_name": "P"},
    )
    assert_refused(response, "Oppgi perioden for oppfølgingen (1 til 12 måneder).", before)


def test_a_suitable_decision_above_the_local_penalty_limit_asks_for_confirmation(client_for, youth_coordinator):
    case = refer(youth_coordinator, penalty=36)
    advance(case, youth_coordinator, S.CONSENTS_OBTAINED)
    client = client_for(youth_coordinator)
    page = client.get(reverse("youthfollowup:decision", args=[case.pk])).content.decode()
    assert "strafferamme «inntil 3 år»" in page and "Loven selv har ingen slik grense." in page
    data = {"decided_on": days_ago(1).isoformat(), "outcome": "suitable", "prosecutor_name": "P", "period_months": "6"}
    before = counts()
    assert_refused(post(client, "decision", case, data), "Bekreft at påtalemyndigheten likevel", before)
    response = post(client, "decision", case, {**data, "confirm_penalty": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == S.DECIDED and case.decision.penalty_warning_confirmed


def test_a_plan_period_past_one_year(client_for, youth_coordinator):
    case = case_in(S.PLAN_MEETING_PLANNED, youth_coordinator)
    approved = days_ago(40)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "plan_approve",
        case,
        {"approved_on": approved.isoformat(), "period_end": approved.replace(year=approved.year + 1).isoformat()},
    )
    assert_refused(
        response, "Perioden starter når planen godkjennes og varer i høyst ett år: siste dag kan være", before
    )


def test_a_follow_up_meeting_in_the_future_marked_as_held(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    client = client_for(youth_coordinator)
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = counts()
    response = post(
        client,
        "follow_up_add",
        case,
        {"date": tomorrow.isoformat(), "time": "10:00", "held": "on", "summary": "Gikk fint"},
    )
    assert_refused(response, "Et møte fram i tid kan ikke markeres som avholdt.", before)
    planned = FollowUpMeeting.objects.create(
        case=case, starts_at=timezone.now() + timedelta(hours=3), created_by=youth_coordinator
    )
    before = counts()
    response = post(client, "follow_up_held", case, {"summary": "Gikk fint"}, planned.pk)
    assert_refused(response, "Et møte fram i tid kan ikke markeres som avholdt.", before)


def test_a_breach_on_a_closed_case(client_for, youth_coordinator):
    case = case_in(S.RETURNED, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "breach_add",
        case,
        {"occurred_on": days_ago(2).isoformat(), "description": "Møtte ikke", "reaction": "talk"},
    )
    assert_refused(response, "Saken er avsluttet: brudd kan ikke lenger registreres.", before)


def test_a_measure_type_that_does_not_exist(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "measure_add",
        case,
        {
            "kind": "jail",
            "details": "Fengsel",
            "responsible_agency": youth_coordinator.agency.pk,
            "starts_on": days_ago(5).isoformat(),
            "ends_on": days_ago(-5).isoformat(),
        },
    )
    assert_refused(response, "Velg en tiltakstype fra listen.", before)


def test_a_measure_that_ends_before_it_starts(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "measure_add",
        case,
        {
            "kind": "curfew",
            "details": "Hjemme kl. 21",
            "responsible_agency": youth_coordinator.agency.pk,
            "starts_on": days_ago(1).isoformat(),
            "ends_on": days_ago(10).isoformat(),
        },
    )
    assert_refused(response, "Sluttdatoen kan ikke være før startdatoen.", before)


def test_a_measure_past_the_plan_period(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "measure_add",
        case,
        {
            "kind": "curfew",
            "details": "Hjemme kl. 21",
            "responsible_agency": youth_coordinator.agency.pk,
            "starts_on": days_ago(1).isoformat(),
            "ends_on": days_ago(-400).isoformat(),
        },
    )
    assert_refused(response, "Et tiltak må ligge innenfor planens periode", before)


def test_a_case_that_ends_before_it_started(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "case_end",
        case,
        {"outcome": "completed", "ended_on": (case.plan.approved_on - timedelta(days=1)).isoformat()},
    )
    assert_refused(response, "Sluttdatoen kan ikke være før starten", before)


def test_an_end_date_in_the_future(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator), "case_end", case, {"outcome": "completed", "ended_on": days_ago(-3).isoformat()}
    )
    assert_refused(response, "Datoen kan ikke være fram i tid.", before)


def test_an_end_outcome_the_state_does_not_allow(client_for, youth_coordinator):
    case = case_in(S.DECIDED, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator), "case_end", case, {"outcome": "completed", "ended_on": days_ago(1).isoformat()}
    )
    assert_refused(response, "Velg et av alternativene i listen.", before)


def test_a_consent_from_someone_who_has_consented_already(client_for, youth_coordinator):
    case = refer(youth_coordinator)
    client = client_for(youth_coordinator)
    data = {"party": "youth", "given_on": days_ago(2).isoformat(), "method": "signed"}
    assert post(client, "consent_add", case, data).status_code == 302
    before = counts()
    assert_refused(post(client, "consent_add", case, data), "Velg et av alternativene i listen.", before)


@pytest.mark.parametrize(
    ("field", "value"), [("given_on", "31.02.2026"), ("given_on", ""), ("method", "fax"), ("party", "999")]
)
def test_garbage_in_the_consent_form(client_for, youth_coordinator, field, value):
    case = refer(youth_coordinator)
    data = {"party": "youth", "given_on": days_ago(2).isoformat(), "method": "signed", field: value}
    before = counts()
    response = post(client_for(youth_coordinator), "consent_add", case, data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert counts() == before


def test_a_plan_meeting_that_ends_before_it_starts(client_for, youth_coordinator):
    case = case_in(S.DECIDED, youth_coordinator)
    before = counts()
    response = post(
        client_for(youth_coordinator),
        "plan_meeting",
        case,
        {"date": days_ago(-3).isoformat(), "start_time": "12:00", "end_time": "11:00", "place": "Rådhuset"},
    )
    assert_refused(response, "Møtet må slutte etter at det starter.", before)
