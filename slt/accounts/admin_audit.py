"""Audit of user changes in Django admin: who changed whose role, flags, agency, password or second factor,
with the values before and after (AuditEvent.details), in the same transaction as the change.

Kept apart from `admin.py` as a mixin and plain functions, so that other admin features (second factor,
lockout) merge without touching it. A field added to the user for a new capability is audited by adding its
name to AUDITED_FIELDS (values shown) or SECRET_FIELDS (only "changed" is written, never the value).
"""

from django.contrib.admin.utils import unquote
from django.db import transaction

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from .models import User

# Before/after values are written for these (a foreign key as its id).
AUDITED_FIELDS = (
    "role",
    "agency",
    "is_radicalisation_contact",
    "is_youth_coordinator",
    "is_staff",
    "is_superuser",
    "is_active",
)
# Only the fact of a change is written: a password hash or a second factor's secret never goes into the log.
# A second-factor field or model on the user is added here by name (e.g. "mfa_secret").
SECRET_FIELDS = ("password",)
CHANGED = "changed"


def _fields(names):
    """The names that are fields of the user model today (a capability not installed is skipped)."""
    known = {field.name: field for field in User._meta.concrete_fields}
    return [known[name] for name in names if name in known]


def user_snapshot(user: User) -> dict:
    """The audited values of a user as stored (a foreign key by its id; secrets as they are, for comparison only)."""
    return {field.name: getattr(user, field.attname) for field in _fields(AUDITED_FIELDS + SECRET_FIELDS)}


def user_changes(before: dict | None, after: dict | None) -> dict:
    """{"role": ["member", "coordinator"], "password": "changed"}: only what differs. A missing side (a user
    created or deleted) counts as None."""
    before, after = before or {}, after or {}
    changes = {}
    for name in [*before, *(name for name in after if name not in before)]:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        changes[name] = CHANGED if name in SECRET_FIELDS else [old, new]
    return changes


def _stored_snapshot(pk) -> dict | None:
    user = User.objects.select_for_update().filter(pk=pk).first()
    return user_snapshot(user) if user is not None else None


def record_user_change(*, actor, user: User, before: dict | None, after: dict | None, action=None) -> AuditEvent | None:
    """One event for a user's changes (nothing when nothing audited changed, unless `action` is given)."""
    changes = user_changes(before, after)
    if action is None:
        if not changes:
            return None
        action = AuditEvent.Action.UPDATE
    return record_event(actor=actor, action=action, obj=user, details=changes)


@transaction.atomic
def users_deactivate(*, actor, queryset) -> int:
    """Deactivate users (never oneself), each with an audit event; returns how many were active before."""
    users = list(queryset.exclude(pk=actor.pk).filter(is_active=True).select_for_update(of=("self",)))
    for user in users:
        before = user_snapshot(user)
        user.is_active = False
        user.save(update_fields=["is_active"])
        record_user_change(actor=actor, user=user, before=before, after=user_snapshot(user))
    return len(users)


class UserChangeAuditMixin:
    """For the user admin: creating, changing (the change form and the password form) and deleting users write
    audit events. Django admin runs these views in a transaction, and the event is written inside it."""

    def save_model(self, request, obj, form, change):
        before = _stored_snapshot(obj.pk) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        record_user_change(
            actor=request.user,
            user=obj,
            before=before,
            after=user_snapshot(obj),
            action=None if change else AuditEvent.Action.CREATE,
        )

    def delete_model(self, request, obj):
        self._record_deletion(request, obj)
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for user in queryset.select_for_update(of=("self",)):
            self._record_deletion(request, user)
        super().delete_queryset(request, queryset)

    def _record_deletion(self, request, user):
        snapshot = {name: value for name, value in user_snapshot(user).items() if name not in SECRET_FIELDS}
        before = {"username": user.get_username(), **snapshot}
        record_user_change(actor=request.user, user=user, before=before, after=None, action=AuditEvent.Action.DELETE)

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            user = self.get_object(request, unquote(id))
            before = _stored_snapshot(user.pk) if user is not None else None
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and user is not None and response.status_code == 302:
                after = _stored_snapshot(user.pk)
                record_user_change(actor=request.user, user=user, before=before, after=after)
        return response
