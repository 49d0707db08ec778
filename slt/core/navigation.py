"""Which modules a user sees: one list, used by the navigation bar and the dashboard."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    key: str
    title: str
    description: str
    url_name: str
    icon: str

    @property
    def url(self):
        return reverse(self.url_name)


def _signed_in(user):
    return user.is_authenticated and user.is_active


MODULES = [
    (
        Module(
            key="agencies",
            title=_("Agencies"),
            description=_("The SLT parties: police, schools, child welfare, health, NAV, NGOs and businesses."),
            url_name="coordination:agency_list",
            icon="people",
        ),
        _signed_in,
    ),
]


def modules_for(user) -> list[Module]:
    return [module for module, allowed in MODULES if allowed(user)]
