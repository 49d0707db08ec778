"""Demo registry for a Sandnes-like municipality: areas, agencies and the demo users. Idempotent."""

from django.db import transaction

from slt.accounts.models import User
from slt.core.registry import DEMO_PASSWORD

from .models import Agency, AgencyContact, Area
from .validators import organisation_number_is_valid

AREAS = [
    ("Sandnes sentrum", "Sentrum med Ruten, Langgata og kvartalene rundt stasjonen."),
    ("Austrått", "Boligområde øst for sentrum med skoler og idrettsanlegg."),
    ("Lura", "Handelsområde og boligfelt nord i byen."),
    ("Trones", "Boligområde med Kvadrat og idrettshall."),
    ("Ganddal", "Sør i byen, næringsområde og boliger."),
    ("Figgjo", "Tettsted sør i kommunen."),
    ("Hana", "Bydel vest for sentrum."),
    ("Riska", "Hommersåk og omland."),
    ("Sviland", "Spredt bebyggelse øst i kommunen."),
    ("Bogafjell", "Nytt boligområde med ung befolkning."),
]

# name, kind, area, e-mail, phone, address, contacts [(name, title, email, phone)]
AGENCIES = [
    (
        "Sandnes kommune – SLT",
        Agency.Kind.OTHER_MUNICIPAL,
        "Sandnes sentrum",
        "slt@sandnes.example",
        "51 33 50 00",
        "Rådhusgata 1, 4306 Sandnes",
        [("Kari Fjeld", "Kommunalsjef oppvekst", "kari.fjeld@sandnes.example", "")],
    ),
    (
        "Sandnes politistasjon",
        Agency.Kind.POLICE,
        "Sandnes sentrum",
        "sandnes.politi@politiet.example",
        "02800",
        "Gamle Stavangervei 20, 4306 Sandnes",
        [("Ola Berg", "Leder forebyggende seksjon", "ola.berg@politiet.example", "")],
    ),
    (
        "Barneverntjenesten i Sandnes",
        Agency.Kind.CHILD_WELFARE,
        "Sandnes sentrum",
        "barnevern@sandnes.example",
        "51 33 60 00",
        "Vågsgata 22, 4306 Sandnes",
        [("Nina Aas", "Avdelingsleder mottak", "", "51 33 60 10")],
    ),
    (
        "Lura ungdomsskole",
        Agency.Kind.SCHOOL,
        "Lura",
        "lura.ungdomsskole@sandnes.example",
        "51 33 70 00",
        "Luravegen 10, 4313 Sandnes",
        [("Per Holm", "Rektor", "per.holm@sandnes.example", "")],
    ),
    (
        "Ganddal ungdomsskole",
        Agency.Kind.SCHOOL,
        "Ganddal",
        "ganddal.ungdomsskole@sandnes.example",
        "51 33 71 00",
        "Ganddalsvegen 5, 4322 Sandnes",
        [("Liv Strand", "Sosiallærer", "", "")],
    ),
    (
        "Sandnes videregående skole",
        Agency.Kind.SCHOOL,
        "Sandnes sentrum",
        "sandnes.vgs@rogfk.example",
        "51 92 10 00",
        "Vestre Svanholmen 2, 4313 Sandnes",
        [("Tor Lie", "Miljøterapeut", "", "")],
    ),
    (
        "Helsestasjon for ungdom",
        Agency.Kind.HEALTH,
        "Sandnes sentrum",
        "hfu@sandnes.example",
        "51 33 80 00",
        "Langgata 12, 4306 Sandnes",
        [("Siri Moe", "Helsesykepleier", "", "")],
    ),
    (
        "NAV Sandnes",
        Agency.Kind.NAV,
        "Sandnes sentrum",
        "nav.sandnes@nav.example",
        "55 55 33 33",
        "Elvegata 25, 4306 Sandnes",
        [("Arne Vik", "Ungdomsveileder", "", "")],
    ),
    (
        "Uteseksjonen og fritidsklubbene",
        Agency.Kind.CULTURE_LEISURE,
        "Sandnes sentrum",
        "ute@sandnes.example",
        "51 33 90 00",
        "Jernbanegata 3, 4306 Sandnes",
        [("Ali Khan", "Feltarbeider", "", "900 00 001")],
    ),
    (
        "Sandnes gatelys AS",
        Agency.Kind.BUSINESS,
        "Ganddal",
        "post@gatelys.example",
        "51 40 00 00",
        "Industrivegen 4, 4322 Sandnes",
        [("Eva Dahl", "Driftsleder", "eva.dahl@gatelys.example", "")],
    ),
    (
        "Park og vei",
        Agency.Kind.TECHNICAL,
        "Sandnes sentrum",
        "parkogvei@sandnes.example",
        "51 33 95 00",
        "Havneveien 30, 4306 Sandnes",
        [("Jon Rønning", "Fagleder park", "", "")],
    ),
    (
        "Natteravnene Sandnes",
        Agency.Kind.NGO,
        "Sandnes sentrum",
        "sandnes@natteravnene.example",
        "",
        "",
        [("Guri Lund", "Leder", "", "")],
    ),
    (
        "Sandnes sentrumsforening",
        Agency.Kind.BUSINESS,
        "Sandnes sentrum",
        "post@sentrum-sandnes.example",
        "",
        "Langgata 40, 4306 Sandnes",
        [("Hans Bø", "Daglig leder", "", "")],
    ),
    (
        "Konfliktrådet Sør-Vest",
        Agency.Kind.OTHER,
        "Sandnes sentrum",
        "sorvest@konfliktraadet.example",
        "",
        "Stavanger",
        [("Mari Sand", "Ungdomskoordinator", "", "")],
    ),
]

