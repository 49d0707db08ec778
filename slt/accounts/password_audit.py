"""A user's own password change (on the site and in Django admin) is audited: {"password": "changed"}, never the
password or its hash, in the same transaction as the change. An administrator's change of another user's
password is audited by the user admin (admin_audit.py)."""

from django.contrib import admin
from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.db import transaction
from django.urls import reverse

from slt.audit.models import AuditEvent
from slt.audit.services import record_event


class AuditedPasswordChangeMixin:
    def save(self, commit=True):
        with transaction.atomic():
            user = super().save(commit=commit)
            if commit:
                record_event(actor=user, action=AuditEvent.Action.UPDATE, obj=user, details={"password": "changed"})
        return user


class AuditedPasswordChangeForm(AuditedPasswordChangeMixin, PasswordChangeForm):
    pass


class AuditedAdminPasswordChangeForm(AuditedPasswordChangeMixin, AdminPasswordChangeForm):
    pass


password_change = PasswordChangeView.as_view(form_class=AuditedPasswordChangeForm)


def admin_password_change(request):
    """Django admin's own "change password" page, with the audited form (otherwise as AdminSite.password_change)."""
    site = admin.site
    request.current_app = site.name
    view = PasswordChangeView.as_view(
        form_class=AuditedAdminPasswordChangeForm,
        success_url=reverse("admin:password_change_done", current_app=site.name),
        extra_context=site.each_context(request),
    )
    return view(request)
