"""htmx on coordination pages: a request from htmx gets the fragment it swaps, any other the whole page.

Every htmx form is a normal form as well (method and action set), so the pages work without JavaScript:
POST, then a redirect with a message. The htmx script and its configuration come with
`coordination/partials/htmx_head.html` and `coordination/partials/htmx_script.html`.
"""

from django.utils.cache import patch_vary_headers

# htmx swaps a 422 answer too: a form with the service's error messages (see partials/htmx_head.html).
INVALID = 422


def is_htmx(request) -> bool:
    """A request from htmx that swaps part of the page. A history restore (the back button after the cache
    was emptied) asks for the whole page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def varies_on_htmx(response):
    """The same address answers with a fragment or the whole page: caches must keep them apart."""
    patch_vary_headers(response, ("HX-Request",))
    return response
