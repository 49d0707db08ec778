from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.accounts.models import User
from slt.core.forms import FilterForm

from .models import (
    ActionItem,
    Agency,
    AgencyContact,
    AgendaItem,
    Area,
    Concern,
    ConcernCategory,
    ConcernShare,
    Forum,
    Meeting,
)


class AgencyForm(forms.ModelForm):
    # Longer than the nine digits so that "974 760 673" can be pasted; the spaces are removed.
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=15,
        required=False,
        help_text=Agency._meta.get_field("organisation_number").help_text,
    )

    class Meta:
        model = Agency
        fields = ["name", "kind", "organisation_number", "email", "phone", "address", "area", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(is_active=True)
        self.fields["organisation_number"].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_organisation_number(self):
        # People copy numbers as "974 760 673"; store the nine digits.
        return self.cleaned_data["organisation_number"].replace(" ", "")


class AgencySearchForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Agency.Kind.choices])
    inactive = forms.BooleanField(label=_("Show inactive"), required=False)


ContactFormSet = forms.inlineformset_factory(
    Agency,
    AgencyContact,
    fields=["name", "title", "email", "phone"],
    extra=1,
    can_delete=True,
    max_num=50,
    validate_max=True,
)


# --- forums and meetings ---------------------------------------------------------------------------------


class ForumForm(forms.ModelForm):
    class Meta:
        model = Forum
        fields = ["name", "kind", "mandate", "member_agencies", "members", "is_active"]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 4}),
            "member_agencies": forms.CheckboxSelectMultiple,
            "members": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        self.fields["members"].queryset = User.objects.filter(is_active=True).select_related("agency")
        self.fields["members"].label_from_instance = _person_label


def _person_label(user):
    return f"{user} ({user.agency})" if user.agency_id else str(user)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["forum", "title", "starts_at", "ends_at", "location", "secretary", "invitees"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "invitees": forms.SelectMultiple(attrs={"size": 10}),
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


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("People who attended"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies that attended"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
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


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MinutesForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "minutes", "decision"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }


# --- action items ----------------------------------------------------------------------------------------


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    responsible_agency = forms.ModelChoiceField(label=_("Responsible agency"), queryset=Agency.objects.none())
    due_date = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item=None, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)
        agencies = Q(is_active=True) | Q(pk=item.responsible_agency_id) if item else Q(is_active=True)
        self.fields["responsible_agency"].queryset = Agency.objects.filter(agencies).order_by("name")

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        unchanged = self.item is not None and due == self.item.due_date
        if due < timezone.localdate() and not unchanged:
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return due


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    reason = forms.CharField(
        label=_("Reason (required for “will not be done”)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == ActionItem.Status.WONT_DO and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the measure will not be done."))
        return data


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ActionItemFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ActionItem.Status.choices])
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.order_by("name"), empty_label=_("All")
    )
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All")), *ActionItem.Source.choices])
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)


# --- concerns --------------------------------------------------------------------------------------------


class ConcernForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        choices=ConcernCategory.Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category.")},
    )

    class Meta:
        model = Concern
        fields = [
            "age",
            "age_band",
            "gender",
            "school",
            "area",
            "categories",
            "risk_level",
            "observed_on",
            "description",
            "full_name",
            "birth_date",
            "legal_basis",
            "legal_basis_detail",
        ]
        widgets = {
            "gender": forms.RadioSelect,
            "risk_level": forms.RadioSelect,
            "observed_on": forms.DateInput(attrs={"type": "date"}),
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "age": _("Exact age if known; otherwise choose an age band."),
            "description": _("What was seen or heard, where and when. Do not write names here."),
        }

    def __init__(self, *args, identity_allowed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Agency.objects.filter(kind=Agency.Kind.SCHOOL, is_active=True)
        self.fields["area"].queryset = Area.objects.filter(is_active=True)
        self.fields["age"].widget.attrs.update(min=0, max=25, inputmode="numeric")
        if self.instance.pk:
            self.initial.setdefault("categories", [c.category for c in self.instance.categories.all()])
        if not identity_allowed:
            for name in self.IDENTITY_FIELDS:
                del self.fields[name]

    IDENTITY_FIELDS = ("full_name", "birth_date", "legal_basis", "legal_basis_detail")

    def clean(self):
        data = super().clean()
        if "full_name" in self.fields:
            has_identity = bool(data.get("full_name", "").strip() or data.get("birth_date"))
            if has_identity and not data.get("legal_basis"):
                self.add_error("legal_basis", _("Name and birth date can only be recorded with a legal basis."))
        if data.get("age") is None and not data.get("age_band"):
            self.add_error("age_band", _("Give the age or an age band."))
        return data


class ConcernStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Concern.Status.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome (when closing)"), required=False, choices=[("", "–"), *Concern.Outcome.choices]
    )
    outcome_note = forms.CharField(label=_("Outcome note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("status") == Concern.Status.CLOSED and not data.get("outcome"):
            self.add_error("outcome", _("Choose an outcome when the concern is closed."))
        return data


class ConcernShareForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Share with"), queryset=Agency.objects.none())
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"), choices=ConcernShare.Basis.choices, initial=ConcernShare.Basis.ANONYMOUS
    )
    legal_basis_detail = forms.CharField(label=_("Statutory provision"), required=False, max_length=200)
    includes_identity = forms.BooleanField(label=_("Include name and birth date"), required=False)

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        # Inactive agencies are offered no more, but a tampered id still reaches the service's clear message.
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["agency"].widget.choices = [("", "---------")] + [
            (a.pk, a.name) for a in Agency.objects.filter(is_active=True).order_by("name")
        ]
        if not concern.has_identity:
            del self.fields["includes_identity"]


class ConcernFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Concern.Status.choices])
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *ConcernCategory.Category.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.filter(is_active=True), empty_label=_("All")
    )
    risk = forms.ChoiceField(label=_("Risk"), required=False, choices=[("", _("All")), *Concern.Risk.choices])
    age_band = forms.ChoiceField(
        label=_("Age band"), required=False, choices=[("", _("All")), *Concern.AgeBand.choices]
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.order_by("name"), empty_label=_("All")
    )
    overdue = forms.BooleanField(label=_("Overdue measures"), required=False)
