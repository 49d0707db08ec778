from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import registry

# The main menu shows this many modules beside "Overview"; the others go under "More", so that the menu stays on
# one row at 1200 px and wider whatever the number of modules a user sees.
NAV_PRIMARY = 4


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
        links.append({"title": _("Administration"), "url": reverse("admin:index"), "active": False})
    primary, more = (links, []) if len(links) <= NAV_PRIMARY + 1 else (links[:NAV_PRIMARY], links[NAV_PRIMARY:])
    return {
        "nav_modules": modules,
        "nav_primary": primary,
        "nav_more": more,
        "nav_more_active": any(link["active"] for link in more),
    }


def branding(request):
    from .branding import logo_url, municipality_name

    return {"municipality_name": municipality_name(), "municipality_logo_url": logo_url()}
