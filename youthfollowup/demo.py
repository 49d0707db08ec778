"""Demo youth follow-up: four made-up cases in different states, built through the services. Idempotent: a case
whose prosecution reference is already there is left alone."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from slt.accounts.models import User

from . import services
from .dates import add_years, period_last_day
from .models import (
    ConsentMethod,
    DecisionOutcome,
    Guardian,
    GuardianRelation,
    MaxPenalty,
    MeasureKind,
    Offence,
    PlanMeasure,
    Reaction,
    YouthCase,
)
from .states import CaseState

KONFLIKTRADET = "Konfliktrådet Sør-Vest"


def _at(day: date, hour: int = 13) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _born(offence_day: date, age: int, days: int = 120) -> date:
    """A birth date that makes the youth `age` on the day of the offence."""
    return add_years(offence_day, -age) - timedelta(days=days)


def _refer(coordinator, reference, *, given, family, age, referred, offence_days, offence, penalty, guardians):
    offence_day = referred - timedelta(days=offence_days)
    case = YouthCase(
        given_name=given,
        family_name=family,
        birth_date=_born(offence_day, age),
        phone="900 00 000",
        address="Demoveien 1, 4306 Sandnes",
        referred_on=referred,
        prosecutor_name="Politiadvokat Hanne Vik",
        prosecutor_office="Sør-Vest politidistrikt, påtaleenheten",
        prosecution_reference=reference,
    )
    return services.case_refer(
        actor=coordinator,
        case=case,
        guardians=[Guardian(name=name, relation=relation, phone="400 00 000") for name, relation in guardians],
        offences=[
            Offence(
                description=offence,
                committed_on=offence_day,
                police_case_number=f"{reference[-3:]}88{age}",
                max_penalty_months=penalty,
            )
        ],
    )


def _consent_all(coordinator, case, day):
    services.consent_record(actor=coordinator, case=case, guardian=None, given_on=day, method=ConsentMethod.SIGNED)
    for guardian in case.guardians.all():
        services.consent_record(
            actor=coordinator, case=case, guardian=guardian, given_on=day, method=ConsentMethod.IN_PERSON
        )


def _decide_and_plan(coordinator, case, *, decided, meeting_day, team):
    services.decision_record(
        actor=coordinator,
        case=case,
        decided_on=decided,
        outcome=DecisionOutcome.SUITABLE,
        prosecutor_name="Politiadvokat Hanne Vik",
        conditions="Møte til avtalte oppfølgingsmøter; ingen nye lovbrudd i perioden.",
        period_months=12,
    )
    services.plan_meeting_save(
        actor=coordinator,
        case=case,
        starts_at=_at(meeting_day, 13),
        ends_at=_at(meeting_day, 15),
        place="Konfliktrådet, Lagårdsveien 44, Stavanger",
        participants=team,
        other_participants="Ungdommen og foresatte.",
    )
    services.plan_save(
        actor=coordinator,
        case=case,
        goals="Fullføre skoleåret, holde seg unna rus og bygge en trygg hverdag med faste aktiviteter.",
    )


def _measures(coordinator, case, start, end, people, agencies):
    rows = [
        (MeasureKind.MAKE_AMENDS, "Møte fornærmede i konfliktrådet og gjøre opp for skaden.", None, KONFLIKTRADET),
        (MeasureKind.WORK_SCHOOL, "Møte på skolen hver dag; fravær meldes samme dag.", people["skole"], None),
        (MeasureKind.NO_INTOXICANTS, "Ingen alkohol eller narkotika; urinprøve hver måned.", people["barnevern"], None),
        (MeasureKind.REPORT_TO_POLICE, "Møte på politistasjonen annenhver fredag.", people["politi"], None),
    ]
    for kind, details, user, agency in rows:
        services.measure_save(
            actor=coordinator,
            case=case,
            measure=PlanMeasure(
                kind=kind,
                details=details,
                responsible_user=user,
                responsible_agency=agencies.get(agency) if agency else None,
                starts_on=start,
                ends_on=end,
            ),
        )


def _follow_up(coordinator, case, days, today):
    for number, day in enumerate(days, start=1):
        services.follow_up_meeting_add(
            actor=coordinator,
            case=case,
            starts_at=_at(today + timedelta(days=day), 15),
            place="Konfliktrådet",
            held=True,
            summary=f"Oppfølgingsmøte {number}: gjennomgang av tiltakene. Ungdommen møter som avtalt.",
        )


@transaction.atomic
def seed_youth_cases(agencies: dict, users: dict) -> list[YouthCase]:
    people = {name: users.get(name) or User.objects.get(username=name) for name in ("politi", "barnevern", "skole")}
    coordinator = users.get("ungdomskoordinator") or User.objects.get(username="ungdomskoordinator")
    team = [people["politi"], people["barnevern"], people["skole"]]
    today = timezone.localdate()
    done = set(YouthCase.objects.values_list("prosecution_reference", flat=True))
    cases = []

    # 1. In follow-up for almost a year: a follow-up meeting is overdue and the period ends within 30 days.
    if "DEMO-2025-101" not in done:
        referred = today - timedelta(days=380)
        case = _refer(
            coordinator,
            "DEMO-2025-101",
            given="Emil",
            family="Fjordheim",
            age=16,
            referred=referred,
            offence_days=40,
            offence="Innbrudd i bod og tyveri av sykkel sammen med to andre.",
            penalty=MaxPenalty.YEAR_1,
            guardians=[("Kari Fjordheim", GuardianRelation.MOTHER), ("Per Fjordheim", GuardianRelation.FATHER)],
        )
        _consent_all(coordinator, case, referred + timedelta(days=5))
        approved = today - timedelta(days=340)
        _decide_and_plan(coordinator, case, decided=referred + timedelta(days=15), meeting_day=approved, team=team)
        _measures(coordinator, case, approved, period_last_day(approved, 12), people, agencies)
        services.plan_approve(
            actor=coordinator, case=case, approved_on=approved, period_end=period_last_day(approved, 12)
        )
        _follow_up(coordinator, case, [-320, -290, -260, -230, -200, -170, -140, -110, -75, -40], today)
        services.progress_note_add(
            actor=people["barnevern"],
            case=case,
            measure=case.plan.measures.get(kind=MeasureKind.NO_INTOXICANTS),
            text="Urinprøve tatt etter avtale.",
            drug_test="negative",
        )
        services.breach_record(
            actor=coordinator,
            case=case,
            occurred_on=today - timedelta(days=60),
            description="Møtte ikke på politistasjonen to fredager på rad.",
            reaction=Reaction.TALK,
            measure=case.plan.measures.get(kind=MeasureKind.REPORT_TO_POLICE),
        )
        cases.append(case)

    # 2. The youth plan meeting is planned; the plan is being written.
    if "DEMO-2026-102" not in done:
        referred = today - timedelta(days=30)
        case = _refer(
            coordinator,
            "DEMO-2026-102",
            given="Sofie",
            family="Lindvik",
            age=15,
            referred=referred,
            offence_days=20,
            offence="Skadeverk: tagging på skolens vegger og knuste vinduer.",
            penalty=MaxPenalty.YEAR_1,
            guardians=[("Lise Lindvik", GuardianRelation.MOTHER)],
        )
        _consent_all(coordinator, case, referred + timedelta(days=4))
        _decide_and_plan(
            coordinator, case, decided=referred + timedelta(days=12), meeting_day=today + timedelta(days=6), team=team
        )
        start = today + timedelta(days=6)
        _measures(coordinator, case, start, start + timedelta(days=180), people, agencies)
        cases.append(case)

    # 3. Completed two months ago: kept until the retention date.
    if "DEMO-2025-103" not in done:
        referred = today - timedelta(days=450)
        case = _refer(
            coordinator,
            "DEMO-2025-103",
            given="Adrian",
            family="Haugland",
            age=17,
            referred=referred,
            offence_days=30,
            offence="Ran av mobiltelefon fra jevnaldrende.",
            penalty=MaxPenalty.YEAR_1,
            guardians=[("Anne Haugland", GuardianRelation.MOTHER), ("Tor Haugland", GuardianRelation.FATHER)],
        )
        _consent_all(coordinator, case, referred + timedelta(days=3))
        approved = today - timedelta(days=400)
        _decide_and_plan(coordinator, case, decided=referred + timedelta(days=20), meeting_day=approved, team=team)
        end = approved + timedelta(days=330)
        _measures(coordinator, case, approved, end, people, agencies)
        services.plan_approve(actor=coordinator, case=case, approved_on=approved, period_end=end)
        _follow_up(coordinator, case, [-380, -350, -320, -290, -260, -230, -200, -170, -140, -110, -80], today)
        services.case_end(
            actor=coordinator,
            case=case,
            outcome=CaseState.COMPLETED,
            ended_on=end,
            note="Planen er gjennomført. Ungdommen fortsetter på skolen.",
        )
        cases.append(case)

    # 4. Just referred: the youth has consented, the guardian has not yet.
    if "DEMO-2026-104" not in done:
        referred = today - timedelta(days=6)
        case = _refer(
            coordinator,
            "DEMO-2026-104",
            given="Nora",
            family="Strand",
            age=16,
            referred=referred,
            offence_days=25,
            offence="Butikktyveri, gjentatte ganger i samme butikk.",
            penalty=MaxPenalty.MONTHS_6,
            guardians=[("Hilde Strand", GuardianRelation.MOTHER)],
        )
        services.consent_record(
            actor=coordinator,
            case=case,
            guardian=None,
            given_on=referred + timedelta(days=2),
            method=ConsentMethod.SIGNED,
        )
        cases.append(case)
    return cases
