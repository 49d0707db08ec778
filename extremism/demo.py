"""Demo data for the extremism module: the guide, the police's contact and three cases. Idempotent: a second
run finds what the first made and creates nothing new. Everything is written through the services."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from coordination.models import Agency, AgencyContact, Area

from . import services
from .demo_content import SECTIONS, SIGNS
from .models import Case, GuideSection, Measure, Step, WarningSign

POLICE = "Sandnes politistasjon"
LURA = "Lura ungdomsskole"
YOUTH = "Uteseksjonen og fritidsklubbene"
CHILD_WELFARE = "Barneverntjenesten i Sandnes"
HEALTH = "Helsestasjon for ungdom"

# summary, age band, gender, area, agency where it arose, risk, [moves (step, reason)], [signs (title, note)],
# [measures (title, agency, due in days)], [members], (back-dating in days: moved, first measure due)
CASES = [
    (
        "Elev i 9. trinn deler memes som hyller en terrorhandling i klassechatten, og har sagt til medelever at "
        "«noen burde gjøre noe». Har trukket seg fra vennegjengen siden høsten.",
        "13-15",
        "boy",
        "Lura",
        LURA,
        "moderate",
        [
            (Step.DISCUSSED, "Drøftet med rektor samme dag; rektor ba om råd fra radikaliseringskontakten."),
            (Step.CLARIFICATION, "Kontaktlærer har snakket med eleven og mor. Eleven sier det var «bare tull»."),
            (Step.LOCAL_MEASURES, "Ingen planer om vold kom fram. Skolen og fritidsklubben følger opp."),
        ],
        [
            ("Forherliger vold eller terrorhandlinger", "Delte memes om terrorhandling i klassechat i oktober."),
            ("Bryter med venner og familie", "Har trukket seg fra vennegjengen siden høsten."),
        ],
        [
            ("Ukentlige samtaler med kontaktlærer", LURA, 30),
            ("Tilbud om plass i fritidsklubbens gamingkveld", YOUTH, 14),
        ],
        [],
        None,
    ),
    (
        "Ungdom (17) har fått ny vennekrets på nett, snakker om «forræderne» i Norge og har begynt å trene "
        "kampsport med personer politiet kjenner fra et ekstremt miljø.",
        "16-17",
        "boy",
        "Sandnes sentrum",
        YOUTH,
        "high",
        [
            (Step.DISCUSSED, "Feltarbeider drøftet med leder i uteseksjonen."),
            (Step.CLARIFICATION, "Samtale med ungdommen og far. Far er bekymret og ønsker hjelp."),
            (Step.INTERDISCIPLINARY, "Samtykke fra ungdom og far til tverrfaglig møte med barnevern og helse."),
        ],
        [
            ("Søker kontakt med kjente ekstreme personer", "Trener med personer fra kjent miljø."),
            ("Svart-hvitt-tenkning og «vi mot dem»", "Omtaler politikere som «forrædere»."),
            ("Nye, lukkede nettmiljøer", "Ny Discord-gruppe siden sommeren."),
        ],
        [
            ("Familieveiledning for far og sønn", CHILD_WELFARE, 21),
            ("Samtaler hos helsesykepleier om søvn og stress", HEALTH, 10),
        ],
        ["barnevern"],
        (40, -3),
    ),
    (
        "Lærer har hørt en elev på videregående si at hen vil «reise ned og kjempe». Foreløpig bare ett utsagn.",
        "16-17",
        "unknown",
        "Sandnes sentrum",
        None,
        "moderate",
        [(Step.DISCUSSED, "Drøftet med avdelingsleder; avklaring med eleven planlagt denne uka.")],
        [("Snakker om å ofre seg eller om å dø for en sak", "Ett utsagn i friminuttet, hørt av lærer.")],
        [],
        [],
        None,
    ),
]


@transaction.atomic
def seed_extremism(agencies: dict, users: dict) -> dict:
    contact = users["radikalisering"]
    sections = 0
    for slug, title, kind, order, body in SECTIONS:
        if not GuideSection.objects.filter(slug=slug).exists():
            services.section_save(
                actor=contact, section=GuideSection(), slug=slug, title=title, kind=kind, order=order, body=body
            )
        sections += 1
    signs = {}
    for order, (title, meaning, not_alone, what_to_do) in enumerate(SIGNS, start=1):
        sign = WarningSign.objects.filter(title=title).first()
        if sign is None:
            sign = services.sign_save(
                actor=contact,
                sign=WarningSign(),
                title=title,
                meaning=meaning,
                not_alone=not_alone,
                what_to_do=what_to_do,
                order=order * 10,
            )
        signs[title] = sign
    police = agencies.get(POLICE) or Agency.objects.filter(kind=Agency.Kind.POLICE).first()
    if police is not None:
        AgencyContact.objects.update_or_create(
            agency=police,
            name="Radikaliseringskontakten i politidistriktet",
            defaults={
                "title": "Tar imot alvorlige bekymringer; tar inn PST ved behov",
                "phone": "02800",
                "email": "radikalisering@politiet.example",
            },
        )
    cases = 0
    for summary, age_band, gender, area_name, agency_name, risk, moves, observed, measures, members, back in CASES:
        cases += 1
        if Case.objects.filter(summary=summary).exists():
            continue
        reporting = agencies.get(agency_name) if agency_name else None
        area = Area.objects.filter(name=area_name).first()
        case = services.case_open(
            actor=contact,
            summary=summary,
            age_band=age_band,
            gender=gender,
            area=area,
            reporting_agency=reporting,
            risk_level=risk,
        )
        for to_step, reason in moves:
            services.case_move(actor=contact, case=case, to_step=to_step, reason=reason)
        services.case_set_signs(actor=contact, case=case, observed={signs[title].pk: note for title, note in observed})
        for title, agency_name_, days in measures:
            services.measure_add(
                actor=contact,
                case=case,
                title=title,
                responsible_agency=agencies[agency_name_],
                due_date=timezone.localdate() + timedelta(days=days),
            )
        for username in members:
            if username in users:
                services.member_add(actor=contact, case=case, user=users[username])
        if back:
            # Demo history: this case has stood still for a while and one measure is late, so that the
            # dashboard panel has something to show.
            moved_days, due_days = back
            Case.objects.filter(pk=case.pk).update(moved_at=timezone.now() - timedelta(days=moved_days))
            first = Measure.objects.filter(case=case).order_by("id").first()
            Measure.objects.filter(pk=first.pk).update(due_date=timezone.localdate() + timedelta(days=due_days))
    return {"sections": sections, "signs": len(signs), "cases": cases}
