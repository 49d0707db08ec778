"""Security headers: the Content-Security-Policy (django-csp with the map tiles' origin), `Cache-Control: no-store`
on every page and export, and the endpoint that receives the browser's reports of policy violations."""

import json
import logging
from functools import wraps
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("slt.security")

REPORT_MAX_BYTES = 16 * 1024
STORED_REPORTS_KEY = "security:csp-reports"
STORED_REPORTS_MAX = 200
# The fields of a report that are logged; the sample of the offending code and the full addresses are not
# (a query string or a script sample may hold what the user typed).
REPORT_FIELDS = {
    "document-uri": "page",
    "documentURL": "page",
    "effective-directive": "directive",
    "effectiveDirective": "directive",
    "violated-directive": "directive",
    "blocked-uri": "blocked",
    "blockedURL": "blocked",
    "source-file": "source",
    "sourceFile": "source",
    "line-number": "line",
    "lineNumber": "line",
    "column-number": "column",
    "columnNumber": "column",
    "disposition": "disposition",
}


def url_origin(url):
    """The scheme and host of a (Leaflet tile) URL template as a CSP source: "{s}" subdomains become "*".
    "" for a relative or empty URL, which 'self' already covers."""
    parts = urlsplit((url or "").replace("{s}", "subdomain-placeholder"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".replace("subdomain-placeholder", "*")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; img-src also allows the origin of `WALKS_TILE_URL` as it is at each response."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        origin = url_origin(settings.WALKS_TILE_URL)
        if origin and not report_only:
            update = dict(parts.update or {})
            current = update.get("img-src") or []
            update["img-src"] = [*([current] if isinstance(current, str) else current), origin]
            parts.update = update
        return parts


def cache_allowed(view):
    """Lets a view's responses keep their own caching headers instead of `no-store` (for pages that carry no
    personal data and are worth caching; nothing uses it today)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        response.cache_allowed = True
        return response

    return wrapped


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and `Pragma: no-cache` for old proxies) on every response Django makes: pages,
    fragments and exports of a signed-in user, the sign-in pages and the token calendar feed alike, so that no
    browser, proxy or shared computer keeps a copy of personal data. Static files are answered by WhiteNoise
    above this middleware and keep their long cache; a view opts out with `@cache_allowed`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, "cache_allowed", False):
            add_never_cache_headers(response)
            response.headers["Pragma"] = "no-cache"
        return response


def _reports(payload):
    """The violation reports in a body of either format: `{"csp-report": {...}}` (report-uri) or a list of
    `{"type": "csp-violation", "body": {...}}` (the Reporting API)."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload
            if isinstance(item, dict) and item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
    return None


def _without_query(value):
    """An address without its query string and fragment (they may hold a search term or a token)."""
    if not isinstance(value, str):
        return value
    return value.split("?", 1)[0].split("#", 1)[0]


def summarise(report):
    summary = {}
    for field, name in REPORT_FIELDS.items():
        value = report.get(field)
        if value not in (None, "") and name not in summary:
            summary[name] = _without_query(value) if isinstance(value, str) else value
    return summary


def stored_reports():
    """The reports kept in the cache (only when `CSP_STORE_REPORTS` is on), oldest first."""
    return list(cache.get(STORED_REPORTS_KEY, []))


def clear_stored_reports():
    cache.delete(STORED_REPORTS_KEY)


@csrf_exempt
@login_not_required
@require_POST
def csp_report(request):
    """Receives the browser's report of a blocked script, style, image or form: logs it (without samples or
    query strings) and answers 204. Anything else answers 400."""
    if len(request.body) > REPORT_MAX_BYTES:
        return HttpResponseBadRequest("Report too large.", content_type="text/plain")
    try:
        reports = _reports(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        reports = None
    if not reports:
        return HttpResponseBadRequest("Not a CSP violation report.", content_type="text/plain")
    summaries = [summarise(report) for report in reports]
    for summary in summaries:
        logger.warning("Content-Security-Policy violation: %s", json.dumps(summary, sort_keys=True))
    if settings.CSP_STORE_REPORTS:
        kept = stored_reports() + summaries
        cache.set(STORED_REPORTS_KEY, kept[-STORED_REPORTS_MAX:], timeout=24 * 60 * 60)
    return HttpResponse(status=204)
