"""The demo municipality's registry: areas, agencies with contact persons, and the demo users. Idempotent.

Reference data that administrators keep in Django admin: it is written as it is, not through services.
"""

from django.db import transaction

from slt.accounts.models import User
from slt.core.registry import DEMO_PASSWORD

from ..models import Agency, AgencyContact, Area
from ..validators import organisation_number_is_valid
from .specs import DemoAgency, DemoArea, DemoContact, DemoUser

# The demo agencies by name, for the meetings, action items and concerns that name them.
POLICE = "Sandnes politistasjon"
SLT = "Sandnes kommune – SLT"
LURA = "Lura ungdomsskole"
GANDDAL = "Ganddal ungdomsskole"
VGS = "Sandnes videregående skole"
CHILD_WELFARE = "Barneverntjenesten i Sandnes"
HEALTH = "Helsestasjon for ungdom"
NAV = "NAV Sandnes"
YOUTH = "Uteseksjonen og fritidsklubbene"
PARKS = "Park og vei"
LIGHTS = "Sandnes gatelys AS"
NIGHT = "Natteravnene Sandnes"
CITY_CENTRE = "Sandnes sentrumsforening"
MEDIATION = "Konfliktrådet Sør-Vest"


AREAS = [
    DemoArea("Sandnes sentrum", "Sentrum med Ruten, Langgata og kvartalene rundt stasjonen."),
    DemoArea("Austrått", "Boligområde øst for sentrum med skoler og idrettsanlegg."),
    DemoArea("Lura", "Handelsområde og boligfelt nord i byen."),
    DemoArea("Trones", "Boligområde med Kvadrat og idrettshall."),
    DemoArea("Ganddal", "Sør i byen, næringsområde og boliger."),
    DemoArea("Figgjo", "Tettsted sør i kommunen."),
    DemoArea("Hana", "Bydel vest for sentrum."),
    DemoArea("Riska", "Hommersåk og omland."),
    DemoArea("Sviland", "Spredt bebyggelse øst i kommunen."),
    DemoArea("Bogafjell", "Nytt boligområde med ung befolkning."),
]

AGENCIES = [
    DemoAgency(
        name=SLT,
        kind="other_municipal",
        area="Sandnes sentrum",
        email="slt@sandnes.example",
        phone="51 33 50 00",
        address="Rådhusgata 1, 4306 Sandnes",
        contacts=(DemoContact("Kari Fjeld", "Kommunalsjef oppvekst", email="kari.fjeld@sandnes.example"),),
    ),
    DemoAgency(
        name=POLICE,
        kind="police",
        area="Sandnes sentrum",
        email="sandnes.politi@politiet.example",
        phone="02800",
        address="Gamle Stavangervei 20, 4306 Sandnes",
        contacts=(DemoContact("Ola Berg", "Leder forebyggende seksjon", email="ola.berg@politiet.example"),),
    ),
    DemoAgency(
        name=CHILD_WELFARE,
        kind="child_welfare",
        area="Sandnes sentrum",
        email="barnevern@sandnes.example",
        phone="51 33 60 00",
        address="Vågsgata 22, 4306 Sandnes",
        contacts=(DemoContact("Nina Aas", "Avdelingsleder mottak", phone="51 33 60 10"),),
    ),
    DemoAgency(
        name=LURA,
        kind="school",
        area="Lura",
        email="lura.ungdomsskole@sandnes.example",
        phone="51 33 70 00",
        address="Luravegen 10, 4313 Sandnes",
        contacts=(DemoContact("Per Holm", "Rektor", email="per.holm@sandnes.example"),),
    ),
    DemoAgency(
        name=GANDDAL,
        kind="school",
        area="Ganddal",
        email="ganddal.ungdomsskole@sandnes.example",
        phone="51 33 71 00",
        address="Ganddalsvegen 5, 4322 Sandnes",
        contacts=(DemoContact("Liv Strand", "Sosiallærer"),),
    ),
    DemoAgency(
        name=VGS,
        kind="school",
        area="Sandnes sentrum",
        email="sandnes.vgs@rogfk.example",
        phone="51 92 10 00",
        address="Vestre Svanholmen 2, 4313 Sandnes",
        contacts=(DemoContact("Tor Lie", "Miljøterapeut"),),
    ),
    DemoAgency(
        name=HEALTH,
        kind="health",
        area="Sandnes sentrum",
        email="hfu@sandnes.example",
        phone="51 33 80 00",
        address="Langgata 12, 4306 Sandnes",
        contacts=(DemoContact("Siri Moe", "Helsesykepleier"),),
    ),
    DemoAgency(
        name=NAV,
        kind="nav",
        area="Sandnes sentrum",
        email="nav.sandnes@nav.example",
        phone="55 55 33 33",
        address="Elvegata 25, 4306 Sandnes",
        contacts=(DemoContact("Arne Vik", "Ungdomsveileder"),),
    ),
    DemoAgency(
        name=YOUTH,
        kind="culture_leisure",
        area="Sandnes sentrum",
        email="ute@sandnes.example",
        phone="51 33 90 00",
        address="Jernbanegata 3, 4306 Sandnes",
        contacts=(DemoContact("Ali Khan", "Feltarbeider", phone="900 00 001"),),
    ),
    DemoAgency(
        name=LIGHTS,
        kind="business",
        area="Ganddal",
        email="post@gatelys.example",
        phone="51 40 00 00",
        address="Industrivegen 4, 4322 Sandnes",
        contacts=(DemoContact("Eva Dahl", "Driftsleder", email="eva.dahl@gatelys.example"),),
    ),
    DemoAgency(
        name=PARKS,
        kind="technical",
        area="Sandnes sentrum",
        email="parkogvei@sandnes.example",
        phone="51 33 95 00",
        address="Havneveien 30, 4306 Sandnes",
        contacts=(DemoContact("Jon Rønning", "Fagleder park"),),
    ),
    DemoAgency(
        name=NIGHT,
        kind="ngo",
        area="Sandnes sentrum",
        email="sandnes@natteravnene.example",
        phone="",
        address="",
        contacts=(DemoContact("Guri Lund", "Leder"),),
    ),
    DemoAgency(
        name=CITY_CENTRE,
        kind="business",
        area="Sandnes sentrum",
        email="post@sentrum-sandnes.example",
        phone="",
        address="Langgata 40, 4306 Sandnes",
        contacts=(DemoContact("Hans Bø", "Daglig leder"),),
    ),
    DemoAgency(
        name=MEDIATION,
        kind="other",
        area="Sandnes sentrum",
        email="sorvest@konfliktraadet.example",
        phone="",
        address="Stavanger",
        contacts=(DemoContact("Mari Sand", "Ungdomskoordinator"),),
    ),
]

