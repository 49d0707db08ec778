import factory

from coordination.models import Agency, AgencyContact, Area
from slt.accounts.models import User

PASSWORD = "a-long-test-passphrase"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Bydel {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Aktør {n:04d}")
    kind = Agency.Kind.OTHER_MUNICIPAL
    email = factory.LazyAttribute(lambda o: f"post{abs(hash(o.name)) % 10_000}@aktor.example")
    area = factory.SubFactory(AreaFactory)


class AgencyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyContact

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    title = "Rådgiver"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = "Etternavn"
    email = factory.LazyAttribute(lambda o: f"{o.username}@sandnes.example")
    role = User.Role.AGENCY
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])
