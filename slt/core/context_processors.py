from .registry import registry


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": []}
    return {
        "nav_modules": [
            {"module": entry, "url": entry.url, "active": request.path.startswith(entry.url)}
            for entry in registry.menu_for(user)
        ]
    }


def branding(request):
    from .branding import logo_url, municipality_name

    return {"municipality_name": municipality_name(), "municipality_logo_url": logo_url()}
