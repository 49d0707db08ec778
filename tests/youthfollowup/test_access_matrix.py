"""DESIGN.md section 3 for youth cases, as a matrix: every case URL × every role and team relation.

Youth coordinators read and change every case; the case's follow-up team reads it; a team member adds notes on
the measures they are responsible for. Everyone else, coordinators and administrators included, gets 404 and
finds the case in no list. A denied request changes nothing; an allowed write has its effect.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from tests.factories import UserFactory
from youthfollowup import services
from youthfollowup.models import FollowUpMeeting, YouthCase
from youthfollowup.states import CaseState

from .factories import advance, at, case_in, days_ago, refer

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "coordinator",
    "police",
    "agency_member",
    "steering",
    "youth_coordinator",
    "team_member",
    "responsible_member",
]
READERS = {"youth_coordinator", "team_member", "responsible_member"}
S = CaseState


def _case(state, youth_coordinator, team_member, responsible_member):
    """A case in `state` with both team fixtures on its team; `responsible_member` is responsible for a measure."""
    if state in (S.REFERRED, S.CONSENTS_OBTAINED, S.DECIDED):
        case = refer(youth_coordinator)
        for user in (team_member, responsible_member):
            services.team_member_add(actor=youth_coordinator, case=case, user=user)
        return advance(case, youth_coordinator, state)
    return case_in(state, youth_coordinator, team=[team_member, responsible_member], responsible=responsible_member)


def snapshot(case):
    case = YouthCase.objects.get(pk=case.pk)
    return (
        case.state,
        case.updated_at,
        case.guardians.count(),
        case.offences.count(),
        case.consents.filter(withdrawn_on__isnull=True).count(),
        hasattr(case, "decision"),
        hasattr(case, "plan_meeting"),
        case.plan.goals if hasattr(case, "plan") else None,
        list(case.plan.measures.values_list("details", flat=True)) if hasattr(case, "plan") else [],
        case.notes.count(),
        case.team.filter(removed_at__isnull=True).count(),
        list(case.follow_up_meetings.values_list("held", flat=True)),
        case.breaches.count(),
        AuditEvent.objects.exclude(action__in=[AuditEvent.Action.VIEW, AuditEvent.Action.EXPORT]).count(),
    )


def _d(days):
    return days_ago(days).isoformat()


# name, state the case must be in, who may (read / change / note), GET allowed, POST data or None, and the effect
ENTRIES = [
    ("case_detail", S.IN_FOLLOW_UP, "read", None, None),
    ("plan_meeting_ical", S.IN_FOLLOW_UP, "read", None, None),
    (
        "case_update",
        S.REFERRED,
        "change",
        lambda ctx: {
            "given_name": "Oskar",
            "family_name": "Kvalsundberget",
            "birth_date": ctx["case"].birth_date.isoformat(),
            "phone": "99 99 99 99",
            "referred_on": ctx["case"].referred_on.isoformat(),
            "prosecutor_name": "Politiadvokat Vik",
        },
        lambda case: case.phone == "99 99 99 99",
    ),
    (
        "guardian_add",
        S.REFERRED,
        "change",
        lambda ctx: {"name": "Verge Vergesen", "relation": "other"},
        lambda case: case.guardians.filter(name="Verge Vergesen").exists(),
    ),
    (
        "offence_add",
        S.REFERRED,
        "change",
        lambda ctx: {
            "description": "Skadeverk",
            "committed_on": _d(70),
            "max_penalty_months": "12",
        },
        lambda case: case.offences.count() == 2,
    ),
    (
        "consent_add",
        S.REFERRED,
        "change",
        lambda ctx: {"party": "youth", "given_on": _d(3), "method": "signed"},
        lambda case: case.consents.filter(guardian__isnull=True).exists(),
    ),
    (
        "consent_withdraw",
        S.CONSENTS_OBTAINED,
        "change",
        lambda ctx: {"withdrawn_on": _d(1)},
        lambda case: case.state == S.WITHDRAWN,
    ),
    (
        "decision",
        S.CONSENTS_OBTAINED,
        "change",
        lambda ctx: {"decided_on": _d(2), "outcome": "suitable", "prosecutor_name": "P", "period_months": "10"},
        lambda case: case.state == S.DECIDED and case.decision.period_months == 10,
    ),
    (
        "plan_meeting",
        S.DECIDED,
        "change",
        lambda ctx: {"date": _d(-5), "start_time": "10:00", "end_time": "12:00", "place": "Konfliktrådet"},
        lambda case: case.state == S.PLAN_MEETING_PLANNED and case.plan_meeting.place == "Konfliktrådet",
    ),
    (
        "plan",
        S.PLAN_MEETING_PLANNED,
        "change",
        lambda ctx: {"goals": "Nytt mål"},
        lambda case: case.plan.goals == "Nytt mål",
    ),
    (
        "plan_approve",
        S.PLAN_MEETING_PLANNED,
        "change",
        lambda ctx: {"approved_on": _d(40), "period_end": _d(-200)},
        lambda case: case.state == S.IN_FOLLOW_UP,
    ),
    (
        "measure_add",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {
            "kind": "curfew",
            "details": "Hjemme innen kl. 22",
            "responsible_agency": ctx["youth_coordinator"].agency.pk,
            "starts_on": _d(5),
            "ends_on": _d(-30),
        },
        lambda case: case.plan.measures.filter(kind="curfew").exists(),
    ),
    (
        "measure_update",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {
            "kind": "no_intoxicants",
            "details": "Endret: prøve hver uke",
            "responsible_user": ctx["responsible_member"].pk,
            "starts_on": _d(40),
            "ends_on": _d(-100),
        },
        lambda case: case.plan.measures.get().details == "Endret: prøve hver uke",
    ),
    (
        "measure_note",
        S.IN_FOLLOW_UP,
        "note",
        lambda ctx: {"text": "Prøve tatt", "drug_test": "negative"},
        lambda case: case.notes.filter(measure__isnull=False, drug_test="negative").exists(),
    ),
    (
        "team_add",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {"user": ctx["outsider"].pk},
        lambda case: case.team.filter(user__username="utenforstaende", removed_at__isnull=True).exists(),
    ),
    (
        "team_remove",
        S.IN_FOLLOW_UP,
        "change-post",
        lambda ctx: {},
        lambda case: not case.team.filter(user__username="teammedlem", removed_at__isnull=True).exists(),
    ),
    (
        "follow_up_add",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {"date": _d(2), "time": "14:00", "place": "Skolen", "held": "on", "summary": "Bra møte"},
        lambda case: case.follow_up_meetings.filter(held=True, place="Skolen").exists(),
    ),
    (
        "follow_up_held",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {"summary": "Møtet ble holdt"},
        lambda case: case.follow_up_meetings.get().held,
    ),
    ("note_add", S.IN_FOLLOW_UP, "change", lambda ctx: {"text": "Generelt notat"}, lambda case: case.notes.exists()),
    (
        "breach_add",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {"occurred_on": _d(3), "description": "Møtte ikke", "reaction": "talk"},
        lambda case: case.breaches.exists(),
    ),
    (
        "case_end",
        S.IN_FOLLOW_UP,
        "change",
        lambda ctx: {"outcome": "completed", "ended_on": _d(1)},
        lambda case: case.state == S.COMPLETED and case.retain_until is not None,
    ),
]


def _url(name, case):
    args = [case.pk]
    if name == "consent_withdraw":
        args.append(case.consents.first().pk)
    elif name in ("measure_update", "measure_note"):
        args.append(case.plan.measures.get().pk)
    elif name == "team_remove":
        args.append(case.team.get(user__username="teammedlem").pk)
    elif name == "follow_up_held":
        meeting = FollowUpMeeting.objects.create(
            case=case, starts_at=timezone.now() - timedelta(days=1), created_by=case.created_by
        )
        args.append(meeting.pk)
    return reverse(f"youthfollowup:{name}", args=args)


def _allowed(kind, role):
    if kind == "read":
        return role in READERS
    if kind == "note":
        return role in ("youth_coordinator", "responsible_member")
    return role == "youth_coordinator"


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry[0] for entry in ENTRIES])
@pytest.mark.parametrize("role", ROLES)
def test_case_urls(request, client_for, youth_coordinator, team_member, responsible_member, role, entry):
    name, state, kind, data, effect = entry
    outsider = UserFactory(username="utenforstaende")
    user = request.getfixturevalue(role)
    case = _case(state, youth_coordinator, team_member, responsible_member)
    url = _url(name, case)
    client = client_for(user)
    readable = role in READERS
    allowed = _allowed(kind, role)
    denied_status = 404 if not readable else 403

    if kind != "change-post":
        before = snapshot(case)
        response = client.get(url)
        assert response.status_code == (200 if allowed else denied_status), (name, role, response.status_code)
        assert snapshot(case) == before
    if data is None:
        return
    before = snapshot(case)
    context = {
        "case": case,
        "youth_coordinator": youth_coordinator,
        "responsible_member": responsible_member,
        "outsider": outsider,
    }
    response = client.post(url, data(context))
    if allowed:
        assert response.status_code == 302, (name, role, response.status_code, response.content.decode()[:3000])
        assert effect(YouthCase.objects.get(pk=case.pk)), (name, role)
    else:
        assert response.status_code == denied_status, (name, role, response.status_code)
        assert snapshot(case) == before, (name, role)


MODULE_PAGES = {
    # url name: roles that get 200 (everyone else 403; nothing there names a case they may not read)
    "case_list": READERS,
    "case_create": {"youth_coordinator"},
    "statistics": {"youth_coordinator"},
}


@pytest.mark.parametrize("page", sorted(MODULE_PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_module_pages(request, client_for, youth_coordinator, team_member, responsible_member, role, page):
    user = request.getfixturevalue(role)
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator, team=[team_member, responsible_member])
    other = refer(youth_coordinator, given="Annen", family="Ungdom")
    response = client_for(user).get(reverse(f"youthfollowup:{page}"))
    assert response.status_code == (200 if role in MODULE_PAGES[page] else 403)
    if page == "case_list" and response.status_code == 200:
        assert case.number in response.text
        assert (other.number in response.text) == (role == "youth_coordinator")


def test_a_member_taken_off_the_team_no_longer_reads_the_case(client_for, youth_coordinator, team_member):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator, team=[team_member])
    client = client_for(team_member)
    assert client.get(case.get_absolute_url()).status_code == 200
    member = case.team.get(user=team_member)
    services.team_member_remove(actor=youth_coordinator, case=case, member=member)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("youthfollowup:case_list")).status_code == 403


def test_a_removed_member_can_be_added_again(youth_coordinator, team_member):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator, team=[team_member])
    services.team_member_remove(actor=youth_coordinator, case=case, member=case.team.get(user=team_member))
    services.team_member_add(actor=youth_coordinator, case=case, user=team_member)
    assert case.team.filter(user=team_member).count() == 2
    assert case.team.filter(user=team_member, removed_at__isnull=True).count() == 1


def test_the_plan_meeting_calendar_names_the_case_number_not_the_youth(client_for, youth_coordinator, team_member):
    case = case_in(S.PLAN_MEETING_PLANNED, youth_coordinator, team=[team_member])
    response = client_for(team_member).get(reverse("youthfollowup:plan_meeting_ical", args=[case.pk]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert f"SUMMARY:Ungdomsplanmøte {case.number}\r\n" in body
    assert "DTSTART:" in body and body.endswith("END:VCALENDAR\r\n")
    assert "Oskar" not in body and "Kvalsundberget" not in body and case.number in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, actor=team_member, object_id=str(case.pk)
    ).exists()


def test_no_calendar_file_before_the_plan_meeting_is_planned(client_for, youth_coordinator):
    case = case_in(S.DECIDED, youth_coordinator)
    response = client_for(youth_coordinator).get(reverse("youthfollowup:plan_meeting_ical", args=[case.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_followup_meeting_of_another_case_is_not_found(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    other = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    meeting = services.follow_up_meeting_add(actor=youth_coordinator, case=other, starts_at=at(days_ago(1)))
    url = reverse("youthfollowup:follow_up_held", args=[case.pk, meeting.pk])
    response = client_for(youth_coordinator).post(url, {"summary": "x"})
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert not meeting.held
