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
    (
        Module(
            key="walks",
            title=_("Safety walks"),
            description=_(
                "Plan walks, record observations on a map, follow up the action list and publish the report."
            ),
            url_name="walks:walk_list",
            icon="map",
        ),
        _signed_in,
    ),
    (
        Module(
            key="concerns",
            title=_("Concerns"),
            description=_("Log a concern about a child or youth, anonymous by default, and follow up what is shared."),
            url_name="coordination:concern_list",
            icon="flag",
        ),
        lambda user: _signed_in(user) and user.role in {"coordinator", "police", "agency"},
    ),
    (
        Module(
            key="meetings",
            title=_("Meetings"),
            description=_("The SLT forums: agenda, attendance, minutes and decisions."),
            url_name="coordination:meeting_list",
            icon="calendar",
        ),
        lambda user: _signed_in(user) and user.role != "admin",
    ),
    (
        Module(
            key="action_items",
            title=_("Action items"),
            description=_("Measures with a responsible agency and a deadline: update status and progress."),
            url_name="coordination:action_item_list",
            icon="check",
        ),
        lambda user: _signed_in(user) and user.role in {"coordinator", "police", "agency"},
    ),
    (
        Module(
            key="statistics",
            title=_("Statistics"),
            description=_("Concerns and action items in numbers, without personal data."),
            url_name="coordination:statistics",
            icon="chart",
        ),
        lambda user: _signed_in(user) and user.role in {"coordinator", "steering"},
    ),
]


def modules_for(user) -> list[Module]:
    return [module for module, allowed in MODULES if allowed(user)]
