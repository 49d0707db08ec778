from datetime import timedelta

import factory
from django.utils import timezone

from slt.accounts.models import User
from slt.notifications.models import Notification
from tests.factories import UserFactory


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "concern_shared"
    reference = factory.Sequence(lambda n: f"2026-{n:04d}")
    url = "/bekymringer/1/"
    due_at = factory.LazyFunction(timezone.now)


def member_of(agency, **kwargs):
    return UserFactory(role=User.Role.AGENCY, agency=agency, **kwargs)


DAY = timedelta(days=1)
