"""The agency registry: every role reads it; coordinators and administrators change it."""

import pytest
from django.test import Client
from django.urls import reverse

from coordination.models import Agency, AgencyContact
from slt.audit.models import AuditEvent
from tests.factories import AgencyContactFactory, AgencyFactory, AreaFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITORS = ["admin", "coordinator"]
READERS = ["police", "agency_member", "steering"]


@pytest.fixture
def agency():
    agency = AgencyFactory(name="Sandnes gatelys AS", kind=Agency.Kind.BUSINESS, organisation_number="974760673")
    AgencyContactFactory(agency=agency, name="Eva Dahl", title="Driftsleder")
    UserFactory(username="lys", first_name="Lise", last_name="Lys", agency=agency)
    UserFactory(username="sluttet", first_name="Sluttet", last_name="Person", agency=agency, is_active=False)
    return agency


def _valid_form(**overrides):
    data = {
        "name": "Natteravnene Sandnes",
        "kind": Agency.Kind.NGO,
        "organisation_number": "974 760 673",
        "email": "post@natteravn.example",
        "phone": "51 00 00 00",
        "address": "Langgata 1",
        "area": "",
        "is_active": "on",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": "Guri Lund",
        "contacts-0-title": "Leder",
        "contacts-0-email": "guri@natteravn.example",
        "contacts-0-phone": "",
    }
    data.update(overrides)
    return data


