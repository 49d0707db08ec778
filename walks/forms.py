from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, Area
from slt.accounts.models import User
from slt.core.forms import BoundedForm, BoundedModelForm, DateInput, FilterForm, TimeInput
from slt.core.limits import LONG_TEXT_MAX
from slt.core.widgets import AgencyPicker, AgencyRadioPicker, PeoplePicker, PersonRadioPicker

from .models import Observation, SafetyWalk
from .photos import check_photo


class WalkForm(BoundedModelForm):
    class Meta:
        model = SafetyWalk
        fields = [
            "title",
            "area",
            "date",
            "start_time",
            "light",
            "meeting_point",
            "route_description",
            "organiser",
            "invited_agencies",
            "invited_users",
            "residents_count",
            "youth_council_count",
            "landlords_count",
            "other_external_count",
            "external_participants",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "light": forms.RadioSelect,
            "route_description": forms.Textarea(attrs={"rows": 3}),
            "external_participants": forms.Textarea(attrs={"rows": 2}),
            "organiser": PersonRadioPicker(none_label=_("Myself")),
            "invited_agencies": AgencyPicker,
            "invited_users": PeoplePicker,
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(is_active=True)
        self.fields["invited_agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        staff = User.objects.filter(is_active=True).exclude(role=User.Role.ADMIN).select_related("agency")
        self.fields["invited_users"].queryset = staff.order_by("first_name", "last_name", "username")
        if actor.is_coordinator:
            organiser = self.fields["organiser"]
            organisers = staff.exclude(role=User.Role.STEERING)
            if self.instance.pk:
                # A walk has an organiser: changing it means choosing another; the current one stays on the list.
                organiser.queryset = User.objects.filter(
                    Q(pk__in=organisers.values("pk")) | Q(pk=self.instance.organiser_id)
                ).select_related("agency")
            else:
                # "Myself" (the empty choice) or someone else: the service makes the planner the organiser.
                organiser.queryset = organisers.exclude(pk=actor.pk)
                organiser.required = organiser.widget.is_required = False
        else:
            # Only a coordinator hands a walk to someone else.
            del self.fields["organiser"]
        for name in ("residents_count", "youth_council_count", "landlords_count", "other_external_count"):
            self.fields[name].widget.attrs.update(min=0, inputmode="numeric")


class WalkFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Title or meeting point")}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *SafetyWalk.Status.choices])
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.filter(is_active=True), empty_label=_("All")
    )

    def filters(self) -> dict:
        """The keyword arguments of `selectors.walk_list` (an invalid filter filters nothing)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"status": data.get("status", ""), "area": data.get("area"), "search": data.get("q", "")}

    def empty_text(self) -> str:
        """What is true when the list is empty."""
        active = {chip.name for chip in self.chips()}
        if not active:
            return _("No safety walks yet.")
        if active == {"status"}:
            return _("No safety walks with this status.")
        return _("No safety walks match the filters.")


def future_date_field():
    return forms.BooleanField(label=_("The walk is dated in the future – confirm"), required=False)


class WalkStatusForm(BoundedForm):
    status = forms.ChoiceField(choices=SafetyWalk.Status.choices)
    confirm_future_date = future_date_field()


class PublishForm(BoundedForm):
    conclusion = forms.CharField(
        label=_("Conclusion"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the walk showed and what happens next. Shown at the top of the report."),
    )
    confirm_future_date = future_date_field()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one field; each is checked by its content (see walks.photos)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        uploads = [upload for upload in uploads if upload]
        if not uploads:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > settings.WALKS_PHOTOS_PER_OBSERVATION:
            raise forms.ValidationError(
                _("At most %(count)d photos per observation.") % {"count": settings.WALKS_PHOTOS_PER_OBSERVATION}
            )
        errors = []
        for upload in uploads:
            try:
                check_photo(upload)
            except forms.ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return uploads


class ObservationForm(BoundedModelForm):
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB each. Position and camera data are removed."),
    )

    class Meta:
        model = Observation
        fields = ["latitude", "longitude", "category", "description", "safety_rating", "suggested_measure"]
        widgets = {
            "category": forms.RadioSelect,
            "safety_rating": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "description": forms.Textarea(attrs={"rows": 3}),
            "suggested_measure": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["safety_rating"] = forms.TypedChoiceField(
            label=Observation._meta.get_field("safety_rating").verbose_name,
            help_text=Observation._meta.get_field("safety_rating").help_text,
            choices=[(n, str(n)) for n in range(1, 6)],
            coerce=int,
            widget=forms.RadioSelect,
        )
        self.fields["category"].choices = Observation.Category.choices
        for name in ("latitude", "longitude"):
            self.fields[name].widget = forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "data-coordinate": name}
            )
        self.fields["description"].widget.attrs["placeholder"] = _("What do you see, and why does it feel unsafe?")
        self.fields["suggested_measure"].widget.attrs["placeholder"] = _("For example: a new street light by the path")


class ActionFromObservationsForm(BoundedForm):
    observations = forms.ModelMultipleChoiceField(
        label=_("Observations"),
        queryset=Observation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one observation.")},
    )
    title = forms.CharField(label=_("Measure"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    responsible_agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=Agency.objects.none(), widget=AgencyRadioPicker
    )
    due_date = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args, walk, **kwargs):
        super().__init__(*args, **kwargs)
        self.walk = walk
        self.fields["observations"].queryset = walk.observations.order_by("number")
        self.fields["observations"].label_from_instance = lambda obs: str(obs)
        # Inactive agencies are listed too (last in their group, marked "inactive"), so that the service can say
        # why they cannot be chosen.
        self.fields["responsible_agency"].queryset = Agency.objects.order_by("-is_active", "name")
