from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import registry

# The main menu shows at most this many modules beside "Overview", the ones used every day first; the others (and
# the less-used ones below) go under "More" from 1200 px, so that the menu stays on one row at 1366 px whatever
# the number of modules a user sees. On a narrow screen the folded menu lists them all.
NAV_PRIMARY = 4
NAV_ALL_UP_TO = 6  # a user with this many links or fewer sees them all
NAV_LESS_USED = ("agencies", "statistics", "access_report")
# A user with one of these flags works mostly in that module: it is shown first of all.
NAV_FLAGGED = {"is_youth_coordinator": "youthfollowup", "is_radicalisation_contact": "extremism_guide"}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": [], "nav_primary": [], "nav_more": [], "nav_more_active": False}
    modules = [
        {"module": entry, "title": entry.title, "url": entry.url, "active": request.path.startswith(entry.url)}
        for entry in registry.menu_for(user)
    ]
    links = list(modules)
    if user.is_admin and user.is_staff:
        links.append({"title": _("Administration"), "url": reverse("admin:index"), "active": False, "module": None})
    if len(links) <= NAV_ALL_UP_TO:
        primary, more = links, []
    else:
        own = {key for flag, key in NAV_FLAGGED.items() if getattr(user, flag, False)}
        daily = [link for link in links if link["module"] and link["module"].key not in NAV_LESS_USED]
        chosen = sorted(daily, key=lambda link: link["module"].key not in own)[:NAV_PRIMARY]
        primary = [link for link in links if link in chosen]  # in the menu's own order
        more = [link for link in links if link not in chosen]
    return {
        "nav_modules": modules,
        "nav_primary": primary,
        "nav_more": more,
        "nav_more_active": any(link["active"] for link in more),
    }


def branding(request):
    from .branding import logo_url, municipality_name

    return {"municipality_name": municipality_name(), "municipality_logo_url": logo_url()}
