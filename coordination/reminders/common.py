"""What the coordination reminder sources share: record labels, references and recipient helpers."""

from collections import defaultdict

from django.db.models import Value
from django.urls import reverse

from slt.accounts.models import User

MEETING = "coordination.meeting"
ACTION_ITEM = "coordination.actionitem"
CONCERN = "coordination.concern"


def meeting_reference(pk) -> str:
    return f"M-{pk}"


def action_item_reference(pk) -> str:
    return f"T-{pk}"


def link_maker(viewname):
    """pk → the record's link, with one `reverse` for a whole pass (a pass may hold 100,000 reminders)."""
    marker = "987654321987654321"
    template = reverse(viewname, args=[int(marker)])
    return lambda pk: template.replace(marker, str(int(pk)))


def active_user_ids(ids) -> list[int]:
    return list(User.objects.filter(pk__in=set(ids), is_active=True).values_list("pk", flat=True))


def agency_member_ids(agency_ids) -> dict[int, list[int]]:
    members = defaultdict(list)
    for user_id, agency_id in User.objects.filter(agency_id__in=set(agency_ids), is_active=True).values_list(
        "pk", "agency_id"
    ):
        members[agency_id].append(user_id)
    return members


def visible_ids_of(queryset_for):
    def visible_ids(user, ids):
        return set(queryset_for(user).filter(pk__in=ids).values_list("pk", flat=True))

    return visible_ids


UNION_CHUNK = 50  # readers per query (SQLite allows 500 terms in one compound select)


def visible_ids_many_of(queryset_for):
    """{user: ids} → {user_id: the ids that user may read}: the app's own "visible to" queryset per reader,
    joined with UNION into one query per 50 readers instead of one query each."""

    def visible_ids_many(wanted):
        readable = defaultdict(set)
        parts = [
            queryset_for(user).filter(pk__in=ids).order_by().annotate(reader=Value(user.pk)).values_list("pk", "reader")
            for user, ids in wanted.items()
        ]
        for start in range(0, len(parts), UNION_CHUNK):
            first, *rest = parts[start : start + UNION_CHUNK]
            for pk, reader in first.union(*rest, all=True) if rest else first:
                readable[reader].add(pk)
        return readable

    return visible_ids_many


def one_visible(visible_ids):
    return lambda user, pk: pk in visible_ids(user, [pk])