def _snapshot():
    return (
        list(Agency.objects.order_by("pk").values()),
        list(AgencyContact.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("role", EDITORS + READERS)
def test_every_role_reads_the_list_and_the_detail(request, client_for, agency, role):
    client = client_for(request.getfixturevalue(role))
    listing = client.get(reverse("coordination:agency_list"))
    assert listing.status_code == 200
    assert agency in listing.context["page"].object_list
    detail = client.get(agency.get_absolute_url())
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Eva Dahl" in body
    assert "Lise Lys" in body
    assert "Sluttet Person" not in body  # inactive users are not listed as people to contact


@pytest.mark.parametrize("role", READERS)
def test_readers_see_no_edit_buttons(request, client_for, agency, role):
    client = client_for(request.getfixturevalue(role))
    assert reverse("coordination:agency_create") not in client.get(reverse("coordination:agency_list")).content.decode()
    assert (
        reverse("coordination:agency_update", args=[agency.pk])
        not in client.get(agency.get_absolute_url()).content.decode()
    )


def test_an_unknown_agency_answers_404(client_for, coordinator):
    assert client_for(coordinator).get(reverse("coordination:agency_detail", args=[999_999])).status_code == 404
    assert client_for(coordinator).get(reverse("coordination:agency_update", args=[999_999])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(agency):
    response = Client().get(agency.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_search_finds_by_name_and_organisation_number(client_for, coordinator, agency):
    AgencyFactory(name="Lura ungdomsskole", kind=Agency.Kind.SCHOOL)
    client = client_for(coordinator)
    by_name = client.get(reverse("coordination:agency_list"), {"q": "gatelys"}).context["page"].object_list
    assert [a.name for a in by_name] == ["Sandnes gatelys AS"]
    by_number = client.get(reverse("coordination:agency_list"), {"q": "974 760"}).context["page"].object_list
    assert [a.name for a in by_number] == ["Sandnes gatelys AS"]


def test_filter_by_kind_and_inactive(client_for, coordinator, agency):
    AgencyFactory(name="Lura ungdomsskole", kind=Agency.Kind.SCHOOL)
    AgencyFactory(name="Nedlagt skole", kind=Agency.Kind.SCHOOL, is_active=False)
    client = client_for(coordinator)
    schools = client.get(reverse("coordination:agency_list"), {"kind": "school"}).context["page"].object_list
    assert [a.name for a in schools] == ["Lura ungdomsskole"]
    with_inactive = client.get(reverse("coordination:agency_list"), {"kind": "school", "inactive": "on"})
    assert [a.name for a in with_inactive.context["page"].object_list] == ["Lura ungdomsskole", "Nedlagt skole"]


def test_an_unknown_kind_in_the_filter_is_ignored_not_an_error(client_for, coordinator, agency):
    response = client_for(coordinator).get(reverse("coordination:agency_list"), {"kind": "<script>", "page": "abc"})
    assert response.status_code == 200


@pytest.mark.parametrize("role", EDITORS)
def test_editors_create_an_agency_with_contacts(request, client_for, role):
    user = request.getfixturevalue(role)
    response = client_for(user).post(reverse("coordination:agency_create"), _valid_form())
    agency = Agency.objects.get(name="Natteravnene Sandnes")
    assert response.status_code == 302
    assert response.url == agency.get_absolute_url()
    assert agency.organisation_number == "974760673"
    assert list(agency.contacts.values_list("name", flat=True)) == ["Guri Lund"]
    assert AuditEvent.objects.filter(
        action="create", object_type="coordination.agency", object_id=str(agency.pk), actor=user
    ).exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_change_an_agency_and_remove_a_contact(request, client_for, agency, role):
    contact = agency.contacts.get()
    data = _valid_form(
        name="Sandnes gatelys AS",
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-name": contact.name,
            "contacts-0-DELETE": "on",
            "contacts-1-name": "Ny Kontakt",
        },
    )
    response = client_for(request.getfixturevalue(role)).post(
        reverse("coordination:agency_update", args=[agency.pk]), data
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.kind == Agency.Kind.NGO
    assert list(agency.contacts.values_list("name", flat=True)) == ["Ny Kontakt"]


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_create_or_change(request, client_for, agency, role):
    client = client_for(request.getfixturevalue(role))
    before = _snapshot()
    assert client.get(reverse("coordination:agency_create")).status_code == 403
    assert client.post(reverse("coordination:agency_create"), _valid_form()).status_code == 403
    assert client.get(reverse("coordination:agency_update", args=[agency.pk])).status_code == 403
    response = client.post(reverse("coordination:agency_update", args=[agency.pk]), _valid_form(name="Kapret"))
    assert response.status_code == 403
    assert "Du har ikke tilgang" in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"organisation_number": "974760674"}, "Skriv et gyldig organisasjonsnummer"),
        ({"organisation_number": "12345"}, "Skriv et gyldig organisasjonsnummer"),
        ({"email": "ikke-en-epost"}, "e-postadresse"),
        ({"name": ""}, "påkrevet"),
        ({"kind": "spaceship"}, "Velg et gyldig valg"),
        ({"name": "x" * 201}, "200 eller færre tegn"),
        ({"contacts-0-email": "feil@"}, "e-postadresse"),
        ({"area": "999999"}, "Velg et gyldig valg"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client_for, coordinator, overrides, message):
    before = _snapshot()
    response = client_for(coordinator).post(reverse("coordination:agency_create"), _valid_form(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Aktøren ble ikke lagret" in body
    assert _snapshot() == before


def test_a_duplicate_name_is_refused(client_for, coordinator, agency):
    before = _snapshot()
    response = client_for(coordinator).post(
        reverse("coordination:agency_create"), _valid_form(name="Sandnes gatelys AS")
    )
    assert response.status_code == 200
    assert "finnes allerede" in response.content.decode()
    assert _snapshot() == before


def test_the_list_keeps_its_query_count_from_10_to_300_agencies(client_for, coordinator, page_queries):
    area = AreaFactory()
    client = client_for(coordinator)
    url = reverse("coordination:agency_list")
    Agency.objects.bulk_create(Agency(name=f"Aktør {i:03d}", kind="school", area=area) for i in range(10))
    small = page_queries(client, url)
    Agency.objects.bulk_create(Agency(name=f"Aktør {i:03d}", kind="school", area=area) for i in range(10, 300))
    large = page_queries(client, url)
    assert client.get(url).context["page"].paginator.count == 301
    assert large == small
    assert large <= 7  # 6 for the page, 1 for the unread count of the notices in the menu
