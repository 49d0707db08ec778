from django import forms
from django.utils.translation import gettext_lazy as _

from slt.core.forms import BoundedForm, BoundedModelForm, DateInput, FilterForm
from slt.core.widgets import AgencyRadioPicker, with_instances

from ..models import Agency, Area, Concern, ConcernCategory, LegalBasis


class ConcernForm(BoundedModelForm):
    """Log or change a concern. The model's rules (identity needs a legal basis, dates not in the future)
    answer through the model's validation; the form adds only what the page needs."""

    IDENTITY_FIELDS = ("full_name", "birth_date", "legal_basis", "legal_basis_detail")

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
            "school": AgencyRadioPicker(none_label=_("Not given")),
            "gender": forms.RadioSelect,
            "risk_level": forms.RadioSelect,
            "observed_on": DateInput(),
            "birth_date": DateInput(),
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

    def clean(self):
        data = super().clean()
        if data.get("age") is None and not data.get("age_band"):
            self.add_error("age_band", _("Give the age or an age band."))
        return data


class ConcernStatusForm(BoundedForm):
    status = forms.ChoiceField(label=_("Status"), choices=Concern.Status.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome (when closing)"), required=False, choices=[("", "–"), *Concern.Outcome.choices]
    )
    outcome_note = forms.CharField(label=_("Outcome note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConcernShareForm(BoundedForm):
    agency = forms.ModelChoiceField(label=_("Share with"), queryset=Agency.objects.none(), widget=AgencyRadioPicker)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices, initial=LegalBasis.ANONYMOUS)
    legal_basis_detail = forms.CharField(label=_("Statutory provision"), required=False, max_length=200)
    includes_identity = forms.BooleanField(label=_("Include name and birth date"), required=False)

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        # Inactive agencies are offered no more, but a tampered id still reaches the service's clear message.
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["agency"].widget.choices = with_instances(Agency.objects.filter(is_active=True))
        if not concern.has_identity:
            del self.fields["includes_identity"]


class ConcernFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Reference or words in the description")}),
    )
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
    # A drop-down, not a picker: above a list, the filters stay on one compact line.
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.order_by("name"), empty_label=_("All")
    )
    overdue = forms.BooleanField(label=_("Overdue measures"), required=False)

    def __init__(self, *args, agency_filter=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not agency_filter:
            # Which agencies a concern is shared with is for coordinators only.
            del self.fields["agency"]

    def filters(self) -> dict:
        """The keyword arguments of `selectors.concern_list` (an invalid filter filters nothing)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "status": data.get("status", ""),
            "category": data.get("category", ""),
            "area": data.get("area"),
            "risk": data.get("risk", ""),
            "age_band": data.get("age_band", ""),
            "agency": data.get("agency") if "agency" in self.fields else None,
            "overdue": data.get("overdue", False),
            "search": data.get("q", ""),
        }


class ConcernIdentitySearchForm(BoundedForm):
    """Search by name: sent by POST, so that the name never appears in an address, a browser history or a
    server's access log; each search is audited."""

    name = forms.CharField(label=_("Name"), min_length=2, max_length=200, strip=True)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput())
