"""The case list: number and initials, the state filter, pages of 25, and a query budget that does not grow."""

import pytest
from django.urls import reverse

from tests.budget import queries_for
from youthfollowup.states import CaseState

from .factories import bulk_cases, case_in, refer

pytestmark = pytest.mark.django_db
URL = reverse("youthfollowup:case_list")
S = CaseState


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
    assert "forfalt" in row and f"{case.next_follow_up_due:%d.%m.%Y}" in row
    other = html.split(waiting.number)[1].split("</tr>")[0]
    assert "forfalt" not in other and "P.H." in other
