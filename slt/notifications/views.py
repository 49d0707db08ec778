from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.accounts.roles import is_active_user
from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from slt.core.pagination import paginate
from slt.core.shortcuts import form_service

from . import ical, mail, selectors, services
from .forms import NoticeFilterForm, PreferencesForm


def _require_user(request):
    if not is_active_user(request.user):
        raise PermissionDenied


def notice_list(request):
    _require_user(request)
    form = NoticeFilterForm(request.GET or None)
    page, query = paginate(request, selectors.notice_list(request.user, **form.filters()))
    rows = []
    for notice in page:
        _subject, text = mail.texts(notice.kind, notice.reference, notice.slot, notice.due_at)
        rows.append({"notice": notice, "text": text})
    return render(
        request,
        "notifications/notice_list.html",
        {"filter_form": form, "page": page, "query": query, "rows": rows},
    )


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:notice_list")


@require_POST
def notice_read(request, pk):
    notice = selectors.get_notice_for_user(request.user, pk)
    services.notice_mark_read(actor=request.user, notice=notice)
    if request.POST.get("open") and notice.url.startswith("/"):
        return redirect(notice.url)
    return _back(request)


@require_POST
def notices_read_all(request):
    _require_user(request)
    count = services.notices_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notices are marked as read."))
    return _back(request)


def profile(request, new_secret: str = ""):
    _require_user(request)
    sources = selectors.preference_kinds(request.user)
    preferences = selectors.preferences_for(request.user)
    data = request.POST if request.method == "POST" and not new_secret else None
    form = PreferencesForm(data, sources=sources, preferences=preferences)
    if data is not None and form.is_valid():
        ok, _result = form_service(form, services.preferences_save, actor=request.user, choices=form.choices())
        if ok:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:profile")
    token = selectors.active_calendar_token(request.user)
    feed_url = mail.absolute(reverse("notifications:calendar_feed", args=[new_secret])) if new_secret else ""
    return render(
        request,
        "notifications/profile.html",
        {
            "form": form,
            "token": token,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


@require_POST
def calendar_token_renew(request):
    _require_user(request)
    secret = services.calendar_token_renew(actor=request.user)
    messages.success(request, _("Your calendar link is ready. Copy it now: it is shown only this once."))
    return profile(request, new_secret=secret)


@require_POST
def calendar_token_revoke(request):
    _require_user(request)
    if services.calendar_token_revoke(actor=request.user):
        messages.success(request, _("The calendar link no longer works."))
    return redirect("notifications:profile")


@login_not_required
def calendar_feed(request, token):
    """The personal feed, fetched by calendar apps without signing in: the secret in the address is the
    key. Unknown or revoked → 404. The content follows the access policy at this moment."""
    calendar_token = selectors.get_calendar_token(token)
    user = calendar_token.user
    services.calendar_token_used(token=calendar_token)
    record_event(actor=user, action=AuditEvent.Action.EXPORT, object_type="notifications.calendarfeed")
    language = user.preferred_language if user.preferred_language in dict(settings.LANGUAGES) else "nb"
    with translation.override(language):
        body = ical.feed(selectors.calendar_events(user), name="SLT")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="slt.ics"'
    return response
