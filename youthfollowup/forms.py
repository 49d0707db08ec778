"""Forms for youth follow-up. They check the input; the services decide the rules and save."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency
from slt.core.forms import CHOOSE, BoundedForm, BoundedModelForm, DateInput, FilterForm, TimeInput
from slt.core.limits import LONG_TEXT_MAX
from slt.core.widgets import AgencyRadioPicker, PeoplePicker, PersonRadioPicker

from .models import (
    ConsentMethod,
    DecisionOutcome,
    DrugTest,
    Guardian,
    GuardianRelation,
    MaxPenalty,
    MeasureKind,
    Offence,
    PlanMeasure,
    Reaction,
    TeamFunction,
    YouthCase,
)
from .states import CaseState

CHOICE_ERROR = _("Choose one of the options in the list.")
TEXT = {"rows": 3}


def _choice(label, choices, *, widget=forms.Select, required=True, coerce=None, **kwargs):
    field_class = forms.TypedChoiceField if coerce else forms.ChoiceField
    extra = {"coerce": coerce, "empty_value": None} if coerce else {}
    return field_class(
        label=label,
        choices=choices,
        widget=widget,
        required=required,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Choose one.")},
        **extra,
        **kwargs,
    )


def _aware(day, clock) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


class CaseFilterForm(FilterForm):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *CaseState.choices])


class ReferralForm(BoundedForm):
    """The referral on one page: the youth, the prosecutor, the first offence and one or two guardians."""

    field_names = {
        "committed_on": "offence_committed_on",
        "description": "offence_description",
        "max_penalty_months": "offence_max_penalty_months",
        "police_case_number": "offence_police_case_number",
    }

    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), widget=DateInput())
    phone = forms.CharField(label=_("The youth's phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("The youth's e-mail"), required=False)
    address = forms.CharField(label=_("The youth's address"), max_length=200, required=False)

    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput(), initial=timezone.localdate)
    prosecutor_name = forms.CharField(label=_("Prosecutor"), max_length=200)
    prosecutor_office = forms.CharField(
        label=_("Prosecuting authority"),
        max_length=200,
        required=False,
        help_text=_("For example: Sør-Vest police district, the prosecution."),
    )
    prosecution_reference = forms.CharField(label=_("Prosecution's reference"), max_length=60, required=False)

    offence_description = forms.CharField(label=_("The offence"), widget=forms.Textarea(attrs=TEXT))
    offence_committed_on = forms.DateField(label=_("Date of the offence"), widget=DateInput())
    offence_police_case_number = forms.CharField(label=_("Police case number"), max_length=40, required=False)
    offence_max_penalty_months = _choice(
        _("Statutory maximum penalty"), [("", CHOOSE), *MaxPenalty.choices], coerce=int
    )

    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=200)
    guardian_relation = _choice(_("Guardian's relation"), [("", CHOOSE), *GuardianRelation.choices])
    guardian_phone = forms.CharField(label=_("Guardian's phone"), max_length=30, required=False)
    guardian_email = forms.EmailField(label=_("Guardian's e-mail"), required=False)
    guardian2_name = forms.CharField(label=_("Second guardian's name"), max_length=200, required=False)
    guardian2_relation = _choice(
        _("Second guardian's relation"), [("", CHOOSE), *GuardianRelation.choices], required=False
    )
    guardian2_phone = forms.CharField(label=_("Second guardian's phone"), max_length=30, required=False)
    guardian2_email = forms.EmailField(label=_("Second guardian's e-mail"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("guardian2_name") and not data.get("guardian2_relation"):
            self.add_error("guardian2_relation", _("Choose the second guardian's relation to the youth."))
        return data

    def instances(self) -> tuple[YouthCase, list[Guardian], list[Offence]]:
        data = self.cleaned_data
        case = YouthCase(
            **{
                name: data[name]
                for name in (
                    "given_name",
                    "family_name",
                    "birth_date",
                    "phone",
                    "email",
                    "address",
                    "referred_on",
                    "prosecutor_name",
                    "prosecutor_office",
                    "prosecution_reference",
                )
            }
        )
        guardians = [
            Guardian(
                name=data[f"{prefix}_name"],
                relation=data[f"{prefix}_relation"],
                phone=data[f"{prefix}_phone"],
                email=data[f"{prefix}_email"],
            )
            for prefix in ("guardian", "guardian2")
            if data.get(f"{prefix}_name")
        ]
        offence = Offence(
            description=data["offence_description"],
            committed_on=data["offence_committed_on"],
            police_case_number=data["offence_police_case_number"],
            max_penalty_months=data["offence_max_penalty_months"],
        )
        return case, guardians, [offence]


class CaseForm(BoundedModelForm):
    class Meta:
        model = YouthCase
        fields = [
            "given_name",
            "family_name",
            "birth_date",
            "phone",
            "email",
            "address",
            "referred_on",
            "prosecutor_name",
            "prosecutor_office",
            "prosecution_reference",
        ]
        widgets = {"birth_date": DateInput(), "referred_on": DateInput()}


class GuardianForm(BoundedModelForm):
    class Meta:
        model = Guardian
        fields = ["name", "relation", "phone", "email"]
        error_messages = {"relation": {"invalid_choice": CHOICE_ERROR}}


class OffenceForm(BoundedModelForm):
    class Meta:
        model = Offence
        fields = ["description", "committed_on", "police_case_number", "max_penalty_months"]
        widgets = {"committed_on": DateInput(), "description": forms.Textarea(attrs=TEXT)}
        error_messages = {"max_penalty_months": {"invalid_choice": CHOICE_ERROR}}


class ConsentForm(BoundedForm):
    field_names = {"guardian": "party"}

    party = _choice(_("Who consents"), [], widget=forms.RadioSelect)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput(), initial=timezone.localdate)
    method = _choice(_("How it was given"), ConsentMethod.choices, widget=forms.RadioSelect)

    def __init__(self, *args, case: YouthCase, missing_guardians, youth_missing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.guardians = {str(guardian.pk): guardian for guardian in missing_guardians}
        choices = [("youth", _("The youth"))] if youth_missing else []
        choices += [
            (key, f"{guardian.name} ({guardian.get_relation_display().lower()})")
            for key, guardian in self.guardians.items()
        ]
        self.fields["party"].choices = choices
        if len(choices) == 1:
            self.fields["party"].initial = choices[0][0]

    def guardian(self) -> Guardian | None:
        return self.guardians.get(self.cleaned_data["party"])


class ConsentWithdrawForm(BoundedForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(BoundedForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput(), initial=timezone.localdate)
    outcome = _choice(_("Decision"), DecisionOutcome.choices, widget=forms.RadioSelect)
    prosecutor_name = forms.CharField(label=_("Prosecutor"), max_length=200)
    period_months = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", CHOOSE)] + [(n, _("%(n)d months") % {"n": n}) for n in range(1, 13)],
        help_text=_("The follow-up lasts at most one year."),
        error_messages={"invalid_choice": _("The period is 1 to 12 months.")},
    )
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs=TEXT))
    confirm_penalty = forms.BooleanField(
        label=_("The prosecutor has decided youth follow-up although an offence is above the local penalty limit"),
        required=False,
    )

    def __init__(self, *args, show_confirmation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_confirmation:
            del self.fields["confirm_penalty"]


class PlanMeetingForm(BoundedForm):
    field_names = {"starts_at": "date", "ends_at": "end_time"}

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.ModelMultipleChoiceField(
        label=_("Invite users"),
        queryset=None,
        required=False,
        widget=PeoplePicker,
        help_text=_("They join the follow-up team: they can read the case and add the meeting to their calendar."),
    )
    other_participants = forms.CharField(
        label=_("Other participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Those who are not users: the youth, the guardians, the victim, a lawyer …"),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = candidates
        self.fields["participants"].label_from_instance = lambda user: (
            f"{user} ({user.agency})" if user.agency_id else str(user)
        )

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return _aware(data["date"], data["start_time"]), _aware(data["date"], data["end_time"])


class PlanForm(BoundedForm):
    goals = forms.CharField(
        label=_("Aim of the plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the youth and the team want to achieve, in the youth's own words where possible."),
    )


class MeasureForm(BoundedModelForm):
    class Meta:
        model = PlanMeasure
        fields = ["kind", "details", "responsible_user", "responsible_agency", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "details": forms.Textarea(attrs=TEXT),
            "responsible_user": PersonRadioPicker(none_label=_("No person")),
            "responsible_agency": AgencyRadioPicker(none_label=_("No agency")),
        }
        error_messages = {
            "kind": {"invalid_choice": _("Choose a measure type from the list.")},
            "responsible_user": {"invalid_choice": _("Choose a member of the follow-up team.")},
        }

    def __init__(self, *args, team_users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", CHOOSE), *MeasureKind.choices]
        self.fields["responsible_user"].queryset = team_users
        self.fields["responsible_user"].help_text = _("A member of the follow-up team.")
        self.fields["responsible_agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        self.fields["responsible_agency"].help_text = _("Or the agency responsible, when no one person is.")


class PlanApproveForm(BoundedForm):
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput(), initial=timezone.localdate)
    period_end = forms.DateField(
        label=_("The period ends"),
        widget=DateInput(),
        help_text=_("The period starts on the day of approval and lasts at most one year."),
    )


class TeamMemberForm(BoundedForm):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=None,
        widget=PersonRadioPicker,
        error_messages={"invalid_choice": _("Choose a user from the list.")},
    )
    function = _choice(_("Function"), [("", _("From the user's agency")), *TeamFunction.choices], required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda user: (
            f"{user} ({user.agency})" if user.agency_id else str(user)
        )


class FollowUpMeetingForm(BoundedForm):
    field_names = {"starts_at": "date"}

    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    time = forms.TimeField(label=_("Time"), widget=TimeInput(), initial=time(14, 0))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    held = forms.BooleanField(label=_("The meeting has been held"), required=False)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs=TEXT),
        help_text=_("For a held meeting: how it is going, against the plan."),
    )

    def starts_at(self) -> datetime:
        return _aware(self.cleaned_data["date"], self.cleaned_data["time"])


class MarkHeldForm(BoundedForm):
    summary = forms.CharField(label=_("Summary"), max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs=TEXT))


class NoteForm(BoundedForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs=TEXT))
    drug_test = _choice(
        _("Drug test"),
        [("", _("No test")), *DrugTest.choices],
        required=False,
        help_text=_("Only the outcome: negative, positive or refused."),
    )


class BreachForm(BoundedForm):
    occurred_on = forms.DateField(label=_("Date of the breach"), widget=DateInput(), initial=timezone.localdate)
    measure = forms.ModelChoiceField(
        label=_("Measure"),
        queryset=None,
        required=False,
        empty_label=_("The plan in general"),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs=TEXT))
    reaction = _choice(_("Reaction"), Reaction.choices, widget=forms.RadioSelect)

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures


class CaseEndForm(BoundedForm):
    outcome = _choice(_("How the case ended"), [], widget=forms.RadioSelect)
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcomes
