from .models import AuditEvent
from .services import record_event


def on_logged_in(sender, request, user, **kwargs):
    record_event(actor=user, action=AuditEvent.Action.LOGIN, obj=user)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(actor=user, action=AuditEvent.Action.LOGOUT, obj=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # The typed username goes to `attempted_username` only (seen by administrators, counted per username to
    # show who is being attacked), never to the actor columns. A sign-in through the identity provider
    # records its own event with the e-mail address it gave (slt.accounts.oidc).
    if "nonce" in credentials:
        return
    record_event(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="accounts.user",
        attempted_username=str(credentials.get("username") or ""),
    )


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes locked a username or a client address out after repeated failures."""
    record_event(
        actor=None,
        action=AuditEvent.Action.LOCKOUT,
        object_type="accounts.user",
        attempted_username=str(username or ""),
    )
