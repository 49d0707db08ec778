from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, Area, Concern, LegalBasis
from slt.accounts.models import User
from slt.core.forms import CHOOSE, BoundedForm, BoundedModelForm, DateInput, FilterForm
from slt.core.widgets import AgencyRadioPicker, PersonRadioPicker

from .models import Case, GuideSection, Measure, Step, WarningSign

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, ## heading, - list, [link text](https://…). Scripts and embedded content are removed."
)


class SectionForm(BoundedModelForm):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GuideSection
        fields = ["title", "slug", "kind", "order", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})}
        help_texts = {"body": MARKDOWN_HELP, "slug": _("Lower-case letters, digits and hyphens, e.g. warning-signs.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The address of a section does not change: links to it from elsewhere keep working.
            del self.fields["slug"]


class SignForm(BoundedModelForm):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WarningSign
        fields = ["title", "order", "meaning", "not_alone", "what_to_do"]
        widgets = {
            "meaning": forms.Textarea(attrs={"rows": 4}),
            "not_alone": forms.Textarea(attrs={"rows": 4}),
            "what_to_do": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"meaning": MARKDOWN_HELP}


class CompareForm(BoundedForm):
    """Two revisions to compare (GET)."""

    old = forms.TypedChoiceField(label=_("From revision"), coerce=int)
    new = forms.TypedChoiceField(label=_("To revision"), coerce=int)

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (revision.pk, f"#{revision.number} · {revision.created_at:%d.%m.%Y %H:%M}") for revision in revisions
        ]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class GuideSearchForm(FilterForm):
    q = forms.CharField(
        label=_("Search the guide"),
        min_length=2,
        max_length=200,
        strip=True,
        error_messages={"min_length": _("Type at least two characters.")},
    )


class CaseForm(BoundedForm):
    summary = forms.CharField(
        label=_("What the concern is about"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "Describe what was seen or heard, without names. Identity is recorded separately, with a legal basis."
        ),
    )
    age_band = forms.ChoiceField(label=_("Age band"), choices=[("", "–"), *Concern.AgeBand.choices], required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Concern.Gender.choices, initial=Concern.Gender.UNKNOWN)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.filter(is_active=True), required=False)
    reporting_agency = forms.ModelChoiceField(
        label=_("Where the concern arose"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=AgencyRadioPicker(none_label=_("Not given")),
    )
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=Concern.Risk.choices, initial=Concern.Risk.MODERATE)


class MoveForm(BoundedForm):
    to_step = forms.ChoiceField(
        label=_("Move to"),
        choices=Step.choices,
        error_messages={
            "invalid_choice": _("Choose a step on the trail."),
            "required": _("Choose a step on the trail."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write why the case moves.")},
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            allowed = set(case.allowed_moves)
            # The list offers the allowed moves; the service refuses any other, whatever is posted.
            self.fields["to_step"].widget.choices = [("", CHOOSE)] + [
                (v, label) for v, label in Step.choices if v in allowed
            ]


class RiskForm(BoundedModelForm):
    class Meta:
        model = Case
        fields = ["risk_level", "risk_assessment"]
        widgets = {"risk_assessment": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "risk_assessment": _("What makes the risk higher or lower: protective factors, network, recent changes.")
        }


class IdentityForm(BoundedModelForm):
    class Meta:
        model = Case
        fields = ["full_name", "birth_date", "legal_basis", "legal_basis_detail"]
        widgets = {"birth_date": DateInput()}

    def clean(self):
        data = super().clean()
        if (data.get("full_name", "").strip() or data.get("birth_date")) and not data.get("legal_basis"):
            self.add_error("legal_basis", _("Name and birth date can only be recorded with a legal basis."))
        if data.get("legal_basis") == LegalBasis.STATUTORY_DUTY and not data.get("legal_basis_detail", "").strip():
            self.add_error("legal_basis_detail", _("Name the statutory duty or exception."))
        return data

    def _post_clean(self):
        # The service validates and saves the case; the form only reads the fields.
        pass


class SignsForm(BoundedForm):
    """One checkbox and one short note per warning sign of the guide."""

    def __init__(self, *args, signs, observed=None, **kwargs):
        super().__init__(*args, **kwargs)
        observed = observed or {}
        self.rows = []
        for sign in signs:
            tick, note = f"sign_{sign.pk}", f"note_{sign.pk}"
            self.fields[tick] = forms.BooleanField(label=sign.title, required=False, initial=sign.pk in observed)
            self.fields[note] = forms.CharField(
                label=_("Note on “%(sign)s”") % {"sign": sign.title},
                max_length=300,
                required=False,
                initial=observed.get(sign.pk, ""),
            )
            self.rows.append((sign, tick, note))

    def observed(self) -> dict[int, str]:
        return {
            sign.pk: self.cleaned_data.get(note, "") for sign, tick, note in self.rows if self.cleaned_data.get(tick)
        }

    def bound_rows(self):
        return [(sign, self[tick], self[note]) for sign, tick, note in self.rows]


class MeasureForm(BoundedForm):
    title = forms.CharField(label=_("Measure"), max_length=200)
    responsible_agency = forms.ModelChoiceField(
        label=_("Responsible agency"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        widget=AgencyRadioPicker,
        error_messages={"invalid_choice": _("Choose an active agency.")},
    )
    due_date = forms.DateField(label=_("Deadline"), widget=DateInput())
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return due


class MeasureStatusForm(BoundedForm):
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    reason = forms.CharField(
        label=_("Reason (when it will not be done)"), widget=forms.TextInput, required=False, max_length=1000
    )


class MemberForm(BoundedForm):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True).select_related("agency"),
        widget=PersonRadioPicker,
        error_messages={"invalid_choice": _("Choose an active user.")},
        help_text=_("Members read the case; only radicalisation contacts change it."),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: (
            f"{user} ({user.agency})" if user.agency_id else str(user)
        )
        if case is not None:
            # Radicalisation contacts read every case already.
            self.fields["user"].queryset = User.objects.filter(
                is_active=True, is_radicalisation_contact=False
            ).select_related("agency")


class CloseForm(BoundedForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "–"), *Case.Outcome.choices],
        error_messages={"required": _("Choose an outcome when the case is closed.")},
    )
    outcome_note = forms.CharField(
        label=_("Outcome note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class CaseFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Case.Status.choices])
    step = forms.ChoiceField(label=_("Step"), required=False, choices=[("", _("All steps")), *Step.choices])
    risk = forms.ChoiceField(label=_("Risk"), required=False, choices=[("", _("All levels")), *Concern.Risk.choices])
    area = forms.ModelChoiceField(label=_("Area"), required=False, queryset=Area.objects.filter(is_active=True))
    overdue = forms.BooleanField(label=_("Overdue measures"), required=False)
