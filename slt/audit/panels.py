"""What the audit log adds to the platform: the access-log report in the administrators' menu."""

from django.utils.translation import gettext_lazy as _

from slt.core.registry import MenuEntry, registry

from .selectors import can_see_access_report

registry.menu(
    MenuEntry(
        key="access_report",
        order=95,
        title=_("Access log"),
        description=_("What a user opened or exported in a period: for a data subject's access request."),
        url_name="audit:access_report",
        icon="shield",
        visible=can_see_access_report,
    )
)
