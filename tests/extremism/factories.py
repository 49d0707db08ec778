"""Factories for the extremism records. Cases start at the first step with the opening move on the trail."""

from datetime import timedelta

import factory
from django.utils import timezone

from extremism.models import Case, CaseMember, GuideSection, Measure, ObservedSign, Step, TrailStep, WarningSign
from tests.factories import AgencyFactory, UserFactory


class GuideSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideSection
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"kapittel-{n}")
    title = factory.Sequence(lambda n: f"Kapittel {n}")
    kind = GuideSection.Kind.FACTS
    order = factory.Sequence(lambda n: 10 + n)
    body = "Radikalisering er en prosess. Snakk med den unge."


class WarningSignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WarningSign
        django_get_or_create = ["title"]

    title = factory.Sequence(lambda n: f"Varseltegn {n}")
    order = factory.Sequence(lambda n: 10 + n)
    meaning = "Kan bety at den unge søker et nytt miljø."
    not_alone = "Betyr ikke noe alene."
    what_to_do = "Snakk med leder."


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    summary = factory.Sequence(lambda n: f"Bekymring nr. {n}: deler ekstreme ytringer i klassechat.")
    age_band = "13-15"
    created_by = factory.SubFactory(UserFactory, is_radicalisation_contact=True)
    step = Step.CONCERN_NOTED

    @factory.post_generation
    def opened(self, create, extracted, **kwargs):
        if create:
            TrailStep.objects.create(
                case=self, from_step="", to_step=Step.CONCERN_NOTED, reason="Åpnet.", moved_by=self.created_by
            )

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            for user in extracted:
                CaseMember.objects.create(case=self, user=user, added_by=self.created_by)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Tiltak {n}")
    responsible_agency = factory.SubFactory(AgencyFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    created_by = factory.LazyAttribute(lambda o: o.case.created_by)


class ObservedSignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservedSign

    case = factory.SubFactory(CaseFactory)
    sign = factory.SubFactory(WarningSignFactory)
    note = "Sett i klassechat."
    observed_by = factory.LazyAttribute(lambda o: o.case.created_by)
