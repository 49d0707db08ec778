"""Django admin: administrators manage users and agencies; nobody else gets in."""

import pytest
from django.core import mail
from django.urls import reverse

from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_is_titled_in_norwegian(client_for, admin):
    response = client_for(admin).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "SLT – administrasjon" in response.content.decode()


def test_an_admin_creates_a_user_with_role_and_agency(client_for, admin):
    school = AgencyFactory(name="Ganddal ungdomsskole", kind="school")
    response = client_for(admin).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "laerer",
            "first_name": "Lene",
            "last_name": "Lærer",
            "email": "lene@sandnes.example",
            "usable_password": "true",
            "password1": "Et langt og godt passord 42",
            "password2": "Et langt og godt passord 42",
            "role": User.Role.AGENCY,
            "agency": school.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="laerer")
    assert (user.role, user.agency, user.first_name) == (User.Role.AGENCY, school, "Lene")
    assert user.check_password("Et langt og godt passord 42")


def test_a_user_other_than_admin_needs_an_agency(client_for, admin):
    response = client_for(admin).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "uten-aktor",
            "usable_password": "true",
            "password1": "Et langt og godt passord 42",
            "password2": "Et langt og godt passord 42",
            "role": User.Role.POLICE,
            "agency": "",
        },
    )
    assert response.status_code == 200
    assert "Alle brukere unntatt administratorer hører til en aktør" in response.content.decode()
    assert not User.objects.filter(username="uten-aktor").exists()


def test_an_admin_deactivates_users_but_not_themselves(client_for, admin):
    other = UserFactory(username="sluttet")
    response = client_for(admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [other.pk, admin.pk]},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    admin.refresh_from_db()
    assert not other.is_active
    assert admin.is_active


def test_an_admin_sends_a_password_reset_email_without_personal_data(client_for, admin):
    user = UserFactory(username="glemsk", email="glemsk@sandnes.example")
    client_for(admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_reset", "_selected_action": [user.pk]},
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["glemsk@sandnes.example"]
    assert mail.outbox[0].subject == "SLT: velg nytt passord"
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("role", ["coordinator", "police", "agency_member", "steering"])
def test_other_roles_do_not_get_into_the_admin(request, client_for, role):
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    before = User.objects.count()
    client.post(reverse("admin:accounts_user_add"), {"username": "inntrenger"})
    assert User.objects.count() == before
