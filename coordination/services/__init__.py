"""Writes for coordination, one module per subdomain: keyword-only, atomic, validated, audited.

Convention — services re-check. Views reach a record through a door of ``coordination.selectors``, and the
service checks again, on the row it has locked, with the predicate of ``coordination.permissions`` (or, for
the right "whoever may read it", the visibility selector), raising ``PermissionDenied``. The demo seeder,
tasks and other apps (walks) call services without a view: the service is the last line.

Every service that reads a row and writes it back locks it first (``select_for_update`` in the service's
``transaction.atomic``). The rules of the records ("deadline not in the past", "will not be done needs a
reason", "identity needs a legal basis", "closed needs an outcome") live in the models' ``clean()`` and
constraints; services run ``full_clean()`` and raise ``ValidationError`` keyed by model field, which
``slt.core.shortcuts.form_service`` puts on the form. ``concern_record_view`` only writes the audit trail and
refuses nothing.
"""

from .action_items import action_item_add_note, action_item_create, action_item_set_status, action_item_update
from .agencies import agency_save
from .concerns import (
    concern_acknowledge,
    concern_add_note,
    concern_create,
    concern_identity_search,
    concern_measure_create,
    concern_record_view,
    concern_set_status,
    concern_share,
    concern_share_revoke,
    concern_update,
)
from .meetings import (
    agenda_item_delete,
    agenda_item_move,
    agenda_item_save,
    decision_action_item_create,
    forum_save,
    meeting_approve_minutes,
    meeting_attachment_add,
    meeting_attachment_delete,
    meeting_attachment_downloaded,
    meeting_cancel,
    meeting_save,
    meeting_set_attendance,
)

__all__ = [
    "action_item_add_note",
    "action_item_create",
    "action_item_set_status",
    "action_item_update",
    "agency_save",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_save",
    "concern_acknowledge",
    "concern_add_note",
    "concern_create",
    "concern_identity_search",
    "concern_measure_create",
    "concern_record_view",
    "concern_set_status",
    "concern_share",
    "concern_share_revoke",
    "concern_update",
    "decision_action_item_create",
    "forum_save",
    "meeting_approve_minutes",
    "meeting_attachment_add",
    "meeting_attachment_delete",
    "meeting_attachment_downloaded",
    "meeting_cancel",
    "meeting_save",
    "meeting_set_attendance",
]
