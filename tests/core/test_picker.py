"""The people and agency picker (slt.core.widgets): grouped checkboxes (or radio buttons) with a search box, the
same control wherever a form chooses people or agencies; no <select multiple>, no "---------"."""

import re

import pytest
from django import forms
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coordination.forms import AttendanceForm, ForumForm, MeetingForm
from coordination.models import Agency, Meeting
from slt.accounts.models import User
from slt.core.widgets import AgencyPicker, AgencyRadioPicker, PeoplePicker, PersonRadioPicker
from tests.coordination.factories import ForumFactory, MeetingFactory
from tests.crawl import START, crawl
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _people_form(widget=PeoplePicker, required=False):
    class PeopleForm(forms.Form):
        people = (forms.ModelMultipleChoiceField if widget is PeoplePicker else forms.ModelChoiceField)(
            label="Folk",
            queryset=User.objects.filter(is_active=True).select_related("agency"),
            widget=widget,
            required=required,
        )

    return PeopleForm


def _legends(html):
    return re.findall(r'<legend class="picker-legend">([^<]+)</legend>', html)


def _checked_labels(html):
    return re.findall(
        r'<input type="\w+" name="\w+" value="\d+" class="form-check-input"[^>]*checked[^>]*><span '
        r'class="picker-label">([^<]+)</span>',
        html,
    )


def test_people_are_grouped_by_agency_in_order_with_a_search_box_and_no_dashes():
    politi = AgencyFactory(name="Politiet", kind=Agency.Kind.POLICE)
    skole = AgencyFactory(name="Austrått skole", kind=Agency.Kind.SCHOOL)
    kari = UserFactory(first_name="Kari", last_name="Nordmann", agency=politi)
    UserFactory(first_name="Ola", last_name="Berg", agency=skole)
    UserFactory(first_name="Anne", last_name="Aas", agency=politi)
    UserFactory(first_name="Uten", last_name="Aktør", agency=None)

    html = str(_people_form()(initial={"people": [kari.pk]})["people"])

    assert _legends(html) == ["Austrått skole", "Politiet", "Uten aktør"]
    politiet = html.split(">Politiet</legend>")[1].split("</fieldset>")[0]
    assert politiet.index("Anne Aas") < politiet.index("Kari Nordmann")  # by name within the group
    assert "(Politiet)" not in html  # the legend names the agency; the row names the person
    assert _checked_labels(html) == ["Kari Nordmann"]
    assert 'type="search"' in html and ">Søk etter person eller aktør</label>" in html
    assert "virksomhet" not in html.lower()
    assert "1 valgt" in html
    assert "---------" not in html and "<select" not in html
    # Without JavaScript the search and "choose all" stay hidden: a plain checkbox list.
    assert re.search(r'class="picker-tools" data-picker-tools hidden', html)
    assert re.search(r"data-picker-all [^>]*hidden", html)


