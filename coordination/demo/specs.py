"""The shapes of the demo data: small named records instead of positional tuples."""

from dataclasses import dataclass

from ..models import ActionItem, Concern, LegalBasis


@dataclass(frozen=True)
class DemoArea:
    name: str
    description: str


@dataclass(frozen=True)
class DemoContact:
    name: str
    title: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class DemoAgency:
    name: str
    kind: str
    area: str
    email: str
    phone: str
    address: str
    contacts: tuple[DemoContact, ...]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    agency: str | None
    is_radicalisation_contact: bool = False
    is_youth_coordinator: bool = False


@dataclass(frozen=True)
class DemoForum:
    name: str
    kind: str
    mandate: str
    agencies: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class DemoAction:
    title: str
    agency: str
    due_in_days: int
    status: str = ActionItem.Status.OPEN


@dataclass(frozen=True)
class DemoAgendaItem:
    title: str
    minutes: str = ""
    decision: str = ""
    actions: tuple[DemoAction, ...] = ()


@dataclass(frozen=True)
class DemoMeeting:
    forum: str
    title: str
    in_days: int
    agenda: tuple[DemoAgendaItem, ...]


@dataclass(frozen=True)
class DemoShare:
    agency: str
    basis: str = LegalBasis.ANONYMOUS
    identity: bool = False
    revoked: bool = False  # shared, then withdrawn by the coordinator


@dataclass(frozen=True)
class DemoIdentity:
    name: str
    birth_date: str
    basis: str


@dataclass(frozen=True)
class DemoConcern:
    reporter: str
    days_ago: int
    area: str
    categories: tuple[str, ...]
    risk: str
    text: str
    status: str
    gender: str = Concern.Gender.UNKNOWN
    age: int | None = None
    age_band: str = ""
    school: str | None = None
    shares: tuple[DemoShare, ...] = ()
    identity: DemoIdentity | None = None
