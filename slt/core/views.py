import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from coordination import permissions as coordination_permissions
from coordination import selectors as coordination_selectors
from slt.accounts.models import User
from slt.celery import app as celery_app

from .navigation import modules_for

logger = logging.getLogger(__name__)


def dashboard(request):
    """The role dashboard: my agency's open action items, upcoming meetings, new concerns shared with my
    agency; statistics for coordinators and the steering group."""
    user = request.user
    context = {
        "modules": modules_for(user),
        "today": timezone.localdate(),
        "action_items": list(coordination_selectors.my_open_action_items(user)),
        "meetings": list(coordination_selectors.upcoming_meetings(user)),
        "inbox": list(coordination_selectors.concern_inbox(user)),
        "new_concerns": list(coordination_selectors.new_concerns_for_coordinator(user)),
        "show_action_items": coordination_permissions.can_log_concern(user),
        "show_stats": user.role in {User.Role.COORDINATOR, User.Role.STEERING},
    }
    if context["show_stats"]:
        context["stats"] = coordination_selectors.concern_statistics()
    return render(request, "core/dashboard.html", context)


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
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("Health check: the broker did not answer")
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **{k: "ok" if v else "error" for k, v in checks.items()}},
        status=200 if healthy else 503,
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the page must render even when the database is what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
