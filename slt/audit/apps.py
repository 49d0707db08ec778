from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "slt.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from django.contrib.auth import signals

        from . import receivers

        signals.user_logged_in.connect(receivers.on_logged_in, dispatch_uid="audit_logged_in")
        signals.user_logged_out.connect(receivers.on_logged_out, dispatch_uid="audit_logged_out")
        signals.user_login_failed.connect(receivers.on_login_failed, dispatch_uid="audit_login_failed")

        from axes.signals import user_locked_out

        user_locked_out.connect(receivers.on_locked_out, dispatch_uid="audit_locked_out")
