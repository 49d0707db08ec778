"""The youth's name and birth date stay on the case page: never in a list, a URL, the dashboard, search, statistics,
an e-mail or a log line. Every read of a case is audited, and youth coordinators see who opened it."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from slt.audit.models import AuditEvent
from youthfollowup.states import CaseState

from .factories import YOUTH_FAMILY, YOUTH_GIVEN, case_in, refer

pytestmark = pytest.mark.django_db
S = CaseState


def identity_strings(case):
    born = case.birth_date
    return [
        YOUTH_GIVEN,
        YOUTH_FAMILY,
        born.isoformat(),
        f"{born.day}.{born.month}.{born.year}",
        f"{born:%d.%m.%Y}",
    ]


def assert_no_identity(text, case):
    for value in identity_strings(case):
        assert value not in text, value


def links(html):
    return re.findall(r'(?:href|action)="([^"]+)"', html)


@pytest.fixture
def case(youth_coordinator, team_member):
    return case_in(S.IN_FOLLOW_UP, youth_coordinator, team=[team_member])


def test_the_case_page_shows_the_youth_but_no_url_carries_the_name(client_for, youth_coordinator, case):
    html = client_for(youth_coordinator).get(case.get_absolute_url()).content.decode()
    assert f"{YOUTH_GIVEN} {YOUTH_FAMILY}" in html
    assert "<title>Sak " + case.number in html
    for url in links(html):
        assert_no_identity(url, case)


@pytest.mark.parametrize("role", ["youth_coordinator", "team_member"])
def test_lists_and_the_dashboard_show_the_number_and_initials_only(request, client_for, role, case):
    client = client_for(request.getfixturevalue(role))
    listing = client.get(reverse("youthfollowup:case_list")).content.decode()
    assert case.number in listing and "O.K." in listing
    assert_no_identity(listing, case)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert_no_identity(dashboard, case)
    for url in links(listing) + links(dashboard):
        assert_no_identity(url, case)


def test_the_dashboard_panel_lists_cases_by_number(client_for, youth_coordinator, case):
    html = client_for(youth_coordinator).get(reverse("core:dashboard")).content.decode()
    assert case.number in html  # overdue: approved 40 days ago, no follow-up meeting held
    assert "Forfalt" in html


def test_search_finds_a_case_by_number_only_and_only_for_its_readers(client_for, youth_coordinator, team_member, case):
    search = reverse("core:search")
    for user in (youth_coordinator, team_member):
        client = client_for(user)
        assert case.get_absolute_url() in client.get(search, {"q": case.number}).text
        found_by_name = client.get(search, {"q": YOUTH_FAMILY}).text
        assert case.get_absolute_url() not in found_by_name


@pytest.mark.parametrize("role", ["admin", "coordinator", "police", "agency_member", "steering", "responsible_member"])
def test_search_and_menu_reveal_nothing_to_others(request, client_for, role, case):
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("core:search"), {"q": case.number})
    assert case.get_absolute_url() not in response.text
    assert "youthfollowup" not in [group["source"].key for group in response.context["results"]]
    dashboard = client.get(reverse("core:dashboard"))
    assert "youthfollowup" not in [entry.key for entry in dashboard.context["modules"]]
    assert case.number not in dashboard.text


def test_the_statistics_hold_no_personal_data(client_for, youth_coordinator, case):
    html = client_for(youth_coordinator).get(reverse("youthfollowup:statistics")).content.decode()
    assert_no_identity(html, case)
    assert case.number not in html


def test_nothing_is_logged_or_mailed_with_the_youths_name(client_for, youth_coordinator, caplog):
    caplog.set_level(logging.DEBUG)
    case = case_in(S.COMPLETED, youth_coordinator)
    client = client_for(youth_coordinator)
    for url in (case.get_absolute_url(), reverse("youthfollowup:case_list"), reverse("youthfollowup:statistics")):
        client.get(url)
    client.post(reverse("youthfollowup:breach_add", args=[case.pk]), {"description": "x"})  # refused: logged 400
    assert caplog.records
    for record in caplog.records:
        assert_no_identity(record.getMessage(), case)
    assert mail.outbox == []


def test_every_read_of_a_case_is_audited_without_its_content(client_for, youth_coordinator, team_member, case):
    client = client_for(team_member)
    before = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count()
    client.get(case.get_absolute_url())
    client.get(case.get_absolute_url())
    client_for(youth_coordinator).get(reverse("youthfollowup:decision", args=[case.pk]))
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).order_by("id")[before:]
    assert [(e.actor, e.object_type, e.object_id) for e in views] == [
        (team_member, "youthfollowup.youthcase", str(case.pk)),
        (team_member, "youthfollowup.youthcase", str(case.pk)),
        (youth_coordinator, "youthfollowup.youthcase", str(case.pk)),
    ]
    for event in AuditEvent.objects.all():
        assert_no_identity(str(event) + event.object_id + event.object_type, case)


def test_a_list_or_a_denied_read_writes_no_view_event(client_for, youth_coordinator, police, case):
    before = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count()
    client_for(youth_coordinator).get(reverse("youthfollowup:case_list"))
    assert client_for(police).get(case.get_absolute_url()).status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count() == before


def test_youth_coordinators_see_who_opened_the_case_team_members_do_not(
    client_for, youth_coordinator, team_member, case
):
    team_member.first_name, team_member.last_name = "Tina", "Teamsen"
    team_member.save()
    team_page = client_for(team_member).get(case.get_absolute_url())
    assert "Hvem har åpnet saken" not in team_page.text
    coordinator_page = client_for(youth_coordinator).get(case.get_absolute_url())
    assert "Hvem har åpnet saken" in coordinator_page.text
    log = coordinator_page.text.split("Hvem har åpnet saken")[1]
    assert "Tina Teamsen" in log and "(NAV Sandnes)" in log


def test_a_case_page_for_a_referred_case_tells_what_is_missing(client_for, youth_coordinator):
    case = refer(youth_coordinator)
    html = client_for(youth_coordinator).get(case.get_absolute_url()).text
    assert "Mangler fortsatt: ungdommen, Grete Kvalsundberget." in html
