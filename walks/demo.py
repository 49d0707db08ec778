"""Demo safety walks for the Sandnes-like municipality (called from `seed_demo`). Idempotent."""

from datetime import time, timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from coordination.models import ActionItem, Agency, Area
from coordination.services import action_item_set_status

from . import services
from .models import Observation, SafetyWalk

CENTRE_WALK = "Trygghetsvandring i Sandnes sentrum etter mørkets frembrudd"
PLANNED_WALK = "Trygghetsvandring på skoleveien til Lura ungdomsskole"

C = Observation.Category
# category, description, rating, suggested measure, latitude, longitude, photo?
OBSERVATIONS = [
    (
        C.LIGHTING,
        "Gangstien langs Sandnesbekken er helt mørk mellom brua og Ruten.",
        1,
        "Nye lysmaster langs stien.",
        "58.851210",
        "5.738420",
        True,
    ),
    (
        C.LIGHTING,
        "To gatelys er slukket i Langgata ved nr. 30.",
        2,
        "Skifte pærer / feilsøke.",
        "58.852050",
        "5.736110",
        True,
    ),
    (
        C.LIGHTING,
        "Undergangen under jernbanen har bare én lampe som virker.",
        1,
        "Sterkere og hærverkssikker belysning i undergangen.",
        "58.849870",
        "5.734520",
        True,
    ),
    (
        C.LIGHTING,
        "Parkeringsplassen bak Ruten er dårlig opplyst om kvelden.",
        2,
        "Flere lyspunkter på plassen.",
        "58.851760",
        "5.739880",
        False,
    ),
    (
        C.LIGHTING,
        "Trappen opp mot Vågsgata ligger i mørke.",
        2,
        "Lys i trappen, gjerne med sensor.",
        "58.853010",
        "5.737250",
        True,
    ),
    (
        C.LIGHTING,
        "Busslommen ved stasjonen: lyset blinker og går av og til ut.",
        3,
        "Feilsøke armaturen.",
        "58.850420",
        "5.733610",
        False,
    ),
    (
        C.LIGHTING,
        "Snarveien gjennom kvartalet ved Elvegata er mørk.",
        2,
        "Vegglamper i samarbeid med gårdeier.",
        "58.852680",
        "5.735240",
        False,
    ),
    (
        C.MAINTENANCE,
        "Ødelagt rekkverk ved bekken, løse planker i gangbrua.",
        2,
        "Reparere rekkverk og gangbru.",
        "58.851480",
        "5.737760",
        True,
    ),
    (C.MAINTENANCE, "Hull i asfalten i gangfeltet ved torget.", 3, "Asfaltere.", "58.851950", "5.737020", False),
    (C.MAINTENANCE, "Knust glass i leskuret ved stasjonen.", 3, "Skifte glass.", "58.850190", "5.734080", True),
    (C.MAINTENANCE, "Benkene i parken er ødelagt og brukes ikke.", 3, "Nye benker.", "58.852400", "5.738900", False),
    (
        C.VEGETATION,
        "Høye busker langs stien skjuler innsyn fra veien.",
        2,
        "Klippe buskene ned til under én meter.",
        "58.851020",
        "5.738980",
        True,
    ),
    (
        C.GRAFFITI,
        "Mye tagging på vegger og skilt i undergangen.",
        3,
        "Fjerne tagging og male med anti-graffiti.",
        "58.849760",
        "5.734820",
        False,
    ),
    (
        C.SIGHTLINES,
        "Blindsone bak containerne ved bussterminalen.",
        2,
        "Flytte containerne eller sette opp speil.",
        "58.850640",
        "5.733180",
        False,
    ),
    (
        C.GATHERING,
        "Ungdom samles ved kiosken sent på kvelden; flere sier de går en omvei.",
        3,
        "Natteravner og utekontakter på kveldstid i helgene.",
        "58.851830",
        "5.736580",
        False,
    ),
]

