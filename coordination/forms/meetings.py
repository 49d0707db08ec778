from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from slt.accounts.models import User
from slt.core.forms import BoundedForm, BoundedModelForm, DateTimeInput
from slt.core.widgets import AgencyPicker, PeoplePicker, PersonRadioPicker

from ..attachments import ACCEPT
from ..models import Agency, AgendaItem, Forum, Meeting


def _person_label(user):
    return f"{user} ({user.agency})" if user.agency_id else str(user)


class ForumForm(BoundedModelForm):
    class Meta:
        model = Forum
        fields = ["name", "kind", "mandate", "member_agencies", "members", "is_active"]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 4}),
            "member_agencies": AgencyPicker,
            "members": PeoplePicker,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        self.fields["members"].queryset = User.objects.filter(is_active=True).select_related("agency")
        self.fields["members"].label_from_instance = _person_label


class MeetingForm(BoundedModelForm):
    class Meta:
        model = Meeting
        fields = ["forum", "title", "starts_at", "ends_at", "location", "secretary", "invitees"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "secretary": PersonRadioPicker(none_label=_("No secretary")),
            "invitees": PeoplePicker,
        }
        help_texts = {"invitees": _("Leave empty on a new meeting to invite the forum's members.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = Forum.objects.filter(is_active=True)
        people = User.objects.filter(is_active=True).exclude(role=User.Role.ADMIN).select_related("agency")
        self.fields["secretary"].queryset = people
        self.fields["invitees"].queryset = people
        self.fields["invitees"].required = False
        self.fields["secretary"].label_from_instance = _person_label
        self.fields["invitees"].label_from_instance = _person_label


class AttendanceForm(BoundedForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("People who attended"),
        queryset=User.objects.none(),
        required=False,
        widget=PeoplePicker,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies that attended"),
        queryset=Agency.objects.none(),
        required=False,
        widget=AgencyPicker,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        people_ids = {u.pk for u in meeting.invitees.all()} | {u.pk for u in meeting.attendees.all()}
        self.fields["attendees"].queryset = User.objects.filter(pk__in=people_ids).select_related("agency")
        self.fields["attendees"].label_from_instance = _person_label
        self.fields["agencies"].queryset = Agency.objects.filter(
            Q(is_active=True) | Q(pk__in=[a.pk for a in meeting.attending_agencies.all()])
        ).order_by("name")
        self.initial.setdefault("attendees", [u.pk for u in meeting.attendees.all()])
        self.initial.setdefault("agencies", [a.pk for a in meeting.attending_agencies.all()])


class AgendaItemForm(BoundedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MinutesForm(BoundedModelForm):
    """An agenda item's minutes and decision (and its title and description), written in place on the meeting
    page: one form per item, told apart by the prefix `item-<pk>`."""

    class Meta:
        model = AgendaItem
        fields = ["title", "description", "minutes", "decision"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("prefix", f"item-{instance.pk}")
        super().__init__(*args, **kwargs)


class AttachmentForm(BoundedForm):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Belongs to"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("The whole meeting"),
    )

    def __init__(self, *args, meeting, agenda=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG or WebP; at most %(size)s."
        ) % {"size": filesizeformat(settings.MEETING_ATTACHMENT_MAX_BYTES)}
        field = self.fields["agenda_item"]
        field.queryset = meeting.agenda.order_by("position", "id")
        field.label_from_instance = lambda item: f"{item.position}. {item.title}"
        if agenda is not None:  # the items already loaded: no query to render the choices
            field.choices = [("", field.empty_label)] + [(item.pk, f"{item.position}. {item.title}") for item in agenda]
