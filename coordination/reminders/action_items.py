"""Action items: reminder sources for slt.notifications."""

from datetime import date, timedelta

from slt.core.registry import Due
from slt.notifications.schedule import OVERDUE_DAYS, morning, mornings_in

from .. import selectors
from ..models import ActionItem
from .common import (
    ACTION_ITEM,
    action_item_reference,
    agency_member_ids,
    link_maker,
    visible_ids_many_of,
    visible_ids_of,
)

visible_action_items = visible_ids_of(selectors.action_items_visible_to)
visible_action_items_many = visible_ids_many_of(selectors.action_items_visible_to)


def _item_due(kind, pairs, *, slot):
    """pairs: (item, day the reminder is for) → the responsible agency's active members."""
    pairs = list(pairs)
    members = agency_member_ids({item.responsible_agency_id for item, _day in pairs})
    link = link_maker("coordination:action_item_detail")
    for item, day in pairs:
        recipients = members.get(item.responsible_agency_id, [])
        if recipients:
            yield Due(
                kind=kind,
                record=ACTION_ITEM,
                record_id=item.pk,
                recipient_ids=recipients,
                slot=slot(item, day),
                url=link(item.pk),
                reference=action_item_reference(item.pk),
                due_at=morning(day),
            )


def _open_items(**filters):
    return ActionItem.objects.filter(status__in=ActionItem.OPEN_STATUSES, **filters).only(
        "pk", "responsible_agency_id", "due_date"
    )


def action_item_due_in_3_days(t0, t1):
    pairs = [(item, day) for day in mornings_in(t0, t1) for item in _open_items(due_date=day + timedelta(days=3))]
    return _item_due("action_item_due_soon", pairs, slot=lambda item, day: item.due_date)


def action_item_due_today(t0, t1):
    pairs = [(item, day) for day in mornings_in(t0, t1) for item in _open_items(due_date=day)]
    return _item_due("action_item_due_today", pairs, slot=lambda item, day: item.due_date)


def action_item_overdue(t0, t1):
    """Once a day (07:00) from the day after the deadline, for at most 14 days."""
    pairs = [
        (item, day)
        for day in mornings_in(t0, t1)
        for item in _open_items(due_date__lt=day, due_date__gte=day - timedelta(days=OVERDUE_DAYS))
    ]
    return _item_due("action_item_overdue", pairs, slot=lambda item, day: day)


def _open_due_dates(pairs):
    return dict(
        ActionItem.objects.filter(pk__in={pk for pk, _slot in pairs}, status__in=ActionItem.OPEN_STATUSES).values_list(
            "pk", "due_date"
        )
    )


def action_item_deadline_current(pairs, now):
    due_dates = _open_due_dates(pairs)
    return {(pk, slot) for pk, slot in pairs if pk in due_dates and due_dates[pk].isoformat() == slot}


def action_item_overdue_current(pairs, now):
    due_dates = _open_due_dates(pairs)
    current = set()
    for pk, slot in pairs:
        if pk in due_dates:
            day = date.fromisoformat(slot)
            if 0 < (day - due_dates[pk]).days <= OVERDUE_DAYS:
                current.add((pk, slot))
    return current


def action_item_assigned(t0, t1):
    items = ActionItem.objects.filter(created_at__gt=t0, created_at__lte=t1).only(
        "pk", "responsible_agency_id", "created_at", "created_by_id"
    )
    items = list(items)
    members = agency_member_ids({item.responsible_agency_id for item in items})
    link = link_maker("coordination:action_item_detail")
    for item in items:
        recipients = [pk for pk in members.get(item.responsible_agency_id, []) if pk != item.created_by_id]
        if recipients:
            yield Due(
                kind="action_item_assigned",
                record=ACTION_ITEM,
                record_id=item.pk,
                recipient_ids=recipients,
                slot=f"agency:{item.responsible_agency_id}",
                url=link(item.pk),
                reference=action_item_reference(item.pk),
                due_at=item.created_at,
            )


def action_item_assigned_current(pairs, now):
    agencies = dict(
        ActionItem.objects.filter(pk__in={pk for pk, _slot in pairs}).values_list("pk", "responsible_agency_id")
    )
    return {(pk, slot) for pk, slot in pairs if pk in agencies and slot == f"agency:{agencies[pk]}"}
