"""Demo concerns: logged by the demo users, shared, assessed, given measures and closed, through the services."""

import random
from datetime import date, timedelta

from django.utils import timezone

from .. import services
from ..models import Area, Concern, LegalBasis
from .registry import CHILD_WELFARE, GANDDAL, LURA, POLICE, VGS, YOUTH
from .specs import DemoConcern, DemoIdentity, DemoShare

STATUTORY_DUTY = "Opplysningsplikt til barnevernet, barnevernsloven § 13-2"


CONCERNS = [
    DemoConcern(
        reporter="skole",
        days_ago=3,
        age=14,
        gender="boy",
        school=LURA,
        area="Lura",
        categories=("absence", "drugs"),
        risk="high",
        text="Elev på 9. trinn har vært borte mye siste måned og er sett sammen med eldre ungdom ved kjøpesenteret.",
        status="new",
    ),
    DemoConcern(
        reporter="politi",
        days_ago=5,
        age_band="13-15",
        gender="girl",
        area="Sandnes sentrum",
        categories=("alcohol",),
        risk="moderate",
        text="Jente sterkt beruset ved Ruten fredag kveld, hentet av foreldre.",
        status="assessment",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=8,
        age=15,
        gender="boy",
        school=GANDDAL,
        area="Ganddal",
        categories=("violence", "gang"),
        risk="high",
        text="Gutt skal ha deltatt i slåsskamp ved Ganddal stasjon; filmet og delt på sosiale medier.",
        status="measures",
        shares=(DemoShare(POLICE), DemoShare(GANDDAL)),
    ),
    DemoConcern(
        reporter="barnevern",
        days_ago=12,
        age_band="10-12",
        gender="unknown",
        area="Trones",
        categories=("family",),
        risk="moderate",
        text="Barn er ofte alene ute sent på kvelden ved Kvadrat.",
        status="new",
    ),
    DemoConcern(
        reporter="skole",
        days_ago=15,
        age=13,
        gender="girl",
        school=LURA,
        area="Lura",
        categories=("bullying", "online"),
        risk="moderate",
        text="Elev utsatt for utestenging og stygge meldinger i en klassegruppe på Snapchat.",
        status="assessment",
        shares=(DemoShare(LURA, revoked=True),),
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=20,
        age=16,
        gender="boy",
        school=VGS,
        area="Sandnes sentrum",
        categories=("radicalisation", "online"),
        risk="high",
        text="Elev deler ekstreme ytringer i klassechat og viser interesse for voldelige grupper på nett.",
        status="assessment",
        shares=(DemoShare(POLICE, basis="statutory_duty", identity=True),),
        identity=DemoIdentity("Ola Nordmann", "2010-03-14", "statutory_duty"),
    ),
    DemoConcern(
        reporter="politi",
        days_ago=25,
        age_band="16-17",
        gender="boy",
        area="Hana",
        categories=("theft",),
        risk="low",
        text="Ungdom tatt for tyveri av sykkel; første gang.",
        status="closed",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="skole",
        days_ago=32,
        age=14,
        gender="boy",
        school=LURA,
        area="Lura",
        categories=("drugs",),
        risk="high",
        text="Lukt av cannabis i friminuttet; elev har vist endret atferd.",
        status="measures",
        shares=(DemoShare(POLICE, basis="consent_guardian", identity=True), DemoShare(LURA)),
        identity=DemoIdentity("Per Hansen", "2012-05-02", "consent_guardian"),
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=40,
        age_band="13-15",
        gender="girl",
        area="Bogafjell",
        categories=("mental_health",),
        risk="moderate",
        text="Uteseksjonen har møtt jente som forteller om selvskading.",
        status="measures",
    ),
    DemoConcern(
        reporter="barnevern",
        days_ago=45,
        age=12,
        gender="boy",
        school=GANDDAL,
        area="Ganddal",
        categories=("family", "absence"),
        risk="moderate",
        text="Elev kommer ofte uten matpakke og har høyt fravær.",
        status="assessment",
        shares=(DemoShare(GANDDAL),),
    ),
    DemoConcern(
        reporter="politi",
        days_ago=52,
        age_band="16-17",
        gender="boy",
        area="Sandnes sentrum",
        categories=("gang", "drugs"),
        risk="acute",
        text="Ungdom knyttet til miljø som selger narkotika i sentrum.",
        status="measures",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="skole",
        days_ago=60,
        age=15,
        gender="girl",
        school=LURA,
        area="Lura",
        categories=("alcohol", "absence"),
        risk="moderate",
        text="Elev kommer beruset på skolen mandager.",
        status="closed",
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=75,
        age_band="13-15",
        gender="boy",
        area="Austrått",
        categories=("theft",),
        risk="low",
        text="Gruppe gutter har knust ruter ved idrettshallen.",
        status="closed",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="politi",
        days_ago=90,
        age_band="16-17",
        gender="girl",
        area="Sandnes sentrum",
        categories=("violence",),
        risk="high",
        text="Jente utsatt for vold på fest.",
        status="measures",
        shares=(DemoShare(CHILD_WELFARE),),
    ),
    DemoConcern(
        reporter="skole",
        days_ago=110,
        age=13,
        gender="boy",
        school=LURA,
        area="Lura",
        categories=("bullying",),
        risk="low",
        text="Elev mobbet i garderoben.",
        status="closed",
    ),
    DemoConcern(
        reporter="barnevern",
        days_ago=130,
        age_band="10-12",
        gender="girl",
        area="Figgjo",
        categories=("online",),
        risk="moderate",
        text="Barn har fått meldinger fra ukjent voksen på spillplattform.",
        status="closed",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=150,
        age_band="16-17",
        gender="boy",
        area="Sandnes sentrum",
        categories=("drugs", "alcohol"),
        risk="moderate",
        text="Ungdom sett ruset i parken flere helger.",
        status="closed",
    ),
    DemoConcern(
        reporter="politi",
        days_ago=170,
        age_band="13-15",
        gender="boy",
        area="Riska",
        categories=("theft", "violence"),
        risk="moderate",
        text="Ran av yngre ungdom ved skolen.",
        status="closed",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="skole",
        days_ago=190,
        age=14,
        gender="girl",
        school=LURA,
        area="Lura",
        categories=("mental_health", "absence"),
        risk="moderate",
        text="Elev isolerer seg og har høyt fravær.",
        status="closed",
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=210,
        age_band="18+",
        gender="boy",
        area="Hana",
        categories=("gang",),
        risk="high",
        text="Ung voksen rekrutterer yngre gutter til kriminalitet.",
        status="measures",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="barnevern",
        days_ago=240,
        age_band="0-9",
        gender="unknown",
        area="Sviland",
        categories=("family",),
        risk="low",
        text="Nabo melder om uro i hjemmet.",
        status="closed",
    ),
    DemoConcern(
        reporter="politi",
        days_ago=270,
        age_band="16-17",
        gender="boy",
        area="Sandnes sentrum",
        categories=("drugs",),
        risk="high",
        text="Ungdom tatt med narkotika på bussterminalen.",
        status="closed",
        shares=(DemoShare(POLICE),),
    ),
    DemoConcern(
        reporter="skole",
        days_ago=300,
        age=15,
        gender="boy",
        school=LURA,
        area="Lura",
        categories=("violence", "bullying"),
        risk="moderate",
        text="Elev truer medelever.",
        status="closed",
    ),
    DemoConcern(
        reporter="koordinator",
        days_ago=320,
        age_band="13-15",
        gender="girl",
        area="Trones",
        categories=("online",),
        risk="low",
        text="Deling av bilder uten samtykke i klassegruppe.",
        status="closed",
    ),
    DemoConcern(
        reporter="politi",
        days_ago=340,
        age_band="16-17",
        gender="boy",
        area="Ganddal",
        categories=("theft",),
        risk="low",
        text="Butikktyveri i Ganddal.",
        status="closed",
        shares=(DemoShare(POLICE),),
    ),
]


