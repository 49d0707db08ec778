"""Reads for the extremism module. Views reach the guide and cases only through these functions.

Policy (DESIGN.md section 3): every signed-in user reads the guide; coordinators and radicalisation
contacts edit it. Radicalisation contacts read every case, a case's members read that case, and nobody
else (coordinators and administrators included) learns that a case exists.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from coordination.models import Agency
from coordination.selectors import concerns_visible_to
from slt.accounts.models import User
from slt.accounts.roles import is_active_user, is_coordinator, is_radicalisation_contact
from slt.audit.models import AuditEvent

from .models import Case, CaseMember, GuideRevision, GuideSection, Measure, ObservedSign, TrailStep, WarningSign
from .rendering import HIGHLIGHT_START, HIGHLIGHT_STOP, excerpt, highlighted

STALE_AFTER = timedelta(days=30)

# --- who may do what --------------------------------------------------------------------------------------


def can_edit_guide(user) -> bool:
    """Sections and warning signs: coordinators and radicalisation contacts."""
    return is_coordinator(user) or is_radicalisation_contact(user)


def can_change_cases(user) -> bool:
    """Open, move, assess, add measures and members, close: radicalisation contacts only."""
    return is_radicalisation_contact(user)


# --- the guide --------------------------------------------------------------------------------------------


def sections_visible_to(user) -> QuerySet[GuideSection]:
    if not is_active_user(user):
        return GuideSection.objects.none()
    return GuideSection.objects.all()


def guide_sections(user) -> QuerySet[GuideSection]:
    return sections_visible_to(user).order_by("order", "id")


def get_section_for_user(user, slug) -> GuideSection:
    return get_object_or_404(sections_visible_to(user).select_related("updated_by"), slug=slug)


def get_section_for_change(user, slug) -> GuideSection:
    """404 if unreadable, 403 for readers who may not edit the guide."""
    section = get_section_for_user(user, slug)
    if not can_edit_guide(user):
        raise PermissionDenied
    return section


def signs_visible_to(user) -> QuerySet[WarningSign]:
    if not is_active_user(user):
        return WarningSign.objects.none()
    return WarningSign.objects.all()


def warning_signs(user) -> QuerySet[WarningSign]:
    return signs_visible_to(user).order_by("order", "id")


def get_sign_for_user(user, pk) -> WarningSign:
    return get_object_or_404(signs_visible_to(user).select_related("updated_by"), pk=pk)


def get_sign_for_change(user, pk) -> WarningSign:
    sign = get_sign_for_user(user, pk)
    if not can_edit_guide(user):
        raise PermissionDenied
    return sign


def revisions_of(thing) -> QuerySet[GuideRevision]:
    """The history of a section or a warning sign, newest first."""
    key = "section" if isinstance(thing, GuideSection) else "warning_sign"
    return GuideRevision.objects.filter(**{key: thing}).select_related("created_by", "restored_from")


def get_revision(thing, pk) -> GuideRevision:
    return get_object_or_404(revisions_of(thing), pk=pk)


def latest_revision_number(thing) -> int:
    return revisions_of(thing).order_by("-number").values_list("number", flat=True).first() or 0


def radicalisation_contacts(user) -> QuerySet[User]:
    """The municipality's radicalisation contacts (active users with the flag), for the guide's contact list."""
    if not is_active_user(user):
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, is_radicalisation_contact=True)
        .select_related("agency")
        .order_by("first_name", "last_name", "username")
    )


def police_contacts(user) -> QuerySet[Agency]:
    """The police's contact points: active police agencies with their phone and contact persons."""
    if not is_active_user(user):
        return Agency.objects.none()
    return Agency.objects.filter(kind=Agency.Kind.POLICE, is_active=True).prefetch_related("contacts").order_by("name")


@dataclass(frozen=True)
class GuideHit:
    title: str
    url: str
    kind: str
    excerpt: SafeString
    rank: float


def guide_search(user, query: str, *, limit: int = 20) -> list[GuideHit]:
    """Sections and warning signs matching `query`, best first, with the hit highlighted (escaped HTML).

    PostgreSQL: full-text search with the Norwegian configuration (so "radikaliseringen" finds
    "radikalisering"), ranked, with ts_headline excerpts. Other databases: a plain substring search."""
    query = (query or "").strip()
    if not query or not is_active_user(user):
        return []
    if connection.vendor == "postgresql":
        hits = _postgres_search(user, query, limit)
    else:
        hits = _plain_search(user, query, limit)
    return sorted(hits, key=lambda hit: -hit.rank)[:limit]


