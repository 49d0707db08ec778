"""The case list: number and initials, the state filter, pages of 25, and a query budget that does not grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.coordination.budget import queries_for
from youthfollowup.models import TeamMember, YouthCase
from youthfollowup.states import CaseState

from .factories import case_in, refer

pytestmark = pytest.mark.django_db
URL = reverse("youthfollowup:case_list")
S = CaseState


def bulk_cases(count, creator, *, member=None, start=0):
    """Many cases at once, in every state, as rows (the services are tested elsewhere)."""
    today = timezone.localdate()
    states = list(S.values)
    cases = YouthCase.objects.bulk_create(
        YouthCase(
            number=f"UO-2020-{start + i:04d}",
            state=states[i % len(states)],
            given_name="Navn",
            family_name="Navnesen",
            initials="N.N.",
            birth_date=today - timedelta(days=16 * 365),
            referred_on=today - timedelta(days=i % 300),
            prosecutor_name="P",
            age_at_offence=15 + i % 3,
            next_follow_up_due=today + timedelta(days=i % 40 - 20)
            if states[i % len(states)] == S.IN_FOLLOW_UP
            else None,
            plan_due=today + timedelta(days=5) if states[i % len(states)] == S.DECIDED else None,
            ended_on=today
            if states[i % len(states)] in {S.COMPLETED, S.RETURNED, S.WITHDRAWN, S.NOT_SUITABLE}
            else None,
            retain_until=today + timedelta(days=1800)
            if states[i % len(states)] in {S.COMPLETED, S.RETURNED, S.WITHDRAWN, S.NOT_SUITABLE}
            else None,
            created_by=creator,
        )
        for i in range(count)
    )
    if member is not None:
        TeamMember.objects.bulk_create(
            TeamMember(case=case, user=member, function="other", added_by=creator) for case in cases
        )
    return cases


@pytest.mark.parametrize("role", ["youth_coordinator", "team_member"])
def test_the_list_costs_the_same_queries_for_10_and_500_cases(request, client_for, youth_coordinator, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    bulk_cases(10, youth_coordinator, member=user if role == "team_member" else None)
    few = queries_for(client, URL)
    filtered_few = queries_for(client, URL + "?state=in_follow_up")
    bulk_cases(490, youth_coordinator, member=user if role == "team_member" else None, start=10)
    assert queries_for(client, URL) == few
    assert queries_for(client, URL + "?state=in_follow_up") == filtered_few
    assert queries_for(client, URL + "?page=20") == few
    print(f"case list queries ({role}): {few} at 10 and at 500 cases")


def test_the_list_is_paged_newest_first_and_filtered_by_state(client_for, youth_coordinator):
    bulk_cases(60, youth_coordinator)
    client = client_for(youth_coordinator)
    page = client.get(URL).context["page"]
    assert len(page.object_list) == 25 and page.paginator.count == 60
    dates = [case.referred_on for case in page.object_list]
    assert dates == sorted(dates, reverse=True)
    filtered = client.get(URL, {"state": "in_follow_up"}).context["page"]
    assert filtered.paginator.count == len(range(S.values.index("in_follow_up"), 60, len(S.values)))
    assert {case.state for case in filtered.object_list} == {"in_follow_up"}
    unknown = client.get(URL, {"state": "hacked"})
    assert unknown.status_code == 200 and unknown.context["page"].paginator.count == 60


def test_overdue_follow_up_and_plan_deadlines_are_marked(client_for, youth_coordinator):
    case = case_in(S.IN_FOLLOW_UP, youth_coordinator)  # approved 40 days ago, nothing held: overdue
    waiting = refer(youth_coordinator, given="Per", family="Hansen")
    html = client_for(youth_coordinator).get(URL).text
    row = html.split(case.number)[1].split("</tr>")[0]
    assert "forsinket" in row and f"{case.next_follow_up_due:%-d.%-m.%Y}" in row
    other = html.split(waiting.number)[1].split("</tr>")[0]
    assert "forsinket" not in other and "P.H." in other