# title, agency, observation indexes, days after the walk, status, reason
ACTIONS = [
    ("Lysmaster langs gangstien ved Sandnesbekken", "Sandnes gatelys AS", [0], 60, ActionItem.Status.IN_PROGRESS, ""),
    ("Skifte pærer i Langgata", "Sandnes gatelys AS", [1], 14, ActionItem.Status.DONE, ""),
    ("Ny belysning i jernbaneundergangen", "Sandnes gatelys AS", [2, 12], 45, ActionItem.Status.OPEN, ""),
    ("Flere lyspunkter på parkeringsplassen bak Ruten", "Sandnes gatelys AS", [3], 90, ActionItem.Status.OPEN, ""),
    ("Lys i trappen mot Vågsgata", "Sandnes gatelys AS", [4], 21, ActionItem.Status.DONE, ""),
    ("Feilsøke armatur ved busslommen", "Sandnes gatelys AS", [5], 10, ActionItem.Status.DONE, ""),
    (
        "Vegglamper i snarveien ved Elvegata",
        "Sandnes gatelys AS",
        [6],
        30,
        ActionItem.Status.WONT_DO,
        "Snarveien er privat grunn; gårdeier vil ikke ha lamper på fasaden. Kommunen skilter i stedet gangveien rundt.",
    ),
    ("Reparere rekkverk og gangbru ved bekken", "Park og vei", [7], 20, ActionItem.Status.DONE, ""),
    ("Klippe buskene langs stien", "Park og vei", [11], 25, ActionItem.Status.IN_PROGRESS, ""),
    ("Nye benker i parken", "Park og vei", [10], 120, ActionItem.Status.OPEN, ""),
    ("Fjerne tagging i undergangen", "Sandnes sentrumsforening", [12], 15, ActionItem.Status.OPEN, ""),
]