def _sign_text():
    return Concat("meaning", Value("\n"), "not_alone", Value("\n"), "what_to_do", output_field=TextField())


def _postgres_search(user, query, limit):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    search = SearchQuery(query, config="norwegian", search_type="websearch")
    options = {
        "config": "norwegian",
        "start_sel": HIGHLIGHT_START,
        "stop_sel": HIGHLIGHT_STOP,
        "max_words": 30,
        "min_words": 12,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    section_vector = SearchVector("title", weight="A", config="norwegian") + SearchVector(
        "body", weight="B", config="norwegian"
    )
    sections = (
        sections_visible_to(user)
        .annotate(document=section_vector)
        .filter(document=search)
        .annotate(rank=SearchRank(section_vector, search), headline=SearchHeadline("body", search, **options))
        .order_by("-rank", "order")[:limit]
    )
    sign_vector = SearchVector("title", weight="A", config="norwegian") + SearchVector(
        _sign_text(), weight="B", config="norwegian"
    )
    signs = (
        signs_visible_to(user)
        .annotate(document=sign_vector)
        .filter(document=search)
        .annotate(rank=SearchRank(sign_vector, search), headline=SearchHeadline(_sign_text(), search, **options))
        .order_by("-rank", "order")[:limit]
    )
    return [
        GuideHit(
            section.title,
            section.get_absolute_url(),
            section.get_kind_display(),
            highlighted(section.headline),
            section.rank,
        )
        for section in sections
    ] + [
        GuideHit(
            sign.title,
            sign.get_absolute_url(),
            capfirst(WarningSign._meta.verbose_name),
            highlighted(sign.headline),
            sign.rank,
        )
        for sign in signs
    ]


def _plain_search(user, query, limit):
    sections = (
        sections_visible_to(user)
        .filter(Q(title__icontains=query) | Q(body__icontains=query))
        .order_by("order", "id")[:limit]
    )
    signs = (
        signs_visible_to(user)
        .filter(
            Q(title__icontains=query)
            | Q(meaning__icontains=query)
            | Q(not_alone__icontains=query)
            | Q(what_to_do__icontains=query)
        )
        .order_by("order", "id")[:limit]
    )
    needle = query.lower()
    hits = []
    for section in sections:
        rank = 1.0 if needle in section.title.lower() else 0.5
        hits.append(
            GuideHit(
                section.title,
                section.get_absolute_url(),
                section.get_kind_display(),
                excerpt(section.body, query),
                rank,
            )
        )
    for sign in signs:
        text = "\n".join([sign.meaning, sign.not_alone, sign.what_to_do])
        rank = 1.0 if needle in sign.title.lower() else 0.5
        hits.append(
            GuideHit(
                sign.title,
                sign.get_absolute_url(),
                capfirst(WarningSign._meta.verbose_name),
                excerpt(text, query),
                rank,
            )
        )
    return hits


# --- cases ------------------------------------------------------------------------------------------------


def cases_visible_to(user) -> QuerySet[Case]:
    """Radicalisation contacts: every case. Members: their cases. Everyone else: none."""
    if not is_active_user(user):
        return Case.objects.none()
    if is_radicalisation_contact(user):
        return Case.objects.all()
    member = CaseMember.objects.filter(case_id=OuterRef("pk"), user_id=user.pk)
    return Case.objects.filter(Exists(member))


def can_see_case_list(user) -> bool:
    """Radicalisation contacts, and members of at least one case. For anyone else the list does not exist."""
    if is_radicalisation_contact(user):
        return True
    return is_active_user(user) and CaseMember.objects.filter(user_id=user.pk).exists()


def check_case_list(user) -> None:
    if not can_see_case_list(user):
        raise Http404


def check_can_open_cases(user) -> None:
    """Opening a case: radicalisation contacts; for anyone else the page does not exist."""
    if not can_change_cases(user):
        raise Http404


def _count_of(rows) -> Coalesce:
    return Coalesce(Subquery(rows.order_by().values("case_id").annotate(n=Count("pk")).values("n")), 0)


def case_list(
    user, *, status: str = "", step: str = "", risk: str = "", area=None, overdue: bool = False, search: str = ""
) -> QuerySet[Case]:
    today = timezone.localdate()
    # Correlated counts rather than a join with GROUP BY: PostgreSQL evaluates them after the sort and the limit,
    # for the 25 listed cases only (grouping read every measure of every case: 600 ms at 50,000 cases).
    open_measures = Measure.objects.filter(case_id=OuterRef("pk"), status__in=Measure.OPEN_STATUSES)
    cases = (
        cases_visible_to(user)
        .select_related("area")
        .annotate(
            open_measures=_count_of(open_measures),
            overdue_measures=_count_of(open_measures.filter(due_date__lt=today)),
        )
    )
    if status:
        cases = cases.filter(status=status)
    if step:
        cases = cases.filter(step=step)
    if risk:
        cases = cases.filter(risk_level=risk)
    if area:
        cases = cases.filter(area=area)
    if overdue:
        late = Measure.objects.filter(case_id=OuterRef("pk"), status__in=Measure.OPEN_STATUSES, due_date__lt=today)
        cases = cases.filter(Exists(late))
    if search:
        number = search.upper().removeprefix("R-").lstrip("0")
        condition = Q(summary__icontains=search)
        if number.isdigit():
            condition |= Q(pk=int(number))
        cases = cases.filter(condition)
    return cases.order_by("-status", "-created_at", "-id")


def _case_queryset(user) -> QuerySet[Case]:
    return (
        cases_visible_to(user)
        .select_related("area", "reporting_agency", "created_by")
        .prefetch_related(
            Prefetch("trail", queryset=TrailStep.objects.select_related("moved_by").order_by("moved_at", "id")),
            Prefetch(
                "measures", queryset=Measure.objects.select_related("responsible_agency").order_by("due_date", "id")
            ),
            Prefetch("members", queryset=CaseMember.objects.select_related("user__agency", "added_by")),
            Prefetch("observed_signs", queryset=ObservedSign.objects.select_related("sign", "observed_by")),
        )
    )


def get_case_for_user(user, pk) -> Case:
    """The case for reading; 404 if the user may not read it."""
    return get_object_or_404(_case_queryset(user), pk=pk)


def get_case_for_change(user, pk) -> Case:
    """The case for radicalisation contacts; 404 if unreadable, 403 for members who only read it."""
    case = get_case_for_user(user, pk)
    if not can_change_cases(user):
        raise PermissionDenied
    return case


def get_measure(case: Case, pk) -> Measure:
    return get_object_or_404(Measure.objects.filter(case=case), pk=pk)


def get_member(case: Case, pk) -> CaseMember:
    return get_object_or_404(CaseMember.objects.filter(case=case).select_related("user"), pk=pk)


def case_access_log(user, case: Case, *, limit: int = 100) -> QuerySet[AuditEvent]:
    """Who has opened the case: shown to radicalisation contacts only."""
    if not can_change_cases(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        object_type=Case._meta.label_lower, object_id=str(case.pk), action=AuditEvent.Action.VIEW
    ).select_related("agency")[:limit]


def concern_link_visible(user, case: Case) -> bool:
    """A case names its concern only to those who may read that concern."""
    return case.concern_id is not None and concerns_visible_to(user).filter(pk=case.concern_id).exists()


def case_dashboard(user, *, limit: int = 5) -> dict | None:
    """For a radicalisation contact: open cases, overdue measures and cases not moved for 30 days."""
    if not can_change_cases(user):
        return None
    today = timezone.localdate()
    open_cases = Case.objects.filter(status=Case.Status.OPEN)
    stale_before = timezone.now() - STALE_AFTER
    overdue = Measure.objects.filter(
        case__status=Case.Status.OPEN, status__in=Measure.OPEN_STATUSES, due_date__lt=today
    )
    counts = open_cases.aggregate(open=Count("pk"), stale=Count("pk", filter=Q(moved_at__lt=stale_before)))
    return {
        "open_count": counts["open"],
        "stale_count": counts["stale"],
        "overdue_count": overdue.count(),
        "stale_cases": list(open_cases.filter(moved_at__lt=stale_before).order_by("moved_at", "id")[:limit]),
        "overdue_measures": list(
            overdue.select_related("case", "responsible_agency").order_by("due_date", "id")[:limit]
        ),
        "recent_cases": list(open_cases.order_by("-moved_at", "-id")[:limit]),
    }
