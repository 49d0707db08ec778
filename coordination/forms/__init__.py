"""The coordination forms, one module per subdomain. `ActionItemStatusForm` is the one status form of an
action item, for safety walks too."""

from .action_items import ActionItemFilterForm, ActionItemForm, ActionItemStatusForm, NoteForm
from .agencies import AgencyForm, AgencySearchForm, ContactFormSet
from .concerns import ConcernFilterForm, ConcernForm, ConcernIdentitySearchForm, ConcernShareForm, ConcernStatusForm
from .meetings import AgendaItemForm, AttachmentForm, AttendanceForm, ForumForm, MeetingForm, MinutesForm
from .statistics import StatisticsForm

__all__ = [
    "ActionItemFilterForm",
    "ActionItemForm",
    "ActionItemStatusForm",
    "AgencyForm",
    "AgencySearchForm",
    "AgendaItemForm",
    "AttachmentForm",
    "AttendanceForm",
    "ConcernFilterForm",
    "ConcernForm",
    "ConcernIdentitySearchForm",
    "ConcernShareForm",
    "ConcernStatusForm",
    "ContactFormSet",
    "ForumForm",
    "MeetingForm",
    "MinutesForm",
    "NoteForm",
    "StatisticsForm",
]