def _demo_photo(seed: int) -> SimpleUploadedFile:
    """A small night scene: a dark street with a lamp, drawn in code (no files in the repository)."""
    img = Image.new("RGB", (640, 480), (18 + seed % 5 * 4, 24, 40))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 360, 640, 480], fill=(45, 45, 52))
    x = 120 + (seed * 97) % 400
    draw.rectangle([x, 140, x + 8, 360], fill=(90, 90, 95))
    glow = (255, 214, 120) if seed % 3 else (70, 70, 60)
    draw.ellipse([x - 30, 110, x + 38, 170], fill=glow)
    draw.polygon([(x - 60, 360), (x + 68, 360), (x + 4, 170)], fill=(60, 58, 50) if seed % 3 else (35, 35, 45))
    out = BytesIO()
    img.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile(f"demo-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def _backdate(model, pk, **fields):
    """Demo history only: the services stamp "now" and refuse deadlines in the past, as they should for
    real use. The demo walk took place weeks ago, so its dates are moved back after the services ran."""
    model.objects.filter(pk=pk).update(**fields)


def _seed_centre_walk(agencies, people, area) -> SafetyWalk:
    coordinator = people["koordinator"]
    walk_date = timezone.localdate() - timedelta(days=42)
    walk = services.walk_save(
        actor=coordinator,
        walk=SafetyWalk(
            title=CENTRE_WALK,
            area=area,
            date=walk_date,
            start_time=time(19, 30),
            light=SafetyWalk.Light.AFTER_DARK,
            meeting_point="Foran Sandnes rådhus, Rådhusgata 1",
            route_description="Rådhuset – Langgata – Ruten – gangstien langs Sandnesbekken – "
            "jernbaneundergangen – stasjonen – Elvegata – tilbake til rådhuset.",
            organiser=coordinator,
            residents_count=6,
            youth_council_count=3,
            landlords_count=2,
            other_external_count=1,
            external_participants="Ungdomsrådet: to representanter fra Sandnes videregående skole.",
        ),
        invited_agencies=[
            agencies[name]
            for name in (
                "Sandnes politistasjon",
                "Park og vei",
                "Sandnes gatelys AS",
                "Sandnes sentrumsforening",
                "Uteseksjonen og fritidsklubbene",
                "Natteravnene Sandnes",
            )
        ],
        invited_users=[people["politi"], people["skole"]],
    )
    walk = services.walk_set_status(actor=coordinator, walk=walk, status=SafetyWalk.Status.IN_PROGRESS)
    recorders = [coordinator, people["politi"], people["skole"]]
    observations = [
        services.observation_add(
            actor=recorders[index % len(recorders)],
            walk=walk,
            category=category,
            description=description,
            safety_rating=rating,
            suggested_measure=measure,
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            photos=[_demo_photo(index)] if photo else [],
        )
        for index, (category, description, rating, measure, lat, lng, photo) in enumerate(OBSERVATIONS)
    ]
    today = timezone.localdate()
    for title, agency_name, indexes, days, status, reason in ACTIONS:
        item = services.walk_action_create(
            actor=coordinator,
            walk=walk,
            observations=[observations[i] for i in indexes],
            title=title,
            responsible_agency=agencies[agency_name],
            due_date=max(today, walk_date + timedelta(days=days)),
        )
        if status != ActionItem.Status.OPEN:
            action_item_set_status(actor=coordinator, item=item, status=status, reason=reason)
        _backdate(
            ActionItem,
            item.pk,
            due_date=walk_date + timedelta(days=days),
            completed_at=timezone.now() - timedelta(days=5) if status == ActionItem.Status.DONE else None,
        )
    walk = services.walk_set_status(actor=coordinator, walk=walk, status=SafetyWalk.Status.COMPLETED)
    walk = services.walk_publish(
        actor=coordinator,
        walk=walk,
        conclusion="Sentrum oppleves i hovedsak som trygt, men mye av det som gjør området utrygt om "
        "kvelden er vedlikehold – først og fremst dårlig belysning. De fleste tiltakene gjelder derfor lys. "
        "Sandnes gatelys AS og Park og vei har fått ansvar med frister; ett tiltak blir ikke utført, "
        "begrunnelsen står i tiltakslisten. Ny vandring i samme område om ett år.",
    )
    _backdate(SafetyWalk, walk.pk, published_at=timezone.now() - timedelta(days=21))
    return walk


def _seed_planned_walk(agencies, people, area) -> SafetyWalk:
    return services.walk_save(
        actor=people["politi"],
        walk=SafetyWalk(
            title=PLANNED_WALK,
            area=area,
            date=timezone.localdate() + timedelta(days=14),
            start_time=time(17, 0),
            light=SafetyWalk.Light.AFTER_DARK,
            meeting_point="Hovedinngangen til Lura ungdomsskole",
            route_description="Skoleveien fra Luravegen til bussholdeplassen og gangbrua over E39.",
            youth_council_count=4,
            residents_count=5,
        ),
        invited_agencies=[agencies["Lura ungdomsskole"], agencies["Park og vei"], agencies["Sandnes gatelys AS"]],
        invited_users=[people["skole"], people["koordinator"]],
    )


@transaction.atomic
def seed_walks(agencies: dict[str, Agency], users) -> list[SafetyWalk]:
    """Two walks, through the same services as the pages use: one published with observations, photos
    and an action list, one planned. A walk that exists already is left as it is."""
    people = {user.username: user for user in users}
    existing = {walk.title: walk for walk in SafetyWalk.objects.filter(title__in=[CENTRE_WALK, PLANNED_WALK])}
    centre = existing.get(CENTRE_WALK) or _seed_centre_walk(agencies, people, Area.objects.get(name="Sandnes sentrum"))
    planned = existing.get(PLANNED_WALK) or _seed_planned_walk(agencies, people, Area.objects.get(name="Lura"))
    return [centre, planned]
