"""DESIGN.md section 3 for the extremism module, as a matrix: every case URL × role × membership.

Radicalisation contacts read and change every case; a case's members read it (403 on changes); everyone else,
coordinators and administrators included, gets 404 on every case URL and nothing changes.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ConcernCategory
from extremism.models import Case, CaseMember, GuideRevision, GuideSection, Measure, ObservedSign, Step, WarningSign
from slt.audit.models import AuditEvent
from tests.coordination.factories import ConcernFactory
from tests.factories import UserFactory

from .factories import CaseFactory, MeasureFactory, WarningSignFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "coordinator", "police", "agency_member", "steering", "radicalisation_contact", "case_member"]
OUTSIDERS = {"admin", "coordinator", "police", "agency_member", "steering"}


def _state():
    """Everything a case URL could change, across all cases."""
    return (
        list(
            Case.objects.order_by("pk").values_list(
                "pk", "step", "status", "risk_level", "risk_assessment", "full_name", "legal_basis", "outcome"
            )
        ),
        list(Measure.objects.order_by("pk").values_list("pk", "title", "status")),
        list(CaseMember.objects.order_by("pk").values_list("case_id", "user_id")),
        list(ObservedSign.objects.order_by("pk").values_list("case_id", "sign_id", "note")),
        AuditEvent.objects.exclude(action=AuditEvent.Action.VIEW).count(),
    )


@pytest.fixture
def world(case, radicalisation_contact, other_agency):
    measure = MeasureFactory(case=case, responsible_agency=other_agency)
    sign = WarningSignFactory(title="Nye, lukkede nettmiljøer")
    newcomer = UserFactory(username="helsesykepleier")
    concern = ConcernFactory(reporter=radicalisation_contact, categories=[ConcernCategory.Category.RADICALISATION])
    return {
        "case": case,
        "measure": measure,
        "sign": sign,
        "newcomer": newcomer,
        "concern": concern,
        "agency": other_agency,
    }


def _writes(world):
    """name → (url, data, check of the effect when allowed)."""
    case, measure, sign = world["case"], world["measure"], world["sign"]
    member = case.members.get()
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    return {
        "move": (
            reverse("extremism:case_move", args=[case.pk]),
            {"to_step": Step.DISCUSSED, "reason": "Drøftet med rektor."},
            lambda: Case.objects.get(pk=case.pk).step == Step.DISCUSSED,
        ),
        "risk": (
            reverse("extremism:case_risk", args=[case.pk]),
            {"risk_level": "high", "risk_assessment": "Økende isolasjon."},
            lambda: Case.objects.get(pk=case.pk).risk_level == "high",
        ),
        "measure": (
            reverse("extremism:measure_create", args=[case.pk]),
            {"title": "Samtale med helsesykepleier", "responsible_agency": world["agency"].pk, "due_date": due},
            lambda: case.measures.filter(title="Samtale med helsesykepleier").exists(),
        ),
        "measure_status": (
            reverse("extremism:measure_status", args=[case.pk, measure.pk]),
            {f"m{measure.pk}-status": "done", f"m{measure.pk}-reason": ""},
            lambda: Measure.objects.get(pk=measure.pk).status == "done",
        ),
        "member_add": (
            reverse("extremism:member_add", args=[case.pk]),
            {"user": world["newcomer"].pk},
            lambda: case.members.filter(user=world["newcomer"]).exists(),
        ),
        "member_remove": (
            reverse("extremism:member_remove", args=[case.pk, member.pk]),
            {},
            lambda: not CaseMember.objects.filter(pk=member.pk).exists(),
        ),
        "close": (
            reverse("extremism:case_close", args=[case.pk]),
            {"outcome": "resolved", "outcome_note": ""},
            lambda: Case.objects.get(pk=case.pk).status == Case.Status.CLOSED,
        ),
        "signs": (
            reverse("extremism:case_signs", args=[case.pk]),
            {f"sign_{sign.pk}": "on", f"note_{sign.pk}": "Ny Discord-gruppe."},
            lambda: case.observed_signs.filter(sign=sign, note="Ny Discord-gruppe.").exists(),
        ),
        "identity": (
            reverse("extremism:case_identity", args=[case.pk]),
            {"full_name": "Ola Nordmann", "birth_date": "", "legal_basis": "consent_youth", "legal_basis_detail": ""},
            lambda: Case.objects.get(pk=case.pk).full_name == "Ola Nordmann",
        ),
        "open": (
            reverse("extremism:case_create"),
            {"summary": "Ny bekymring.", "gender": "unknown", "risk_level": "moderate"},
            lambda: Case.objects.filter(summary="Ny bekymring.").exists(),
        ),
        "open_from_concern": (
            reverse("extremism:case_create_from_concern", args=[world["concern"].pk]),
            {"summary": "Fra bekymringen.", "gender": "unknown", "risk_level": "moderate"},
            lambda: Case.objects.filter(concern=world["concern"]).exists(),
        ),
    }


WRITES = [
    "move",
    "risk",
    "measure",
    "measure_status",
    "member_add",
    "member_remove",
    "close",
    "signs",
    "identity",
    "open",
    "open_from_concern",
]


@pytest.mark.parametrize("role", ROLES)
def test_case_pages(request, client_for, world, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    case = world["case"]
    pages = {
        "list": reverse("extremism:case_list"),
        "detail": case.get_absolute_url(),
        "signs": reverse("extremism:case_signs", args=[case.pk]),
        "identity": reverse("extremism:case_identity", args=[case.pk]),
        "open": reverse("extremism:case_create"),
        "open_from_concern": reverse("extremism:case_create_from_concern", args=[world["concern"].pk]),
    }
    expected = {
        "radicalisation_contact": dict.fromkeys(pages, 200),
        "case_member": {
            "list": 200,
            "detail": 200,
            "signs": 403,
            "identity": 403,
            "open": 404,
            "open_from_concern": 404,
        },
    }.get(role, dict.fromkeys(pages, 404))
    assert {name: client.get(url).status_code for name, url in pages.items()} == expected


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", ROLES)
def test_case_writes(request, client_for, world, role, write):
    user = request.getfixturevalue(role)
    url, data, effect = _writes(world)[write]
    client = client_for(user)
    before = _state()
    response = client.post(url, data)
    if role == "radicalisation_contact":
        assert response.status_code == 302, response.content[:500]
        assert effect()
        return
    expected = 403 if role == "case_member" and write not in ("open", "open_from_concern") else 404
    assert response.status_code == expected
    assert _state() == before
    assert not effect()


def test_a_member_sees_only_the_cases_they_are_a_member_of(client_for, case, case_member, radicalisation_contact):
    other = CaseFactory(created_by=radicalisation_contact)
    client = client_for(case_member)
    listing = client.get(reverse("extremism:case_list"))
    assert [c.pk for c in listing.context["page"].object_list] == [case.pk]
    assert client.get(other.get_absolute_url()).status_code == 404


def test_a_user_who_was_removed_from_a_case_loses_access(client_for, case, case_member):
    client = client_for(case_member)
    assert client.get(case.get_absolute_url()).status_code == 200
    CaseMember.objects.filter(case=case, user=case_member).delete()
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("extremism:case_list")).status_code == 404


def test_a_member_reads_the_case_without_forms_identity_or_access_log(client_for, case, case_member):
    Case.objects.filter(pk=case.pk).update(full_name="Ola Nordmann", legal_basis="consent_youth")
    response = client_for(case_member).get(case.get_absolute_url())
    assert response.status_code == 200
    assert "Ola Nordmann" not in response.text
    assert "Hvem har åpnet saken" not in response.text
    assert reverse("extremism:case_move", args=[case.pk]) not in response.text
    assert "access_log" not in response.context


# --- the guide -------------------------------------------------------------------------------------------

GUIDE_EDITORS = {"coordinator", "radicalisation_contact"}


@pytest.fixture
def guide(radicalisation_contact):
    from extremism import services

    section = services.section_save(
        actor=radicalisation_contact,
        section=GuideSection(),
        slug="fakta",
        title="Fakta",
        kind="facts",
        order=10,
        body="Første tekst.",
    )
    services.section_save(
        actor=radicalisation_contact, section=section, title="Fakta", kind="facts", order=10, body="Andre tekst."
    )
    sign = services.sign_save(
        actor=radicalisation_contact,
        sign=WarningSign(),
        title="Bryter med venner",
        meaning="Kan bety nytt miljø.",
        not_alone="Vanlig i tenårene.",
        what_to_do="Snakk med den unge.",
        order=10,
    )
    return {"section": section, "sign": sign}


def _guide_state():
    return (
        list(GuideSection.objects.values_list("pk", "title", "body")),
        list(WarningSign.objects.values_list("pk", "title", "meaning")),
        GuideRevision.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
def test_guide_pages(request, client_for, guide, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    section, sign = guide["section"], guide["sign"]
    readable = [
        reverse("extremism:guide"),
        section.get_absolute_url(),
        reverse("extremism:section_print", args=[section.slug]),
        reverse("extremism:guide_print"),
        reverse("extremism:sign_list"),
        reverse("extremism:contacts"),
        reverse("extremism:guide_search") + "?q=tekst",
        reverse("extremism:section_history", args=[section.slug]),
        reverse("extremism:sign_history", args=[sign.pk]),
    ]
    assert {url: client.get(url).status_code for url in readable} == dict.fromkeys(readable, 200)
    editing = [
        reverse("extremism:section_create"),
        reverse("extremism:section_update", args=[section.slug]),
        reverse("extremism:sign_create"),
        reverse("extremism:sign_update", args=[sign.pk]),
    ]
    status = 200 if role in GUIDE_EDITORS else 403
    assert {url: client.get(url).status_code for url in editing} == dict.fromkeys(editing, status)
    assert client.get(reverse("extremism:section_detail", args=["finnes-ikke"])).status_code == 404


@pytest.mark.parametrize("role", sorted(set(ROLES) - GUIDE_EDITORS))
def test_guide_writes_are_refused_for_readers(request, client_for, guide, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    section, sign = guide["section"], guide["sign"]
    first = section.revisions.get(number=1)
    before = _guide_state()
    posts = [
        (
            reverse("extremism:section_update", args=[section.slug]),
            {"title": "X", "kind": "facts", "order": 1, "body": "X"},
        ),
        (reverse("extremism:section_create"), {"title": "X", "slug": "x", "kind": "facts", "order": 1, "body": "X"}),
        (
            reverse("extremism:sign_update", args=[sign.pk]),
            {"title": "X", "order": 1, "meaning": "X", "not_alone": "X", "what_to_do": "X"},
        ),
        (reverse("extremism:section_restore", args=[section.slug, first.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert _guide_state() == before


def test_signed_out_visitors_are_sent_to_the_sign_in_page(client, case):
    for url in [reverse("extremism:guide"), case.get_absolute_url(), reverse("extremism:case_list")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
