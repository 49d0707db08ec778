"""The product's own "not found" page also while debugging (`make run`), unless a developer asks for Django's."""

from django.conf import settings

from .views import page_not_found


class ProductNotFoundPageMiddleware:
    """With DEBUG on, Django answers an unknown address or a refused record with its technical 404 page, which
    lists the site's URL patterns. People trying the demo should see what production shows; a developer sets
    DJANGO_DEBUG_TECHNICAL_404=1 for Django's page. (403, 400 and 500 already use the product's handlers while
    debugging, and a failed CSRF check has its own product page: slt.core.views.csrf_failure.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and not settings.DEBUG_TECHNICAL_404
            and response.status_code == 404
            and not getattr(response, "product_page", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request)
        return response
