"""Reads for youth follow-up. Views reach a case only through the doors below.

Policy (DESIGN.md section 3): youth coordinators read and change every case; the members of a case's follow-up
team read that case, and add notes on the plan measures they are responsible for. Everyone else, coordinators and
administrators included, gets 404 for a case and sees no case in any list, search or count.
"""

from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.accounts.roles import is_active_user, is_youth_coordinator
from slt.audit.models import AuditEvent

from .dates import week_end
from .models import (
    PERIOD_ENDING_SOON_DAYS,
    Breach,
    Consent,
    FollowUpMeeting,
    PlanMeasure,
    ProgressNote,
    TeamMember,
    YouthCase,
)
from .states import OPEN_STATES, CaseState

# Only these columns of a case are read for lists, panels and search: never the youth's name or birth date.
LIST_FIELDS = ("id", "number", "initials", "state", "referred_on", "plan_due", "next_follow_up_due", "ended_on")


def related_or_none(obj, name):
    """A one-to-one relation that may be missing (the case's decision, plan or plan meeting), or None."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _active_memberships(user) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(user_id=user.pk, removed_at__isnull=True)


def is_on_a_team(user) -> bool:
    """On the follow-up team of at least one case (asked once per request: the answer is kept on the user)."""
    if not is_active_user(user):
        return False
    if not hasattr(user, "_youthfollowup_on_a_team"):
        user._youthfollowup_on_a_team = _active_memberships(user).exists()
    return user._youthfollowup_on_a_team


def can_use_module(user) -> bool:
    """The menu entry, the case list and the search: youth coordinators and follow-up team members."""
    return is_youth_coordinator(user) or is_on_a_team(user)


def can_change_case(user) -> bool:
    return is_youth_coordinator(user)


def cases_visible_to(user) -> QuerySet[YouthCase]:
    if is_youth_coordinator(user):
        return YouthCase.objects.all()
    if not is_active_user(user):
        return YouthCase.objects.none()
    return YouthCase.objects.filter(
        Exists(_active_memberships(user).filter(case_id=OuterRef("pk"))),
    )


def get_case_for_user(user, pk) -> YouthCase:
    """The case for reading; 404 when the user may not read it (or it does not exist)."""
    return get_object_or_404(cases_visible_to(user), pk=pk)


def get_case_for_change(user, pk) -> YouthCase:
    """The case for youth coordinators; 404 when unreadable, 403 when only readable (a team member)."""
    case = get_case_for_user(user, pk)
    if not can_change_case(user):
        raise PermissionDenied
    return case


def can_note_measure(user, measure: PlanMeasure) -> bool:
    """Youth coordinators, and the team member responsible for the measure (as a person or through their agency).
    Ask only for a case the user may read: the door checks that first."""
    if not is_active_user(user):
        return False
    if is_youth_coordinator(user):
        return True
    return measure.responsible_user_id == user.pk or (
        user.agency_id is not None and measure.responsible_agency_id == user.agency_id
    )


def get_measure_for_note(user, case_pk, measure_pk) -> tuple[YouthCase, PlanMeasure]:
    """A measure of a readable case for a progress note; 404 when unreadable, 403 when not responsible."""
    case = get_case_for_user(user, case_pk)
    measure = get_object_or_404(
        PlanMeasure.objects.filter(plan__case=case).select_related("responsible_user", "responsible_agency"),
        pk=measure_pk,
    )
    if not can_note_measure(user, measure):
        raise PermissionDenied
    return case, measure


def get_measure_for_change(user, case_pk, measure_pk) -> tuple[YouthCase, PlanMeasure]:
    case = get_case_for_change(user, case_pk)
    return case, get_object_or_404(PlanMeasure.objects.filter(plan__case=case), pk=measure_pk)


def get_consent_for_change(user, case_pk, consent_pk) -> tuple[YouthCase, Consent]:
    case = get_case_for_change(user, case_pk)
    return case, get_object_or_404(case.consents.select_related("guardian"), pk=consent_pk)


def get_team_member_for_change(user, case_pk, member_pk) -> tuple[YouthCase, TeamMember]:
    case = get_case_for_change(user, case_pk)
    return case, get_object_or_404(case.team.filter(removed_at__isnull=True).select_related("user"), pk=member_pk)


def get_follow_up_meeting_for_change(user, case_pk, meeting_pk) -> tuple[YouthCase, FollowUpMeeting]:
    case = get_case_for_change(user, case_pk)
    return case, get_object_or_404(case.follow_up_meetings.all(), pk=meeting_pk)


# --- lists ---------------------------------------------------------------------------------------------------


def case_list(user, *, state: str = "") -> QuerySet[YouthCase]:
    """The case list: number, initials, state and deadlines only."""
    cases = cases_visible_to(user).with_deadlines().only(*LIST_FIELDS)
    if state:
        cases = cases.filter(state=state)
    return cases.order_by("-referred_on", "-id")


def search_cases(user, query: str, limit: int) -> list[YouthCase]:
    """By case number only (never by name or birth date)."""
    if not can_use_module(user):
        return []
    return list(
        cases_visible_to(user).filter(number__icontains=query.strip()).only(*LIST_FIELDS).order_by("-id")[:limit]
    )


def team_member_of(user, case: YouthCase) -> TeamMember | None:
    return next((member for member in case.active_team if member.user_id == user.pk), None)


def case_page(case: YouthCase) -> YouthCase:
    """Everything the case page shows, in a fixed number of queries."""
    case = (
        YouthCase.objects.with_deadlines()
        .select_related("decision", "decision__recorded_by", "plan", "plan__approved_by", "plan_meeting", "created_by")
        .prefetch_related(
            "plan_meeting__participants",
            "guardians",
            "offences",
            Prefetch("consents", queryset=Consent.objects.select_related("guardian", "recorded_by")),
            Prefetch(
                "team",
                queryset=TeamMember.objects.filter(removed_at__isnull=True).select_related("user", "user__agency"),
                to_attr="active_team",
            ),
            Prefetch("follow_up_meetings", queryset=FollowUpMeeting.objects.order_by("-starts_at", "-id")),
            Prefetch(
                "notes", queryset=ProgressNote.objects.select_related("written_by", "written_by__agency", "measure")
            ),
            Prefetch("breaches", queryset=Breach.objects.select_related("measure", "recorded_by")),
        )
        .get(pk=case.pk)
    )
    case.measures = (
        list(
            PlanMeasure.objects.filter(plan__case=case)
            .select_related("responsible_user", "responsible_agency")
            .annotate(note_count=Count("notes"))
        )
        if related_or_none(case, "plan")
        else []
    )
    return case


def consent_gaps(case: YouthCase) -> tuple[bool, list]:
    """Whether the youth's consent is missing, and the guardians whose consent is missing."""
    active = list(case.consents.filter(withdrawn_on__isnull=True).values_list("guardian_id", flat=True))
    return None not in active, [guardian for guardian in case.guardians.all() if guardian.pk not in active]


