"""Bulk data for the benchmark: concerns, action items and meetings in the shape the demo data has."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from coordination.models import (
    ActionItem,
    Agency,
    Area,
    Concern,
    ConcernCategory,
    ConcernShare,
    ConcernYearCounter,
    Forum,
    Meeting,
    age_band_for,
)
from slt.accounts.models import User

BATCH = 5000
CATEGORIES = ConcernCategory.Category.values
STATUSES = [Concern.Status.NEW] * 3 + [Concern.Status.ASSESSMENT] * 2 + [Concern.Status.MEASURES] * 2
DESCRIPTIONS = [
    "Observert i sentrum sent på kvelden sammen med eldre ungdom.",
    "Høyt fravær siste måned, foresatte er kontaktet.",
    "Bekymring meldt av miljøarbeider etter episode på fritidsklubben.",
    "Rykter om salg av hasj på skolens område.",
]


def _batched(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def fill(*, concerns: int, action_items: int, meetings: int, seed: int = 42) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    areas = list(Area.objects.all())
    agencies = list(Agency.objects.filter(is_active=True))
    schools = [a for a in agencies if a.kind == Agency.Kind.SCHOOL]
    police = Agency.objects.get(kind=Agency.Kind.POLICE, name="Sandnes politistasjon")
    reporters = list(User.objects.filter(username__in=["koordinator", "politi", "skole", "barnevern"]))
    coordinator = User.objects.get(username="koordinator")

    # Concerns over the last three years, numbered per year as the service numbers them.
    counters: dict[int, int] = dict(ConcernYearCounter.objects.values_list("year", "last_number"))
    rows = []
    for _ in range(concerns):
        created = now - timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
        year = timezone.localtime(created).year
        counters[year] = counters.get(year, 0) + 1
        age = rng.randrange(9, 19)
        reporter = rng.choice(reporters)
        status = rng.choice(STATUSES) if created > now - timedelta(days=120) else Concern.Status.CLOSED
        rows.append(
            Concern(
                reference=f"{year}-{counters[year]:04d}",
                status=status,
                outcome=Concern.Outcome.RESOLVED if status == Concern.Status.CLOSED else "",
                closed_at=created + timedelta(days=30) if status == Concern.Status.CLOSED else None,
                reporter=reporter,
                reporter_agency_id=reporter.agency_id,
                age=age,
                age_band=age_band_for(age),
                gender=rng.choice(Concern.Gender.values),
                school=rng.choice(schools) if schools and rng.random() < 0.6 else None,
                area=rng.choice(areas),
                risk_level=rng.choice(Concern.Risk.values),
                observed_on=timezone.localtime(created).date(),
                description=rng.choice(DESCRIPTIONS),
                created_at=created,
            )
        )
    for chunk in _batched(rows):
        Concern.objects.bulk_create(chunk)
    for year, last in counters.items():
        ConcernYearCounter.objects.update_or_create(year=year, defaults={"last_number": last})

    created_concerns = list(Concern.objects.order_by("-id").values_list("id", flat=True)[:concerns])
    categories, shares = [], []
    for concern_id in created_concerns:
        for category in rng.sample(CATEGORIES, rng.choice([1, 1, 2, 3])):
            categories.append(ConcernCategory(concern_id=concern_id, category=category))
        if rng.random() < 0.3:
            shares.append(ConcernShare(concern_id=concern_id, agency=police, shared_by=coordinator, shared_at=now))
    for chunk in _batched(categories):
        ConcernCategory.objects.bulk_create(chunk)
    for chunk in _batched(shares):
        ConcernShare.objects.bulk_create(chunk)

    # Meetings of a benchmark forum, a third of them with an action item each further down.
    forum, _ = Forum.objects.get_or_create(name="Arbeidsgruppe (benchmark)", defaults={"kind": Forum.Kind.WORKING})
    meeting_rows = []
    for _ in range(meetings):
        starts = now + timedelta(days=rng.randrange(-900, 120), hours=rng.randrange(0, 8))
        meeting_rows.append(
            Meeting(forum=forum, title="Arbeidsgruppemøte", starts_at=starts, ends_at=starts + timedelta(hours=2))
        )
    for chunk in _batched(meeting_rows):
        Meeting.objects.bulk_create(chunk)
    meeting_ids = list(Meeting.objects.filter(forum=forum).values_list("id", flat=True))

    items = []
    for index in range(action_items):
        status = rng.choice(ActionItem.Status.values)
        source = ActionItem.Source.CONCERN if index % 2 else ActionItem.Source.MEETING
        items.append(
            ActionItem(
                title=f"Tiltak {index}",
                responsible_agency=rng.choice(agencies),
                due_date=today + timedelta(days=rng.randrange(-200, 200)),
                status=status,
                status_reason="Ikke prioritert i år." if status == ActionItem.Status.WONT_DO else "",
                source=source,
                concern_id=rng.choice(created_concerns) if source == ActionItem.Source.CONCERN else None,
                meeting_id=rng.choice(meeting_ids) if source == ActionItem.Source.MEETING and meeting_ids else None,
                created_by=coordinator,
            )
        )
    for chunk in _batched(items):
        ActionItem.objects.bulk_create(chunk)
