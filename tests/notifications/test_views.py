"""Notice list, mark read, mark all read, the bell in the navigation bar, the profile and preferences."""

import pytest
from django.urls import reverse

from slt.audit.models import AuditEvent
from slt.notifications.models import CalendarToken, Notification, NotificationPreference
from tests.factories import UserFactory

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:notice_list")
PROFILE = reverse("notifications:profile")


@pytest.fixture
def owner(agency_member):
    return agency_member


@pytest.fixture
def someone_else(police):
    return police


def test_the_list_shows_only_my_notices_with_their_text_in_my_language(client_for, owner, someone_else):
    mine = NoticeFactory(recipient=owner, reference="2037-0001")
    NoticeFactory(recipient=someone_else, reference="2037-0999")
    response = client_for(owner).get(LIST)
    assert response.status_code == 200
    assert "Bekymring 2037-0001 er delt med aktøren din." in response.text
    assert "2037-0999" not in response.text
    assert f'href="{mine.url}"' in response.text
    assert 'aria-label="Varsler (1 ulest)"' in response.text


def test_the_bell_counts_unread_notices(client_for, owner):
    NoticeFactory.create_batch(3, recipient=owner)
    NoticeFactory(recipient=owner, read_at="2037-01-01T00:00:00Z")
    response = client_for(owner).get(reverse("core:dashboard"))
    assert 'aria-label="Varsler (3 uleste)"' in response.text


def test_the_unread_filter(client_for, owner):
    NoticeFactory(recipient=owner, reference="2037-0001")
    NoticeFactory(recipient=owner, reference="2037-0002", read_at="2037-01-01T00:00:00Z")
    response = client_for(owner).get(LIST, {"vis": "uleste"})
    assert "2037-0001" in response.text and "2037-0002" not in response.text


def test_mark_read(client_for, owner):
    notice = NoticeFactory(recipient=owner)
    response = client_for(owner).post(reverse("notifications:notice_read", args=[notice.pk]), {"next": LIST})
    assert response.status_code == 302 and response.url == LIST
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_marks_or_sees_another_users_notice(client_for, owner, someone_else):
    notice = NoticeFactory(recipient=someone_else)
    response = client_for(owner).post(reverse("notifications:notice_read", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_read_only_by_post(client_for, owner):
    notice = NoticeFactory(recipient=owner)
    assert client_for(owner).get(reverse("notifications:notice_read", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_touches_only_mine(client_for, owner, someone_else):
    NoticeFactory.create_batch(2, recipient=owner)
    theirs = NoticeFactory(recipient=someone_else)
    response = client_for(owner).post(reverse("notifications:notices_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_off_site_next_is_not_followed(client_for, owner):
    notice = NoticeFactory(recipient=owner)
    response = client_for(owner).post(
        reverse("notifications:notice_read", args=[notice.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == LIST


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for url in (LIST, PROFILE):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_list_costs_the_same_number_of_queries_with_10_and_200_notices(client_for, owner, page_queries):
    client = client_for(owner)
    NoticeFactory.create_batch(10, recipient=owner)
    small = page_queries(client, LIST)
    NoticeFactory.create_batch(190, recipient=owner)
    assert page_queries(client, LIST) == small
    assert small <= 8, small


def test_every_page_costs_one_count_for_the_bell(client_for, owner, page_queries):
    client = client_for(owner)
    url = reverse("core:search") + "?q=x"
    with_bell = page_queries(client, url)
    NoticeFactory.create_batch(5, recipient=owner)
    assert page_queries(client, url) == with_bell


def test_the_profile_lists_the_kinds_of_my_role(client_for, owner, steering, coordinator):
    page = client_for(owner).get(PROFILE)
    assert page.status_code == 200
    assert "Bekymringer delt med min aktør" in page.text and "Ukeoversikt for koordinatorer" not in page.text
    assert "Ukeoversikt for koordinatorer" in client_for(coordinator).get(PROFILE).text
    steering_page = client_for(steering).get(PROFILE).text
    assert "Møtepåminnelse dagen før" in steering_page and "Bekymringer delt med min aktør" not in steering_page


def test_saving_preferences(client_for, owner):
    data = {"app_concern_note": "on", "email_action_item_overdue": "on", "app_action_item_overdue": "on"}
    response = client_for(owner).post(PROFILE, data)
    assert response.status_code == 302
    note = NotificationPreference.objects.get(user=owner, kind="concern_note")
    assert (note.by_email, note.in_app) == (False, True)
    soon = NotificationPreference.objects.get(user=owner, kind="action_item_due_soon")
    assert (soon.by_email, soon.in_app) == (False, False)
    assert not NotificationPreference.objects.filter(user=owner, kind="concern_shared").exists()
    assert AuditEvent.objects.filter(actor=owner, object_type="notifications.preferences").exists()


def test_essential_kinds_cannot_be_turned_off(client_for, owner):
    from django.core.exceptions import ValidationError

    from slt.notifications.services import preferences_save

    client_for(owner).post(PROFILE, {})  # the locked boxes are not posted; nothing turns them off
    assert not NotificationPreference.objects.filter(user=owner, kind="concern_shared").exists()
    with pytest.raises(ValidationError, match="kan ikke slås av"):
        preferences_save(actor=owner, choices={"concern_shared": (False, True)})
    with pytest.raises(ValidationError, match="Ukjent type"):
        preferences_save(actor=owner, choices={"weekly_digest": (False, False)})  # not a coordinator
    stored = set(NotificationPreference.objects.filter(user=owner).values_list("kind", flat=True))
    assert "concern_note" in stored  # the empty form turned the optional kinds off...
    assert not stored & {"concern_shared", "meeting_invitation", "walk_invitation", "weekly_digest"}  # ...only those


def test_the_profile_is_linked_from_the_user_menu(client_for, owner):
    assert f'href="{PROFILE}"' in client_for(owner).get(reverse("core:dashboard")).text


def test_calendar_link_renew_shows_the_secret_once_and_stores_its_hash(client_for, owner):
    client = client_for(owner)
    response = client.post(reverse("notifications:calendar_renew"))
    assert response.status_code == 200
    url = response.context["feed_url"]
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert url.startswith("http://127.0.0.1:8000/varsler/kalender/") and len(secret) >= 43
    token = CalendarToken.objects.get(user=owner, revoked_at__isnull=True)
    assert token.token_hash == CalendarToken.hash(secret) and secret not in token.token_hash
    assert secret not in client.get(PROFILE).text
    again = client.post(reverse("notifications:calendar_renew")).context["feed_url"]
    assert again != url
    assert CalendarToken.objects.filter(user=owner, revoked_at__isnull=True).count() == 1
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 404


def test_calendar_link_revoke(client_for, owner):
    client = client_for(owner)
    url = client.post(reverse("notifications:calendar_renew")).context["feed_url"].removeprefix("http://127.0.0.1:8000")
    assert client.get(url).status_code == 200
    assert client.post(reverse("notifications:calendar_revoke")).status_code == 302
    assert client.get(url).status_code == 404
    assert CalendarToken.objects.get(user=owner).revoked_at is not None


def test_an_inactive_user_has_no_profile(client_for):
    user = UserFactory(username="inaktiv")
    client = client_for(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get(PROFILE)
    assert response.status_code in (302, 403)
