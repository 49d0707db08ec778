from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from slt.core.forms import BoundedForm, DateInput, FilterForm
from slt.core.widgets import AgencyRadioPicker

from ..models import ActionItem, Agency

SHORT_TITLE = 80


def short_title(text: str, limit: int = SHORT_TITLE) -> str:
    """A title proposed from a decision: its first sentence, cut at a word within `limit` characters."""
    first = " ".join(text.split())
    for end in (". ", "! ", "? ", "; "):
        if end in first:
            first = first.split(end, 1)[0]
    first = first.rstrip(".!?;: ")
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return f"{cut}…"


class ActionItemForm(BoundedForm):
    """What a measure is, who has it and its deadline. The rules (deadline, active agency) are the service's."""

    title = forms.CharField(label=_("Title"), max_length=200)
    responsible_agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=Agency.objects.none(), widget=AgencyRadioPicker
    )
    due_date = forms.DateField(label=_("Deadline"), widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An item keeps its agency on the list even after the agency was made inactive.
        agencies = Q(is_active=True) | Q(pk=item.responsible_agency_id) if item else Q(is_active=True)
        self.fields["responsible_agency"].queryset = Agency.objects.filter(agencies).order_by("name")


class ActionItemStatusForm(BoundedForm):
    """The status of a measure, for coordination and safety walks alike. "Will not be done" needs a reason:
    the service says so, on the `reason` field."""

    field_names = {"status_reason": "reason"}

    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    reason = forms.CharField(
        label=_("Reason (required for “will not be done”)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(BoundedForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ActionItemFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ActionItem.Status.choices])
    # A drop-down, not a picker: above a list, the filters stay on one compact line.
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.order_by("name"), empty_label=_("All")
    )
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All")), *ActionItem.Source.choices])
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def filters(self) -> dict:
        """The keyword arguments of `selectors.action_item_list` (an invalid filter filters nothing)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "status": data.get("status", ""),
            "agency": data.get("agency"),
            "source": data.get("source", ""),
            "overdue": data.get("overdue", False),
            "search": data.get("q", ""),
        }
