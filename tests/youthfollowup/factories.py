"""Youth cases for tests, built through the services (as the users would), in any state of the state machine."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory
from youthfollowup import services
from youthfollowup.dates import add_years, period_last_day
from youthfollowup.models import (
    ConsentMethod,
    DecisionOutcome,
    Guardian,
    GuardianRelation,
    MaxPenalty,
    MeasureKind,
    Offence,
    PlanMeasure,
    TeamMember,
    YouthCase,
)
from youthfollowup.states import CLOSED_STATES, CaseState

YOUTH_GIVEN = "Oskar"
YOUTH_FAMILY = "Kvalsundberget"


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def youth_coordinator_user(username="ungdomskoordinator"):
    return UserFactory(
        username=username,
        first_name="Unni",
        role=User.Role.AGENCY,
        is_youth_coordinator=True,
        agency=AgencyFactory(name="Konfliktrådet Sør-Vest", kind="other"),
    )


def birth_date_for(age_at_offence: int, offence_on: date) -> date:
    return add_years(offence_on, -age_at_offence) - timedelta(days=100)


def refer(
    actor,
    *,
    given=YOUTH_GIVEN,
    family=YOUTH_FAMILY,
    birth_date=None,
    offence_on=None,
    referred_on=None,
    guardians=(("Grete Kvalsundberget", GuardianRelation.MOTHER),),
    penalty=MaxPenalty.YEAR_1,
) -> YouthCase:
    referred_on = referred_on or days_ago(60)
    offence_on = offence_on or referred_on - timedelta(days=20)
    birth_date = birth_date or birth_date_for(16, offence_on)
    return services.case_refer(
        actor=actor,
        case=YouthCase(
            given_name=given,
            family_name=family,
            birth_date=birth_date,
            referred_on=referred_on,
            prosecutor_name="Politiadvokat Vik",
        ),
        guardians=[Guardian(name=name, relation=relation) for name, relation in guardians],
        offences=[Offence(description="Tyveri av sykkel", committed_on=offence_on, max_penalty_months=penalty)],
    )


ORDER = [
    CaseState.REFERRED,
    CaseState.CONSENTS_OBTAINED,
    CaseState.DECIDED,
    CaseState.PLAN_MEETING_PLANNED,
    CaseState.IN_FOLLOW_UP,
]


def advance(case: YouthCase, actor, to: str, *, team=(), responsible=None, confirm_penalty=False) -> YouthCase:
    """Take a case along the usual path up to `to` (any state). `team` users are invited to the plan meeting
    (and so join the team); `responsible` is the responsible person of the plan's first measure."""
    case.refresh_from_db()
    target = (
        to
        if to in ORDER
        else {
            CaseState.NOT_SUITABLE: CaseState.CONSENTS_OBTAINED,
            CaseState.WITHDRAWN: CaseState.CONSENTS_OBTAINED,
            CaseState.COMPLETED: CaseState.IN_FOLLOW_UP,
            CaseState.RETURNED: CaseState.IN_FOLLOW_UP,
        }[to]
    )
    meeting_day = days_ago(40)
    while ORDER.index(case.state) < ORDER.index(target):
        if case.state == CaseState.REFERRED:
            consented = set(case.consents.filter(withdrawn_on__isnull=True).values_list("guardian_id", flat=True))
            for guardian in [None, *case.guardians.all()]:
                if (guardian.pk if guardian else None) not in consented:
                    services.consent_record(
                        actor=actor, case=case, guardian=guardian, given_on=days_ago(55), method=ConsentMethod.SIGNED
                    )
        elif case.state == CaseState.CONSENTS_OBTAINED:
            services.decision_record(
                actor=actor,
                case=case,
                decided_on=days_ago(50),
                outcome=DecisionOutcome.SUITABLE,
                prosecutor_name="Politiadvokat Vik",
                period_months=12,
                confirm_penalty=confirm_penalty,
            )
        elif case.state == CaseState.DECIDED:
            services.plan_meeting_save(
                actor=actor,
                case=case,
                starts_at=at(meeting_day, 10),
                ends_at=at(meeting_day, 12),
                place="Konfliktrådet",
                participants=list(team),
            )
            services.plan_save(actor=actor, case=case, goals="Fullføre skoleåret.")
            services.measure_save(
                actor=actor,
                case=case,
                measure=PlanMeasure(
                    kind=MeasureKind.NO_INTOXICANTS,
                    details="Urinprøve hver måned.",
                    responsible_user=responsible,
                    responsible_agency=None if responsible else actor.agency,
                    starts_on=meeting_day,
                    ends_on=meeting_day + timedelta(days=180),
                ),
            )
        elif case.state == CaseState.PLAN_MEETING_PLANNED:
            services.plan_approve(
                actor=actor, case=case, approved_on=meeting_day, period_end=period_last_day(meeting_day, 12)
            )
        case.refresh_from_db()
    if to == CaseState.NOT_SUITABLE:
        services.decision_record(
            actor=actor,
            case=case,
            decided_on=days_ago(50),
            outcome=DecisionOutcome.NOT_SUITABLE,
            prosecutor_name="Politiadvokat Vik",
        )
    elif to in (CaseState.WITHDRAWN, CaseState.COMPLETED, CaseState.RETURNED):
        services.case_end(actor=actor, case=case, outcome=to, ended_on=days_ago(1))
    case.refresh_from_db()
    assert case.state == to, (case.state, to)
    return case


def case_in(state: str, actor, **options) -> YouthCase:
    return advance(refer(actor), actor, state, **options)


def bulk_cases(count, creator, *, member=None, start=0) -> list[YouthCase]:
    """Many cases at once, in every state in turn, as rows (the services are tested elsewhere). `member` is put
    on the team of each."""
    today = timezone.localdate()
    states = list(CaseState.values)
    rows = []
    for i in range(count):
        state = states[i % len(states)]
        closed = state in CLOSED_STATES
        rows.append(
            YouthCase(
                number=f"UO-2020-{start + i:04d}",
                state=state,
                given_name="Navn",
                family_name="Navnesen",
                initials="N.N.",
                birth_date=today - timedelta(days=16 * 365),
                referred_on=today - timedelta(days=i % 300),
                prosecutor_name="P",
                age_at_offence=15 + i % 3,
                next_follow_up_due=today + timedelta(days=i % 40 - 20) if state == CaseState.IN_FOLLOW_UP else None,
                plan_due=today + timedelta(days=5) if state == CaseState.DECIDED else None,
                ended_on=today if closed else None,
                retain_until=today + timedelta(days=1800) if closed else None,
                created_by=creator,
            )
        )
    cases = YouthCase.objects.bulk_create(rows)
    if member is not None:
        TeamMember.objects.bulk_create(
            TeamMember(case=case, user=member, function="other", added_by=creator) for case in cases
        )
    return cases