def _log(spec: DemoConcern, agencies, users, areas, rng) -> Concern:
    concern = Concern(
        age=spec.age,
        age_band=spec.age_band,
        gender=spec.gender,
        school=agencies[spec.school] if spec.school else None,
        area=areas.get(spec.area),
        risk_level=spec.risk,
        observed_on=timezone.localdate() - timedelta(days=spec.days_ago + 1),
        description=spec.text,
        created_at=timezone.now() - timedelta(days=spec.days_ago, hours=rng.randint(0, 8)),
    )
    if spec.identity:
        concern.full_name = spec.identity.name
        concern.birth_date = date.fromisoformat(spec.identity.birth_date)
        concern.legal_basis = spec.identity.basis
        if spec.identity.basis == LegalBasis.STATUTORY_DUTY:
            concern.legal_basis_detail = STATUTORY_DUTY
    return services.concern_create(actor=users[spec.reporter], concern=concern, categories=spec.categories)


def _follow_up(coordinator, concern: Concern, spec: DemoConcern, agencies, rng, order: int) -> None:
    for share in spec.shares:
        made = services.concern_share(
            actor=coordinator,
            concern=concern,
            agency=agencies[share.agency],
            legal_basis=share.basis,
            includes_identity=share.identity,
            legal_basis_detail=STATUTORY_DUTY if share.basis == LegalBasis.STATUTORY_DUTY else "",
        )
        if share.revoked:
            services.concern_share_revoke(actor=coordinator, share=made)
    if spec.status != Concern.Status.NEW:
        services.concern_set_status(actor=coordinator, concern=concern, status=Concern.Status.ASSESSMENT)
    if spec.status == Concern.Status.MEASURES:
        services.concern_measure_create(
            actor=coordinator,
            concern=concern,
            title=f"Oppfølgingssamtale ({concern.reference})",
            responsible_agency=agencies[spec.school or YOUTH],
            due_date=timezone.localdate() + timedelta(days=7 + order),
        )
    if spec.status == Concern.Status.CLOSED:
        outcome = rng.choice([Concern.Outcome.RESOLVED, Concern.Outcome.REFERRED, Concern.Outcome.NO_ACTION])
        services.concern_set_status(actor=coordinator, concern=concern, status=Concern.Status.CLOSED, outcome=outcome)


def seed_concerns(coordinator, agencies, users) -> None:
    areas = {area.name: area for area in Area.objects.all()}
    rng = random.Random(42)
    # Oldest first, so that the reference numbers follow the calendar.
    for order, spec in sorted(enumerate(CONCERNS), key=lambda pair: -pair[1].days_ago):
        if not Concern.objects.filter(description=spec.text).exists():
            concern = _log(spec, agencies, users, areas, rng)
            _follow_up(coordinator, concern, spec, agencies, rng, order)