def missing_consents(case: YouthCase) -> list[str]:
    """Who has not consented yet, for the case page and the decision's refusal: "the youth" and guardians' names."""
    youth_missing, guardians = consent_gaps(case)
    return ([str(_("the youth"))] if youth_missing else []) + [guardian.name for guardian in guardians]


def next_planned_meeting(case: YouthCase) -> FollowUpMeeting | None:
    """The next planned (not held) follow-up meeting from now, from the prefetched meetings."""
    now = timezone.now()
    planned = [meeting for meeting in case.follow_up_meetings.all() if not meeting.held and meeting.starts_at >= now]
    return min(planned, key=lambda meeting: meeting.starts_at, default=None)


def access_log(user, case: YouthCase, *, limit: int = 50) -> list[dict]:
    """Who opened the case, one line per person (how often, first and last time): for youth coordinators only."""
    if not is_youth_coordinator(user):
        return []
    return list(
        AuditEvent.objects.filter(
            object_type=YouthCase._meta.label_lower, object_id=str(case.pk), action=AuditEvent.Action.VIEW
        )
        .values("actor_username", "actor__first_name", "actor__last_name", "agency__name")
        .annotate(count=Count("id"), first=Min("created_at"), last=Max("created_at"))
        .order_by("-last")[:limit]
    )


def team_candidates():
    """Users who can join a follow-up team: active, with an agency (administrators see no case data)."""
    from slt.accounts.models import User

    return User.objects.filter(is_active=True, agency__isnull=False).select_related("agency")


# --- the youth coordinator's dashboard ------------------------------------------------------------------------


def dashboard(user, *, today=None, limit: int = 8) -> dict | None:
    if not is_youth_coordinator(user):
        return None
    today = today or timezone.localdate()
    open_cases = cases_visible_to(user).filter(state__in=OPEN_STATES)
    counts = dict(open_cases.order_by().values_list("state").annotate(n=Count("id")))
    by_state = [
        {"state": state, "label": label, "count": counts.get(state, 0)}
        for state, label in CaseState.choices
        if state in OPEN_STATES
    ]
    listed = open_cases.with_deadlines(today).only(*LIST_FIELDS)
    overdue = listed.filter(
        Q(state=CaseState.IN_FOLLOW_UP, next_follow_up_due__lt=today)
        | Q(state__in=[CaseState.DECIDED, CaseState.PLAN_MEETING_PLANNED], plan_due__lt=today)
    )
    due_this_week = listed.filter(
        state=CaseState.IN_FOLLOW_UP, next_follow_up_due__gte=today, next_follow_up_due__lte=week_end(today)
    )
    ending = listed.filter(
        state=CaseState.IN_FOLLOW_UP,
        plan__period_end__gte=today,
        plan__period_end__lte=today + timedelta(days=PERIOD_ENDING_SOON_DAYS),
    )
    return {
        "by_state": by_state,
        "open_total": sum(row["count"] for row in by_state),
        "overdue": list(overdue.order_by("next_follow_up_due", "plan_due", "id")[:limit]),
        "due_this_week": list(due_this_week.order_by("next_follow_up_due", "id")[:limit]),
        "ending_soon": list(ending.order_by("plan__period_end", "id")[:limit]),
        "today": today,
    }