def test_every_row_is_a_label_for_its_checkbox_and_ids_are_unique():
    UserFactory.create_batch(3)
    html = str(_people_form()()["people"])
    ids = re.findall(r'<input type="checkbox" [^>]*id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == User.objects.count()
    for id_ in ids:
        assert f'<label class="picker-row" for="{id_}">' in html


def test_agencies_are_grouped_by_kind_in_the_order_of_the_kinds():
    AgencyFactory(name="Frivillig A", kind=Agency.Kind.NGO)
    AgencyFactory(name="Sandnes politistasjon", kind=Agency.Kind.POLICE)
    AgencyFactory(name="Bogafjell skole", kind=Agency.Kind.SCHOOL)
    AgencyFactory(name="Austrått skole", kind=Agency.Kind.SCHOOL)

    class AgencyForm(forms.Form):
        agencies = forms.ModelMultipleChoiceField(queryset=Agency.objects.all(), widget=AgencyPicker)

    html = str(AgencyForm()["agencies"])
    assert _legends(html) == ["Politi", "Skole", "Frivillig organisasjon"]
    assert html.index("Austrått skole") < html.index("Bogafjell skole")


def test_the_radio_mode_checks_one_and_reads_one_value():
    politi = AgencyFactory(name="Politiet", kind=Agency.Kind.POLICE)
    kari = UserFactory(first_name="Kari", last_name="Nordmann", agency=politi)
    UserFactory(first_name="Ola", last_name="Berg", agency=politi)
    form_class = _people_form(widget=PersonRadioPicker, required=True)

    html = str(form_class(initial={"people": kari.pk})["people"])
    assert html.count('type="radio"') == 2
    assert _checked_labels(html) == ["Kari Nordmann"]
    assert "valgt" not in html and "data-picker-all" not in html  # no count, no "choose all" for one choice
    assert "---------" not in html and "Velg …" not in html

    form = form_class({"people": str(kari.pk)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["people"] == kari
    assert not form_class({}).is_valid()


def test_a_form_post_with_the_picker_still_saves_the_chosen_people(client_for, coordinator, police, agency_member):
    meeting = MeetingFactory(invitees=[police])
    response = client_for(coordinator).post(
        reverse("coordination:meeting_update", args=[meeting.pk]),
        {
            "forum": meeting.forum_id,
            "title": meeting.title,
            "starts_at": meeting.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
            "ends_at": meeting.ends_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
            "location": meeting.location,
            "invitees": [police.pk, agency_member.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Meeting.objects.get(pk=meeting.pk).invitees.all()) == {police, agency_member}


def test_the_meeting_forum_and_attendance_forms_use_the_pickers(coordinator):
    meeting = MeetingFactory(invitees=[coordinator])
    assert isinstance(MeetingForm().fields["invitees"].widget, PeoplePicker)
    form = ForumForm()
    assert isinstance(form.fields["members"].widget, PeoplePicker)
    assert isinstance(form.fields["member_agencies"].widget, AgencyPicker)
    attendance = AttendanceForm(meeting=meeting)
    assert isinstance(attendance.fields["attendees"].widget, PeoplePicker)
    assert isinstance(attendance.fields["agencies"].widget, AgencyPicker)


def test_the_share_form_offers_active_agencies_only_as_radio_buttons():
    from coordination.forms import ConcernShareForm
    from tests.coordination.factories import ConcernFactory

    AgencyFactory(name="Aktiv aktør", kind=Agency.Kind.NGO)
    AgencyFactory(name="Nedlagt aktør", kind=Agency.Kind.NGO, is_active=False)
    form = ConcernShareForm(concern=ConcernFactory())
    assert isinstance(form.fields["agency"].widget, AgencyRadioPicker)
    html = str(form["agency"])
    assert "Aktiv aktør" in html and "Nedlagt aktør" not in html
    assert "---------" not in html


def test_the_meeting_form_keeps_its_query_count_whatever_the_number_of_people(client_for, coordinator, page_queries):
    ForumFactory()
    url = reverse("coordination:meeting_create")
    client = client_for(coordinator)
    few = page_queries(client, url)
    UserFactory.create_batch(15)
    AgencyFactory.create_batch(5)
    assert page_queries(client, url) == few


@pytest.fixture
def demo_forms():
    """The demo municipality and the form pages that choose people or agencies (some are reached by a link from a
    detail page, some only by a button)."""
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from extremism.models import Case as ExtremismCase
    from walks.models import SafetyWalk
    from youthfollowup.models import YouthCase

    meeting = Meeting.objects.filter(minutes_approved_at__isnull=True).order_by("pk").first()  # attendance still open
    youth_case = YouthCase.objects.order_by("pk").first()
    extremism_case = ExtremismCase.objects.order_by("pk").first()
    return {
        "koordinator": [
            reverse("coordination:meeting_create"),
            reverse("coordination:meeting_update", args=[meeting.pk]),
            meeting.get_absolute_url(),
            reverse("coordination:forum_create"),
            reverse("walks:walk_create"),
            reverse("walks:action_create", args=[SafetyWalk.objects.filter(observations__isnull=False).first().pk]),
            reverse("coordination:action_item_create"),
        ],
        "admin": [reverse("audit:access_report")],
        "ungdomskoordinator": [
            reverse("youthfollowup:plan_meeting", args=[youth_case.pk]),
            reverse("youthfollowup:team_add", args=[youth_case.pk]),
        ],
        "radikalisering": [extremism_case.get_absolute_url()],
    }


# Forms only: the agency filter above a list stays a compact drop-down.
PERSON_OR_AGENCY_SELECT = re.compile(
    r'<select[^>]*name="(?:[\w-]*-)?(?:responsible_agency|responsible_user|secretary|school|organiser|reporting_agency|'
    r'user)"'
)


def test_no_page_of_the_site_renders_a_multiple_select_or_dashes(demo_forms):
    pickers = 0
    for username, extra in demo_forms.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        visits = crawl(client, start=START + tuple(extra))
        for visit in visits:
            if not visit.body or visit.view_name.startswith("admin:"):
                continue
            where = f"{visit.url} as {username}"
            assert not re.search(r"<select[^>]*\smultiple", visit.body), where
            assert not PERSON_OR_AGENCY_SELECT.search(visit.body), where  # a single choice is a radio picker
            assert "---------" not in visit.body, where
            pickers += visit.body.count("data-picker ")
        bodies = {visit.url: visit.body for visit in visits}
        for url in extra:
            assert "data-picker" in bodies.get(url, ""), f"{url} as {username}: no picker"
    assert pickers >= 10


def test_crispy_shows_the_help_before_the_list_and_the_error_after_it():
    from django.template import Context, Template

    UserFactory(first_name="Kari", last_name="Nordmann")
    form_class = _people_form(widget=PersonRadioPicker, required=True)
    form_class.base_fields["people"].help_text = "Hjelpetekst"
    form = form_class({"people": "999999"})
    assert not form.is_valid()

    html = Template("{% load crispy_forms_tags %}{{ form.people|as_crispy_field }}").render(Context({"form": form}))
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Folk", html)  # the field's name labels the whole list
    assert html.index("Hjelpetekst") < html.index('class="picker') < html.index('class="invalid-feedback d-block"')
    assert "tilgjengelige valgene." in html
    assert "form-check-inline" not in html and "<select" not in html
