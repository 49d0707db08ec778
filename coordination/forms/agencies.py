from django import forms
from django.utils.translation import gettext_lazy as _

from slt.core.forms import BoundedModelForm, FilterForm

from ..models import Agency, AgencyContact, Area


class AgencyForm(BoundedModelForm):
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