# username, first name, last name, role, agency, flags
USERS = [
    ("admin", "Ada", "Admin", User.Role.ADMIN, None, {}),
    ("koordinator", "Kristin", "Koordinator", User.Role.COORDINATOR, "Sandnes kommune – SLT", {}),
    ("politi", "Petter", "Politikontakt", User.Role.POLICE, "Sandnes politistasjon", {}),
    ("skole", "Sara", "Skole", User.Role.AGENCY, "Lura ungdomsskole", {}),
    ("barnevern", "Bjørn", "Barnevern", User.Role.AGENCY, "Barneverntjenesten i Sandnes", {}),
    (
        "radikalisering",
        "Rune",
        "Radikaliseringskontakt",
        User.Role.AGENCY,
        "Uteseksjonen og fritidsklubbene",
        {"is_radicalisation_contact": True},
    ),
    (
        "ungdomskoordinator",
        "Unni",
        "Ungdomskoordinator",
        User.Role.AGENCY,
        "Konfliktrådet Sør-Vest",
        {"is_youth_coordinator": True},
    ),
    ("styring", "Steinar", "Styringsgruppe", User.Role.STEERING, "Sandnes kommune – SLT", {}),
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
    for name, description in AREAS:
        areas[name], _ = Area.objects.update_or_create(name=name, defaults={"description": description})
    agencies = {}
    for index, (name, kind, area, email, phone, address, contacts) in enumerate(AGENCIES):
        agency, _ = Agency.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "area": areas[area],
                "email": email,
                "phone": phone,
                "address": address,
                "organisation_number": demo_organisation_number(index),
                "is_active": True,
            },
        )
        for contact_name, title, contact_email, contact_phone in contacts:
            AgencyContact.objects.update_or_create(
                agency=agency,
                name=contact_name,
                defaults={"title": title, "email": contact_email, "phone": contact_phone},
            )
        agencies[name] = agency
    return agencies


@transaction.atomic
def seed_users(agencies: dict[str, Agency]) -> list[User]:
    users = []
    for username, first_name, last_name, role, agency_name, flags in USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@sandnes.example",
                "role": role,
                "agency": agencies.get(agency_name),
                "is_staff": role == User.Role.ADMIN,
                "is_superuser": role == User.Role.ADMIN,
                "is_active": True,
                "is_radicalisation_contact": flags.get("is_radicalisation_contact", False),
                "is_youth_coordinator": flags.get("is_youth_coordinator", False),
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users.append(user)
    return users
