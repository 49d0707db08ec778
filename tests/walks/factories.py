import datetime
from decimal import Decimal
from io import BytesIO

import factory
from django.db.models import Max
from django.utils import timezone
from PIL import Image

from coordination.models import ActionItem
from slt.accounts.models import User
from tests.factories import AgencyFactory, AreaFactory, UserFactory
from walks.models import Observation, SafetyWalk


class SafetyWalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyWalk

    title = factory.Sequence(lambda n: f"Trygghetsvandring {n} i sentrum")
    area = factory.SubFactory(AreaFactory, name="Sandnes sentrum")
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    start_time = datetime.time(19, 30)
    light = SafetyWalk.Light.AFTER_DARK
    meeting_point = "Foran rådhuset"
    organiser = factory.SubFactory(
        UserFactory, username=factory.Sequence(lambda n: f"arrangor{n}"), role=User.Role.AGENCY
    )
    status = SafetyWalk.Status.PLANNED

    @factory.lazy_attribute
    def published_at(self):
        return timezone.now() if self.status == SafetyWalk.Status.PUBLISHED else None


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    walk = factory.SubFactory(SafetyWalkFactory)
    category = Observation.Category.LIGHTING

    @factory.lazy_attribute
    def number(self):
        # The next number of the walk, as observation_add gives it.
        last = Observation.objects.filter(walk=self.walk).aggregate(last=Max("number"))["last"]
        return (last or 0) + 1

    description = factory.Sequence(lambda n: f"Mørk sti nummer {n} – ingen lys")
    safety_rating = 2
    suggested_measure = "Nye lysmaster"
    latitude = Decimal("58.851200")
    longitude = Decimal("5.738400")


class WalkActionItemFactory(factory.django.DjangoModelFactory):
    """An action item from a walk, made directly (demo history may have past deadlines)."""

    class Meta:
        model = ActionItem

    title = factory.Sequence(lambda n: f"Tiltak {n}")
    responsible_agency = factory.SubFactory(AgencyFactory, name="Sandnes gatelys AS")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    source = ActionItem.Source.WALK


def image_bytes(image_format="JPEG", size=(64, 48), colour=(200, 120, 40), **save_options) -> bytes:
    out = BytesIO()
    mode = "RGBA" if image_format == "PNG" else "RGB"
    Image.new(mode, size, colour).save(out, format=image_format, **save_options)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG carrying a GPS position, a camera make and an owner in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Telefonprodusent"  # Make
    exif[0x0110] = "Modell X"  # Model
    exif[0xA430] = "Kari Nordmann"  # CameraOwnerName
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (58.0, 51.0, 7.0), 3: "E", 4: (5.0, 44.0, 9.0)}
    return image_bytes("JPEG", size=(80, 40), exif=exif.tobytes())
