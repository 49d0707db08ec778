"""The coordination models, one module per subdomain. Import them from here: `from coordination.models
import ActionItem, Agency, Area, Concern`."""

from .action_items import (
    OPEN_STATUSES,
    ActionItem,
    ActionItemNote,
    ActionItemQuerySet,
    ActionItemSource,
    ActionItemStatus,
)
from .agencies import Agency, AgencyContact, Area
from .concerns import (
    IDENTITY_BASES,
    Concern,
    ConcernCategory,
    ConcernNote,
    ConcernShare,
    ConcernStatus,
    ConcernYearCounter,
    LegalBasis,
    age_band_for,
)
from .meetings import AgendaItem, Forum, Meeting, MeetingAttachment

__all__ = [
    "IDENTITY_BASES",
    "OPEN_STATUSES",
    "ActionItem",
    "ActionItemNote",
    "ActionItemQuerySet",
    "ActionItemSource",
    "ActionItemStatus",
    "Agency",
    "AgencyContact",
    "AgendaItem",
    "Area",
    "Concern",
    "ConcernCategory",
    "ConcernNote",
    "ConcernShare",
    "ConcernStatus",
    "ConcernYearCounter",
    "Forum",
    "LegalBasis",
    "Meeting",
    "MeetingAttachment",
    "age_band_for",
]
