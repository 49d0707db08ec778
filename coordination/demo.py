"""Demo data for coordination: forums, meetings, action items and concerns. Idempotent."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from . import services
from .models import (
    ActionItem,
    ActionItemNote,
    AgendaItem,
    Area,
    Concern,
    ConcernCategory,
    Forum,
    LegalBasis,
    Meeting,
)

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

FORUMS = [
    (
        "SLT styringsgruppe",
        Forum.Kind.STEERING,
        "Kommunens og politiets ledelse. Fastsetter mål og prioriteringer for SLT-arbeidet, "
        "behandler handlingsplanen og årsrapporten.",
        [SLT, POLICE],
        ["koordinator", "styring"],
    ),
    (
        "SLT koordineringsgruppe",
        Forum.Kind.COORDINATION,
        "Mellomledere fra kommunen og politiet. Følger opp handlingsplanen, fordeler ansvar for tiltak "
        "og løfter saker til styringsgruppen.",
        [SLT, POLICE, CHILD_WELFARE, LURA, GANDDAL, HEALTH, NAV, YOUTH],
        ["koordinator", "politi", "skole", "barnevern"],
    ),
    (
        "Arbeidsgruppe sentrum",
        Forum.Kind.WORKING,
        "Førstelinjen i sentrum: uteseksjonen, politiet, skolene og natteravnene. Deler situasjonsbilde "
        "og avtaler innsats i helger og ferier.",
        [SLT, POLICE, YOUTH, NIGHT, VGS],
        ["koordinator", "politi"],
    ),
    (
        "Politirådet i Sandnes",
        Forum.Kind.POLICE_COUNCIL,
        "Samarbeidsforum mellom ordfører, rådmann og politiledelsen om trygghet og kriminalitetsforebygging.",
        [SLT, POLICE],
        ["koordinator", "politi", "styring"],
    ),
]

# forum, title, days from today, [(agenda title, minutes, decision, [(action title, agency, due in days, status)])]
MEETINGS = [
    (
        "SLT koordineringsgruppe",
        "Koordineringsgruppen – møte 1",
        -70,
        [
            ("Situasjonsbilde fra politiet", "Økning i tyverier fra butikk blant 13–15-åringer i sentrum.", "", []),
            (
                "Rus blant ungdom i helgene",
                "Skolene og uteseksjonen melder om mer alkohol på fester.",
                "Foreldremøter om rus på alle ungdomsskoler før jul.",
                [
                    ("Foreldremøte om rus, Lura", LURA, -20, ActionItem.Status.DONE),
                    ("Foreldremøte om rus, Ganddal", GANDDAL, -12, ActionItem.Status.OPEN),
                    ("Felles invitasjon til foreldremøter", SLT, -40, ActionItem.Status.DONE),
                ],
            ),
            (
                "Skolefravær",
                "NAV og skolene ser sammenheng mellom fravær og frafall.",
                "Lage felles rutine for oppfølging av høyt fravær.",
                [
                    ("Rutine for høyt fravær", LURA, -5, ActionItem.Status.IN_PROGRESS),
                    ("Kartlegge fravær på vg1", VGS, 20, ActionItem.Status.OPEN),
                ],
            ),
        ],
    ),
    (
        "SLT koordineringsgruppe",
        "Koordineringsgruppen – møte 2",
        -14,
        [
            ("Oppfølging fra forrige møte", "Gjennomgang av tiltakslisten.", "", []),
            (
                "Trygghet på Ruten",
                "Flere meldinger om uro ved bussterminalen på kveldstid.",
                "Bedre belysning og mer voksentilstedeværelse på Ruten.",
                [
                    ("Skifte lysarmaturer ved Ruten", LIGHTS, -2, ActionItem.Status.OPEN),
                    ("Natteravner på Ruten fredag og lørdag", NIGHT, 30, ActionItem.Status.IN_PROGRESS),
                    ("Klippe busker ved gangvei", PARKS, 10, ActionItem.Status.OPEN),
                ],
            ),
            (
                "Nettvett",
                "Helsestasjonen ser mer deling av bilder blant 8.-klassinger.",
                "Undervisningsopplegg om nettvett i 8. trinn.",
                [
                    ("Nettvett i 8. trinn, Lura", LURA, 45, ActionItem.Status.OPEN),
                    ("Nettvett i 8. trinn, Ganddal", GANDDAL, 45, ActionItem.Status.OPEN),
                    ("Temakveld om nettvett for foreldre", HEALTH, 60, ActionItem.Status.OPEN),
                ],
            ),
        ],
    ),
    (
        "SLT styringsgruppe",
        "Styringsgruppen – høstmøte",
        -30,
        [
            ("Handlingsplan SLT", "Koordinator la fram status for handlingsplanen.", "Handlingsplanen vedtas.", []),
            (
                "Årsrapport",
                "Årsrapporten skal bygge på statistikken i plattformen.",
                "Koordinator lager utkast til årsrapport.",
                [("Utkast til årsrapport", SLT, 35, ActionItem.Status.IN_PROGRESS)],
            ),
        ],
    ),
    (
        "Arbeidsgruppe sentrum",
        "Sentrumsgruppen – før sommerferien",
        -100,
        [
            (
                "Sommeraktiviteter",
                "Fritidsklubbene holder åpent tre kvelder i uken.",
                "Utvidet åpningstid i fritidsklubbene i juli.",
                [
                    ("Utvidet åpningstid i juli", YOUTH, -60, ActionItem.Status.DONE),
                    ("Sommerjobb for ungdom", NAV, -50, ActionItem.Status.WONT_DO),
                ],
            ),
        ],
    ),
    (
        "SLT koordineringsgruppe",
        "Koordineringsgruppen – møte 3",
        9,
        [
            ("Oppfølging av tiltak", "", "", []),
            ("Bekymringer siste måned", "", "", []),
            ("Eventuelt", "", "", []),
        ],
    ),
    (
        "Arbeidsgruppe sentrum",
        "Sentrumsgruppen – adventshelgene",
        3,
        [("Plan for helgene i desember", "", "", []), ("Natteravner og politi", "", "", [])],
    ),
    (
        "Politirådet i Sandnes",
        "Politirådet – vintermøte",
        24,
        [("Kriminalitetsbildet 2026", "", "", []), ("SLT-plattformen", "", "", [])],
    ),
]

# Standalone action items (title, agency, due in days, status)
MORE_ACTION_ITEMS = [
    ("Kartlegge møteplasser for ungdom i Bogafjell", YOUTH, 15, ActionItem.Status.OPEN),
    ("Tilbud om samtale til elever med høyt fravær", CHILD_WELFARE, -8, ActionItem.Status.OPEN),
    ("Oppsøkende arbeid ved Kvadrat", YOUTH, -3, ActionItem.Status.IN_PROGRESS),
    ("Informasjon om ungdomsoppfølging til skolene", POLICE, 25, ActionItem.Status.OPEN),
    ("Bekymringssamtaler etter helgen", POLICE, 5, ActionItem.Status.IN_PROGRESS),
    ("Ny rutine for melding til barnevernet", CHILD_WELFARE, 40, ActionItem.Status.OPEN),
    ("Kurs i trygg voksen for assistenter", GANDDAL, -15, ActionItem.Status.DONE),
    ("Tilbakemelding til foreldre etter foreldremøtet", LURA, 12, ActionItem.Status.OPEN),
    ("Fjerne tagging i undergangen ved Lura", PARKS, -1, ActionItem.Status.OPEN),
    ("Møte med sentrumsforeningen om vektere", SLT, 18, ActionItem.Status.OPEN),
    ("Helsesykepleier på skolen to dager i uken", HEALTH, 50, ActionItem.Status.OPEN),
    ("Ungdomsmedvirkning i SLT-planen", SLT, -25, ActionItem.Status.WONT_DO),
]

C = ConcernCategory.Category
# reporter, days ago, age, band, gender, school, area, categories, risk, description, status,
# shares [(agency, basis, identity)], identity (name, birth date, legal basis) or None
CONCERNS = [
    (
        "skole",
        3,
        14,
        "",
        "boy",
        LURA,
        "Lura",
        [C.ABSENCE, C.DRUGS],
        "high",
        "Elev på 9. trinn har vært borte mye siste måned og er sett sammen med eldre ungdom ved kjøpesenteret.",
        "new",
        [],
        None,
    ),
    (
        "politi",
        5,
        None,
        "13-15",
        "girl",
        None,
        "Sandnes sentrum",
        [C.ALCOHOL],
        "moderate",
        "Jente sterkt beruset ved Ruten fredag kveld, hentet av foreldre.",
        "assessment",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "koordinator",
        8,
        15,
        "",
        "boy",
        GANDDAL,
        "Ganddal",
        [C.VIOLENCE, C.GANG],
        "high",
        "Gutt skal ha deltatt i slåsskamp ved Ganddal stasjon; filmet og delt på sosiale medier.",
        "measures",
        [(POLICE, "anonymous", False), (GANDDAL, "anonymous", False)],
        None,
    ),
    (
        "barnevern",
        12,
        None,
        "10-12",
        "unknown",
        None,
        "Trones",
        [C.FAMILY],
        "moderate",
        "Barn er ofte alene ute sent på kvelden ved Kvadrat.",
        "new",
        [],
        None,
    ),
    (
        "skole",
        15,
        13,
        "",
        "girl",
        LURA,
        "Lura",
        [C.BULLYING, C.ONLINE],
        "moderate",
        "Elev utsatt for utestenging og stygge meldinger i en klassegruppe på Snapchat.",
        "assessment",
        [(LURA, "anonymous", False)],
        None,
    ),
    (
        "koordinator",
        20,
        16,
        "",
        "boy",
        VGS,
        "Sandnes sentrum",
        [C.RADICALISATION, C.ONLINE],
        "high",
        "Elev deler ekstreme ytringer i klassechat og viser interesse for voldelige grupper på nett.",
        "assessment",
        [(POLICE, "statutory_duty", True)],
        ("Ola Nordmann", "2010-03-14", LegalBasis.STATUTORY_DUTY),
    ),
    (
        "politi",
        25,
        None,
        "16-17",
        "boy",
        None,
        "Hana",
        [C.THEFT],
        "low",
        "Ungdom tatt for tyveri av sykkel; første gang.",
        "closed",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "skole",
        32,
        14,
        "",
        "boy",
        LURA,
        "Lura",
        [C.DRUGS],
        "high",
        "Lukt av cannabis i friminuttet; elev har vist endret atferd.",
        "measures",
        [(POLICE, "consent_guardian", True), (LURA, "anonymous", False)],
        ("Per Hansen", "2012-05-02", LegalBasis.CONSENT_GUARDIAN),
    ),
    (
        "koordinator",
        40,
        None,
        "13-15",
        "girl",
        None,
        "Bogafjell",
        [C.MENTAL_HEALTH],
        "moderate",
        "Uteseksjonen har møtt jente som forteller om selvskading.",
        "measures",
        [],
        None,
    ),
    (
        "barnevern",
        45,
        12,
        "",
        "boy",
        GANDDAL,
        "Ganddal",
        [C.FAMILY, C.ABSENCE],
        "moderate",
        "Elev kommer ofte uten matpakke og har høyt fravær.",
        "assessment",
        [(GANDDAL, "anonymous", False)],
        None,
    ),
    (
        "politi",
        52,
        None,
        "16-17",
        "boy",
        None,
        "Sandnes sentrum",
        [C.GANG, C.DRUGS],
        "acute",
        "Ungdom knyttet til miljø som selger narkotika i sentrum.",
        "measures",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "skole",
        60,
        15,
        "",
        "girl",
        LURA,
        "Lura",
        [C.ALCOHOL, C.ABSENCE],
        "moderate",
        "Elev kommer beruset på skolen mandager.",
        "closed",
        [],
        None,
    ),
    (
        "koordinator",
        75,
        None,
        "13-15",
        "boy",
        None,
        "Austrått",
        [C.THEFT],
        "low",
        "Gruppe gutter har knust ruter ved idrettshallen.",
        "closed",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "politi",
        90,
        None,
        "16-17",
        "girl",
        None,
        "Sandnes sentrum",
        [C.VIOLENCE],
        "high",
        "Jente utsatt for vold på fest.",
        "measures",
        [(CHILD_WELFARE, "anonymous", False)],
        None,
    ),
    ("skole", 110, 13, "", "boy", LURA, "Lura", [C.BULLYING], "low", "Elev mobbet i garderoben.", "closed", [], None),
    (
        "barnevern",
        130,
        None,
        "10-12",
        "girl",
        None,
        "Figgjo",
        [C.ONLINE],
        "moderate",
        "Barn har fått meldinger fra ukjent voksen på spillplattform.",
        "closed",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "koordinator",
        150,
        None,
        "16-17",
        "boy",
        None,
        "Sandnes sentrum",
        [C.DRUGS, C.ALCOHOL],
        "moderate",
        "Ungdom sett ruset i parken flere helger.",
        "closed",
        [],
        None,
    ),
    (
        "politi",
        170,
        None,
        "13-15",
        "boy",
        None,
        "Riska",
        [C.THEFT, C.VIOLENCE],
        "moderate",
        "Ran av yngre ungdom ved skolen.",
        "closed",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "skole",
        190,
        14,
        "",
        "girl",
        LURA,
        "Lura",
        [C.MENTAL_HEALTH, C.ABSENCE],
        "moderate",
        "Elev isolerer seg og har høyt fravær.",
        "closed",
        [],
        None,
    ),
    (
        "koordinator",
        210,
        None,
        "18+",
        "boy",
        None,
        "Hana",
        [C.GANG],
        "high",
        "Ung voksen rekrutterer yngre gutter til kriminalitet.",
        "measures",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "barnevern",
        240,
        None,
        "0-9",
        "unknown",
        None,
        "Sviland",
        [C.FAMILY],
        "low",
        "Nabo melder om uro i hjemmet.",
        "closed",
        [],
        None,
    ),
    (
        "politi",
        270,
        None,
        "16-17",
        "boy",
        None,
        "Sandnes sentrum",
        [C.DRUGS],
        "high",
        "Ungdom tatt med narkotika på bussterminalen.",
        "closed",
        [(POLICE, "anonymous", False)],
        None,
    ),
    (
        "skole",
        300,
        15,
        "",
        "boy",
        LURA,
        "Lura",
        [C.VIOLENCE, C.BULLYING],
        "moderate",
        "Elev truer medelever.",
        "closed",
        [],
        None,
    ),
    (
        "koordinator",
        320,
        None,
        "13-15",
        "girl",
        None,
        "Trones",
        [C.ONLINE],
        "low",
        "Deling av bilder uten samtykke i klassegruppe.",
        "closed",
        [],
        None,
    ),
    (
        "politi",
        340,
        None,
        "16-17",
        "boy",
        None,
        "Ganddal",
        [C.THEFT],
        "low",
        "Butikktyveri i Ganddal.",
        "closed",
        [(POLICE, "anonymous", False)],
        None,
    ),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _action_item(*, actor, title, agency, due_days, status, **links) -> ActionItem:
    item, created = ActionItem.objects.get_or_create(
        title=title,
        responsible_agency=agency,
        defaults={
            "due_date": timezone.localdate() + timedelta(days=due_days),
            "status": status,
            "status_reason": "Ikke midler i år; tas opp igjen til våren."
            if status == ActionItem.Status.WONT_DO
            else "",
            "completed_at": timezone.now() if status == ActionItem.Status.DONE else None,
            "created_by": actor,
            **links,
        },
    )
    if created and status == ActionItem.Status.IN_PROGRESS:
        ActionItemNote.objects.create(item=item, author=actor, text="Arbeidet er i gang.")
    return item


@transaction.atomic
def seed_coordination(agencies: dict, users) -> dict:
    by_name = {user.username: user for user in users}
    coordinator = by_name["koordinator"]
    forums = {}
    for name, kind, mandate, member_agencies, members in FORUMS:
        forum, _created = Forum.objects.update_or_create(name=name, defaults={"kind": kind, "mandate": mandate})
        forum.member_agencies.set([agencies[a] for a in member_agencies])
        forum.members.set([by_name[u] for u in members])
        forums[name] = forum

    for forum_name, title, days, agenda in MEETINGS:
        forum = forums[forum_name]
        meeting, created = Meeting.objects.get_or_create(
            forum=forum,
            title=title,
            defaults={
                "starts_at": _at(days, 9),
                "ends_at": _at(days, 11),
                "location": "Rådhuset, møterom Figgjo",
                "secretary": coordinator,
                "created_by": coordinator,
            },
        )
        if not created:
            continue
        meeting.invitees.set(forum.members.all())
        if days < 0:
            meeting.attendees.set(forum.members.all())
            meeting.attending_agencies.set(forum.member_agencies.all())
        for position, (item_title, minutes, decision, actions) in enumerate(agenda, start=1):
            item = AgendaItem.objects.create(
                meeting=meeting, position=position, title=item_title, minutes=minutes, decision=decision
            )
            for action_title, agency, due, status in actions:
                _action_item(
                    actor=coordinator,
                    title=action_title,
                    agency=agencies[agency],
                    due_days=due,
                    status=status,
                    source=ActionItem.Source.MEETING,
                    meeting=meeting,
                    agenda_item=item,
                )
        if days < -20:
            meeting.minutes_approved_at = _at(days + 7, 12)
            meeting.minutes_approved_by = coordinator
            meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by"])

    for title, agency, due, status in MORE_ACTION_ITEMS:
        _action_item(actor=coordinator, title=title, agency=agencies[agency], due_days=due, status=status)

    areas = {area.name: area for area in Area.objects.all()}
    rng = random.Random(42)
    # Oldest first, so that the reference numbers follow the calendar.
    for index, row in sorted(enumerate(CONCERNS), key=lambda pair: -pair[1][1]):
        reporter, days_ago, age, band, gender, school, area, categories, risk, text, status, shares, identity = row
        if Concern.objects.filter(description=text).exists():
            continue
        created_at = timezone.now() - timedelta(days=days_ago, hours=rng.randint(0, 8))
        concern = Concern(
            age=age,
            age_band=band,
            gender=gender,
            school=agencies[school] if school else None,
            area=areas.get(area),
            risk_level=risk,
            observed_on=timezone.localdate() - timedelta(days=days_ago + 1),
            description=text,
            created_at=created_at,
        )
        if identity:
            concern.full_name, birth, concern.legal_basis = identity
            concern.birth_date = datetime.strptime(birth, "%Y-%m-%d").date()
            if concern.legal_basis == LegalBasis.STATUTORY_DUTY:
                concern.legal_basis_detail = "Opplysningsplikt til barnevernet, barnevernsloven § 13-2"
        services.concern_create(actor=by_name[reporter], concern=concern, categories=categories)
        for agency_name, basis, with_identity in shares:
            services.concern_share(
                actor=coordinator,
                concern=concern,
                agency=agencies[agency_name],
                legal_basis=basis,
                includes_identity=with_identity,
                legal_basis_detail="Opplysningsplikt til barnevernet, barnevernsloven § 13-2"
                if basis == LegalBasis.STATUTORY_DUTY
                else "",
            )
        if status in ("assessment", "measures", "closed"):
            services.concern_set_status(actor=coordinator, concern=concern, status=Concern.Status.ASSESSMENT)
        if status == "measures":
            agency = agencies[school] if school else agencies[YOUTH]
            services.concern_measure_create(
                actor=coordinator,
                concern=concern,
                title=f"Oppfølgingssamtale ({concern.reference})",
                responsible_agency=agency,
                due_date=timezone.localdate() + timedelta(days=7 + index),
            )
        if status == "closed":
            services.concern_set_status(
                actor=coordinator,
                concern=concern,
                status=Concern.Status.CLOSED,
                outcome=rng.choice([Concern.Outcome.RESOLVED, Concern.Outcome.REFERRED, Concern.Outcome.NO_ACTION]),
            )
        if index == 4:
            # One revoked share: the school was told, then the coordinator withdrew it.
            share = concern.shares.get(agency=agencies[LURA])
            services.concern_share_revoke(actor=coordinator, share=share)
    return {
        "forums": Forum.objects.count(),
        "meetings": Meeting.objects.count(),
        "action_items": ActionItem.objects.count(),
        "concerns": Concern.objects.count(),
    }
