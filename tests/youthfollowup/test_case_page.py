"""The case page: what each reader sees, and a query count that does not grow with the case's history."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.budget import queries_for
from youthfollowup import services
from youthfollowup.models import MeasureKind, PlanMeasure
from youthfollowup.states import CaseState

from .factories import at, case_in, days_ago

pytestmark = pytest.mark.django_db
S = CaseState


def add_history(case, actor, responsible, count):
    for i in range(count):
        services.measure_save(
            actor=actor,
            case=case,
            measure=PlanMeasure(
                kind=MeasureKind.COMMUNITY_TASKS,
                details=f"Oppgave {i}",
                responsible_user=responsible,
                starts_on=days_ago(30),
                ends_on=days_ago(-30),
            ),
        )
        services.follow_up_meeting_add(
            actor=actor, case=case, starts_at=at(days_ago(30 - i % 30)), held=True, summary=f"Møte {i}"
        )
        services.progress_note_add(actor=actor, case=case, text=f"Notat {i}", drug_test="negative")
        services.breach_record(
            actor=actor, case=case, occurred_on=days_ago(5), description=f"Brudd {i}", reaction="talk"
        )


@pytest.mark.parametrize("role", ["youth_coordinator", "responsible_member"])
def test_the_case_page_costs_the_same_queries_with_a_long_history(
    request, client_for, youth_coordinator, responsible_member, role
):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator, team=[responsible_member], responsible=responsible_member)
    client = client_for(request.getfixturevalue(role))
    add_history(case, youth_coordinator, responsible_member, 2)
    few = queries_for(client, case.get_absolute_url())
    add_history(case, youth_coordinator, responsible_member, 20)
    assert queries_for(client, case.get_absolute_url()) == few
    print(f"case page queries ({role}): {few} with 3 and with 23 measures, meetings, notes and breaches")


def test_readers_see_actions_that_match_what_they_may_do(
    client_for, youth_coordinator, team_member, responsible_member
):
    case = case_in(
        S.IN_FOLLOW_UP, youth_coordinator, team=[team_member, responsible_member], responsible=responsible_member
    )
    note_url = reverse("youthfollowup:measure_note", args=[case.pk, case.plan.measures.get().pk])
    coordinator_page = client_for(youth_coordinator).get(case.get_absolute_url()).text
    member_page = client_for(team_member).get(case.get_absolute_url()).text
    responsible_page = client_for(responsible_member).get(case.get_absolute_url()).text
    assert reverse("youthfollowup:case_end", args=[case.pk]) in coordinator_page
    assert note_url in coordinator_page and note_url in responsible_page and note_url not in member_page
    for page in (member_page, responsible_page):
        assert reverse("youthfollowup:case_end", args=[case.pk]) not in page
        assert reverse("youthfollowup:follow_up_add", args=[case.pk]) not in page
        assert "Hvem har åpnet saken" not in page
        assert "Oskar Kvalsundberget" in page  # the team reads the case


def test_a_closed_case_offers_no_changes(client_for, youth_coordinator):
    case = case_in(S.COMPLETED, youth_coordinator)
    page = client_for(youth_coordinator).get(case.get_absolute_url()).text
    for name in ("case_update", "case_end", "follow_up_add", "breach_add", "note_add", "team_add"):
        assert reverse(f"youthfollowup:{name}", args=[case.pk]) not in page
    assert f"Oppbevares til {case.retain_until.day}." in page


def test_the_next_planned_meeting_is_shown(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    services.follow_up_meeting_add(actor=youth_coordinator, case=case, starts_at=at(days_ago(-9), 10))
    services.follow_up_meeting_add(actor=youth_coordinator, case=case, starts_at=at(days_ago(-2), 10))
    page = client_for(youth_coordinator).get(case.get_absolute_url())
    assert page.context["next_meeting"].starts_at == at(days_ago(-2), 10)
    assert page.context["case"].next_follow_up_due == days_ago(40) + timedelta(days=31)
