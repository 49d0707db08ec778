"""Factories for the coordination records (forums, meetings, action items, concerns)."""

from datetime import timedelta

import factory
from django.utils import timezone

from coordination.models import (
    ActionItem,
    AgendaItem,
    Concern,
    ConcernCategory,
    ConcernNote,
    ConcernShare,
    Forum,
    LegalBasis,
    Meeting,
)
from tests.factories import AgencyFactory, AreaFactory, UserFactory


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Arbeidsgruppe {n}")
    kind = Forum.Kind.WORKING
    mandate = "Følge opp ungdom i sentrum."

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Møte {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Rådhuset"

    @factory.post_generation
    def invitees(self, create, extracted, **kwargs):
        if create and extracted:
            self.invitees.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Sak {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    title = factory.Sequence(lambda n: f"Tiltak {n:04d}")
    responsible_agency = factory.SubFactory(AgencyFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    source = ActionItem.Source.OTHER


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"2099-{n:05d}")
    reporter = factory.SubFactory(UserFactory)
    reporter_agency = factory.LazyAttribute(lambda o: o.reporter.agency)
    age_band = Concern.AgeBand.AGE_13_15
    gender = Concern.Gender.UNKNOWN
    area = factory.SubFactory(AreaFactory)
    risk_level = Concern.Risk.MODERATE
    description = factory.Sequence(lambda n: f"Observert ungdom nr. {n} ved Ruten.")

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            for category in extracted or [ConcernCategory.Category.DRUGS]:
                ConcernCategory.objects.create(concern=self, category=category)


class ConcernShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernShare

    concern = factory.SubFactory(ConcernFactory)
    agency = factory.SubFactory(AgencyFactory)
    shared_by = factory.SubFactory(UserFactory, role="coordinator")
    legal_basis = LegalBasis.ANONYMOUS


class ConcernNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernNote

    concern = factory.SubFactory(ConcernFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Notat {n}")
