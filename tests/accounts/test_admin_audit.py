"""Changes to users in Django admin are audited with the values before and after, in the same transaction."""

from unittest import mock

import pytest
from django.urls import reverse

from slt.accounts.models import User
from slt.audit.models import AuditEvent
from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _change_form(user, **changes):
    """The change form's data as it stands for `user`, with `changes` applied."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "preferred_language": user.preferred_language,
        "role": user.role,
        "agency": user.agency_id or "",
        "is_radicalisation_contact": user.is_radicalisation_contact,
        "is_youth_coordinator": user.is_youth_coordinator,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def _events(user, action=AuditEvent.Action.UPDATE):
    return AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk), action=action)


def test_a_role_and_flag_change_is_recorded_with_before_and_after(client_for, admin):
    member = UserFactory(username="medlem", role=User.Role.AGENCY)
    response = client_for(admin).post(
        reverse("admin:accounts_user_change", args=[member.pk]),
        _change_form(member, role=User.Role.COORDINATOR, is_youth_coordinator=True),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = _events(member).get()
    assert event.actor == admin
    assert event.details == {"role": ["agency", "coordinator"], "is_youth_coordinator": [False, True]}


def test_an_admin_cannot_grant_themselves_access_unseen(client_for, admin):
    admin.agency = AgencyFactory(name="Sandnes kommune – SLT")
    admin.save(update_fields=["agency"])
    response = client_for(admin).post(
        reverse("admin:accounts_user_change", args=[admin.pk]),
        _change_form(admin, role=User.Role.COORDINATOR, is_radicalisation_contact=True, is_youth_coordinator=True),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = _events(admin).get()
    assert (event.actor, event.actor_username) == (admin, "admin")
    assert event.details == {
        "role": ["admin", "coordinator"],
        "is_radicalisation_contact": [False, True],
        "is_youth_coordinator": [False, True],
    }


def test_agency_and_access_flags_are_recorded(client_for, admin):
    old, new = AgencyFactory(name="Gammel aktør"), AgencyFactory(name="Ny aktør")
    member = UserFactory(username="medlem", agency=old)
    client_for(admin).post(
        reverse("admin:accounts_user_change", args=[member.pk]),
        _change_form(member, agency=new.pk, is_staff=True, is_superuser=True, is_active=False),
    )
    assert _events(member).get().details == {
        "agency": [old.pk, new.pk],
        "is_staff": [False, True],
        "is_superuser": [False, True],
        "is_active": [True, False],
    }


def test_a_change_of_only_personal_info_writes_no_access_event(client_for, admin):
    member = UserFactory(username="medlem")
    client_for(admin).post(
        reverse("admin:accounts_user_change", args=[member.pk]), _change_form(member, first_name="Nytt")
    )
    member.refresh_from_db()
    assert member.first_name == "Nytt"
    assert not _events(member).exists()


def test_the_event_is_in_the_same_transaction_as_the_change(client_for, admin):
    """If the audit event cannot be written, the change is not saved either."""
    member = UserFactory(username="medlem", role=User.Role.AGENCY)
    client = client_for(admin)
    client.raise_request_exception = False
    with mock.patch("slt.accounts.admin_audit.record_event", side_effect=RuntimeError("audit down")):
        response = client.post(
            reverse("admin:accounts_user_change", args=[member.pk]), _change_form(member, role=User.Role.COORDINATOR)
        )
    assert response.status_code == 500
    member.refresh_from_db()
    assert member.role == User.Role.AGENCY


def test_the_admin_password_form_is_recorded_without_the_password(client_for, admin):
    member = UserFactory(username="medlem")
    response = client_for(admin).post(
        reverse("admin:auth_user_password_change", args=[member.pk]),
        {
            "usable_password": "true",
            "password1": "Et nytt og langt passord 77",
            "password2": "Et nytt og langt passord 77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.check_password("Et nytt og langt passord 77")
    event = _events(member).get()
    assert event.details == {"password": "changed"}
    assert "passord" not in str(event.details) and member.password not in str(event.details)


def test_a_refused_password_form_writes_nothing(client_for, admin):
    member = UserFactory(username="medlem")
    before = member.password
    response = client_for(admin).post(
        reverse("admin:auth_user_password_change", args=[member.pk]),
        {"usable_password": "true", "password1": "Et nytt og langt passord 77", "password2": "noe annet"},
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.password == before
    assert not _events(member).exists()


def test_creating_a_user_is_recorded_with_role_and_flags(client_for, admin):
    school = AgencyFactory(name="Ganddal ungdomsskole", kind="school")
    client_for(admin).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "laerer",
            "usable_password": "true",
            "password1": "Et langt og godt passord 42",
            "password2": "Et langt og godt passord 42",
            "role": User.Role.AGENCY,
            "agency": school.pk,
            "is_radicalisation_contact": "on",
        },
    )
    user = User.objects.get(username="laerer")
    details = _events(user, AuditEvent.Action.CREATE).get().details
    assert details["role"] == [None, "agency"]
    assert details["agency"] == [None, school.pk]
    assert details["is_radicalisation_contact"] == [None, True]
    assert details["password"] == "changed"


def test_deleting_a_user_is_recorded(client_for, admin):
    member = UserFactory(username="sluttet", role=User.Role.POLICE)
    pk = member.pk
    response = client_for(admin).post(reverse("admin:accounts_user_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_type="accounts.user", object_id=str(pk))
    assert event.details["username"] == ["sluttet", None]
    assert event.details["role"] == ["police", None]
    assert "password" not in event.details


def test_deleting_users_in_bulk_is_recorded_per_user(client_for, admin):
    users = [UserFactory(username=f"sluttet{n}") for n in range(2)]
    client_for(admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [u.pk for u in users], "post": "yes"},
    )
    assert not User.objects.filter(pk__in=[u.pk for u in users]).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE, object_type="accounts.user").count() == 2


def test_the_deactivate_action_is_recorded_per_user(client_for, admin):
    active, inactive = UserFactory(username="aktiv"), UserFactory(username="inaktiv", is_active=False)
    client_for(admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [active.pk, inactive.pk, admin.pk]},
    )
    active.refresh_from_db()
    assert not active.is_active
    assert _events(active).get().details == {"is_active": [True, False]}
    assert not _events(inactive).exists() and not _events(admin).exists()


@pytest.mark.parametrize("url", ["/admin/password_change/", "/accounts/password_change/"])
def test_changing_ones_own_password_is_recorded(client_for, admin, url):
    response = client_for(admin).post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Et nytt og langt passord 77",
            "new_password2": "Et nytt og langt passord 77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    admin.refresh_from_db()
    assert admin.check_password("Et nytt og langt passord 77")
    event = _events(admin).get()
    assert (event.actor, event.details) == (admin, {"password": "changed"})


def test_a_wrong_old_password_changes_and_records_nothing(client_for, admin):
    response = client_for(admin).post(
        "/admin/password_change/",
        {
            "old_password": "feil",
            "new_password1": "Et nytt og langt passord 77",
            "new_password2": "Et nytt og langt passord 77",
        },
    )
    assert response.status_code == 200
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD)
    assert not _events(admin).exists()


def test_the_admin_password_page_still_needs_staff(client_for, coordinator):
    response = client_for(coordinator).get("/admin/password_change/")
    assert response.status_code == 302 and "/admin/login/" in response.url