USERS = [
    DemoUser("admin", "Ada", "Admin", User.Role.ADMIN, agency=None),
    DemoUser("koordinator", "Kristin", "Koordinator", User.Role.COORDINATOR, agency=SLT),
    DemoUser("politi", "Petter", "Politikontakt", User.Role.POLICE, agency=POLICE),
    DemoUser("skole", "Sara", "Skole", User.Role.AGENCY, agency=LURA),
    DemoUser("barnevern", "Bjørn", "Barnevern", User.Role.AGENCY, agency=CHILD_WELFARE),
    DemoUser(
        "radikalisering",
        "Rune",
        "Radikaliseringskontakt",
        User.Role.AGENCY,
        agency=YOUTH,
        is_radicalisation_contact=True,
    ),
    DemoUser(
        "ungdomskoordinator",
        "Unni",
        "Ungdomskoordinator",
        User.Role.AGENCY,
        agency=MEDIATION,
        is_youth_coordinator=True,
    ),
    DemoUser("styring", "Steinar", "Styringsgruppe", User.Role.STEERING, agency=SLT),
]


def demo_organisation_number(seed: int) -> str:
    """A made-up number with a valid MOD11 check digit (not a real organisation)."""
    base = 99_000_000 + seed * 137
    while True:
        for check in range(10):
            number = f"{base}{check}"
            if organisation_number_is_valid(number):
                return number
        base += 1


@transaction.atomic
def seed_registry() -> dict[str, Agency]:
    areas = {}
    for spec in AREAS:
        areas[spec.name], _ = Area.objects.update_or_create(name=spec.name, defaults={"description": spec.description})
    agencies = {}
    for index, spec in enumerate(AGENCIES):
        agency, _ = Agency.objects.update_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "area": areas[spec.area],
                "email": spec.email,
                "phone": spec.phone,
                "address": spec.address,
                "organisation_number": demo_organisation_number(index),
                "is_active": True,
            },
        )
        for contact in spec.contacts:
            AgencyContact.objects.update_or_create(
                agency=agency,
                name=contact.name,
                defaults={"title": contact.title, "email": contact.email, "phone": contact.phone},
            )
        agencies[spec.name] = agency
    return agencies


@transaction.atomic
def seed_users(agencies: dict[str, Agency]) -> list[User]:
    users = []
    for spec in USERS:
        user, created = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@sandnes.example",
                "role": spec.role,
                "agency": agencies.get(spec.agency),
                "is_staff": spec.role == User.Role.ADMIN,
                "is_superuser": spec.role == User.Role.ADMIN,
                "is_active": True,
                "is_radicalisation_contact": spec.is_radicalisation_contact,
                "is_youth_coordinator": spec.is_youth_coordinator,
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users.append(user)
    return users
