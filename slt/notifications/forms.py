from django import forms
from django.utils.translation import gettext_lazy as _

from slt.core.forms import FilterForm


class NoticeFilterForm(FilterForm):
    UNREAD, READ = "uleste", "leste"

    vis = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), (UNREAD, _("Unread")), (READ, _("Read"))]
    )

    def filters(self) -> dict:
        """The keyword arguments of `selectors.notice_list` (an invalid filter filters nothing)."""
        shown = self.cleaned_data.get("vis", "") if self.is_valid() else ""
        return {"unread_only": shown == self.UNREAD, "read_only": shown == self.READ}

    def empty_text(self) -> str:
        """What is true when the list is empty."""
        shown = self.cleaned_data.get("vis", "") if self.is_bound and self.is_valid() else ""
        if shown == self.UNREAD:
            return _("No unread notices.")
        if shown == self.READ:
            return _("No read notices.")
        return _("No notices yet.")


class PreferencesForm(forms.Form):
    """Two boxes per kind of notice: by e-mail, in the app. Essential kinds are shown checked and locked."""

    def __init__(self, *args, sources, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = sources
        self.rows = []
        for source in sources:
            pref = preferences.get(source.key)
            email = forms.BooleanField(
                label=_("E-mail"),
                required=False,
                initial=True if source.essential or pref is None else pref.by_email,
                disabled=source.essential,
            )
            app = forms.BooleanField(
                label=_("In the app"),
                required=False,
                initial=True if source.essential or pref is None else pref.in_app,
                disabled=source.essential,
            )
            self.fields[f"email_{source.key}"] = email
            self.fields[f"app_{source.key}"] = app
            self.rows.append((source, self[f"email_{source.key}"], self[f"app_{source.key}"]))

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            source.key: (self.cleaned_data[f"email_{source.key}"], self.cleaned_data[f"app_{source.key}"])
            for source in self.sources
            if not source.essential
        }
