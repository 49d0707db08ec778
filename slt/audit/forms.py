from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.forms import DateInput, FilterForm
from slt.core.widgets import PersonRadioPicker

# One request covers at most this many days (a data subject's request names a period; a year and a day is plenty).
MAX_PERIOD_DAYS = 366


def _full_name_and_username(user) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


class AccessReportForm(FilterForm):
    """Whose reads, and in which period (both days included). A GET form: it carries a user's id and dates,
    never a name of a person in a case."""

    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=get_user_model().objects.select_related("agency").order_by("username"),
        widget=PersonRadioPicker(label=_full_name_and_username),
    )
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start"].initial = today - timedelta(days=30)
        self.fields["end"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end of the period cannot be before its start."))
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of at most a year."))
        return data
