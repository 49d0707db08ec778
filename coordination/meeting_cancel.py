"""Cancelling a meeting: a service and its POST view, kept apart so that the meeting code can move freely.

The invitees learn of it through slt.notifications (the `meeting_cancelled` reminder source reads
`cancelled_at`); calendars replace the event because the sequence is raised.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from slt.core.shortcuts import message_service

from . import permissions, selectors
from .models import Meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    """Coordinators cancel a meeting that has not started yet."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not permissions.can_plan_meetings(actor):
        raise PermissionDenied
    if meeting.cancelled_at is not None:
        raise ValidationError(_("The meeting is already cancelled."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("Only a meeting that has not started yet can be cancelled."))
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


@require_POST
def meeting_cancel_view(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not permissions.can_plan_meetings(request.user):
        raise PermissionDenied
    message_service(
        request, meeting_cancel, success=_("The meeting is cancelled."), actor=request.user, meeting=meeting
    )
    return redirect(meeting)
