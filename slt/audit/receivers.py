from .models import AuditEvent
from .services import record_event


def on_logged_in(sender, request, user, **kwargs):
    record_event(actor=user, action=AuditEvent.Action.LOGIN, obj=user)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(actor=user, action=AuditEvent.Action.LOGOUT, obj=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # The attempted username is not stored: it may be a mistyped password.
    record_event(actor=None, action=AuditEvent.Action.LOGIN_FAILED, object_type="accounts.user")
