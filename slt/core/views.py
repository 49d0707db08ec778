import logging
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from slt.celery import app as celery_app

from .forms import SearchForm
from .registry import registry

logger = logging.getLogger(__name__)

SEARCH_HITS_PER_SOURCE = 10


def dashboard(request):
    """The role dashboard: whatever the installed modules register for this user, in their declared order."""
    user = request.user
    panels = [{"panel": panel, "context": context} for panel, context in registry.panels_for(user)]
    scripts = []
    for item in panels:
        scripts += [script for script in item["panel"].scripts if script not in scripts]
    return render(
        request,
        "core/dashboard.html",
        {
            "modules": registry.menu_for(user),
            "actions": registry.actions_for(user),
            "half_panels": [item for item in panels if item["panel"].width == "half"],
            "full_panels": [item for item in panels if item["panel"].width == "full"],
            "panel_scripts": scripts,
        },
    )


def search(request):
    """Global search: each module answers for its own records, under the same policy as its lists."""
    form = SearchForm(request.GET or None)
    results = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        for source in registry.search_sources_for(request.user):
            hits = source.search(request.user, query, SEARCH_HITS_PER_SOURCE)
            results.append({"source": source, "hits": hits})
    return render(
        request,
        "core/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "hit_count": sum(len(group["hits"]) for group in results),
        },
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=settings.HEALTHZ_TIMEOUT)
        return True
    except Exception:
        logger.exception("Health check: the broker did not answer")
        return False


def _cache_ok() -> bool:
    """Redis answers a PING (a file cache has nothing to check: it is the local disk)."""
    try:
        ping = getattr(cache, "ping", None)
        return bool(ping()) if ping else True
    except Exception:
        logger.exception("Health check: the cache did not answer")
        return False


def _within(checks: dict, seconds: float) -> dict:
    """Run the checks side by side; one that has not answered within `seconds` counts as down."""
    pool = ThreadPoolExecutor(max_workers=len(checks))
    futures = {name: pool.submit(check) for name, check in checks.items()}
    done, _pending = wait(futures.values(), timeout=seconds)
    pool.shutdown(wait=False, cancel_futures=True)
    return {name: future in done and future.result() for name, future in futures.items()}


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Each part separately (database, cache, broker), within HEALTHZ_TIMEOUT seconds in all: the cache and
    broker are asked side by side in threads, the database on the request's own connection."""
    checks = {
        "database": _database_ok(),
        **_within({"cache": _cache_ok, "broker": _broker_ok}, settings.HEALTHZ_TIMEOUT),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **{k: "ok" if v else "error" for k, v in checks.items()}},
        status=200 if healthy else 503,
    )


def permission_denied(request, exception=None):
    """handler403: the product's page for a refused action, with DEBUG on or off."""
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (CSRF_FAILURE_VIEW): the product's page, in the user's language, with
    a way back to the form, instead of Django's bare English page (or its technical page while debugging)."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=False)
    context = {"again": referer if referer and same_site else request.path, "reason": reason if settings.DEBUG else ""}
    response = render(request, "403_csrf.html", context, status=403)
    response.product_page = True
    return response


def page_not_found(request, exception=None):
    response = render(request, "404.html", status=404)
    response.product_page = True
    return response


def server_error(request):
    # No request context: the page must render even when the database is what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
