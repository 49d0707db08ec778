"""Sign-in in Django admin: reset a user's second factor, unlock after lockout, failed sign-ins per username.

Kept apart from admin.py; every change here goes through an audited service.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles
from .lockout import failed_sign_ins_by_username, locked_usernames, lockout_unlock
from .models import FailedSignIn
from .second_factor import second_factor_reset

# django-otp's own admin pages would show the TOTP secrets and delete devices unaudited.
for _model in (TOTPDevice, StaticDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


def _is_admin(request) -> bool:
    return roles.is_admin(request.user) and request.user.is_staff


@admin.action(description=_("Reset second factor (the user sets up a new one at the next sign-in)"))
def reset_second_factor(modeladmin, request, queryset):
    if not _is_admin(request):
        raise PermissionDenied
    count = sum(second_factor_reset(actor=request.user, user=user) for user in queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "Second factor reset for %(count)d user.",
            "Second factor reset for %(count)d users.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class AdminOnlyReadMixin:
    def has_module_permission(self, request):
        return _is_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class LockoutAdmin(AdminOnlyReadMixin, admin.ModelAdmin):
    """Failure records of django-axes; "Unlock" lets the username and address try again (audited)."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time", "path_info"]
    readonly_fields = fields
    actions = ["unlock"]

    @admin.action(description=_("Unlock (delete the failure records)"))
    def unlock(self, request, queryset):
        count = lockout_unlock(actor=request.user, attempts=list(queryset))
        self.message_user(
            request,
            ngettext("%(count)d record unlocked.", "%(count)d records unlocked.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(FailedSignIn)
class FailedSignInAdmin(AdminOnlyReadMixin, admin.ModelAdmin):
    """Failed sign-ins counted per typed username: who is being attacked."""

    PERIODS = (1, 7, 30, 365)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = int(request.GET.get("days", 30))
        except ValueError:
            days = 30
        if days not in self.PERIODS:
            days = 30
        locked = locked_usernames()
        rows = [
            {**row, "locked": row["attempted_username"] in locked}
            for row in failed_sign_ins_by_username(days=days)[:500]
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Failed sign-ins by username"),
            "rows": rows,
            "days": days,
            "periods": self.PERIODS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/accounts/failed_sign_ins.html", context)
