from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread_notices(request):
    """The unread count of the navigation bar: one COUNT, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}
