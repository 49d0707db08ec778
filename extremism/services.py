"""Writes for the extremism module: keyword-only, atomic, validated with full_clean, audited with record_event.

Each service checks the permission itself (a view's door is not the only guard), locks the rows it reads
before it writes, and leaves nothing half-saved when it refuses with a ValidationError.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.models import Agency, Concern
from slt.accounts.models import User
from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from . import selectors
from .models import (
    ALLOWED_MOVES,
    Case,
    CaseMember,
    GuideRevision,
    GuideSection,
    Measure,
    ObservedSign,
    Step,
    TrailStep,
    WarningSign,
)

# --- the guide --------------------------------------------------------------------------------------------


def _check_editor(actor):
    if not selectors.can_edit_guide(actor):
        raise PermissionDenied


def _check_base(thing, base_revision):
    """Refuse to overwrite a save made by someone else after the editor opened the form."""
    if base_revision is not None and selectors.latest_revision_number(thing) != base_revision:
        raise ValidationError(
            _("Someone else saved this text after you opened it. Copy your changes, reload the page and try again.")
        )


def sign_revision_text(fields: dict) -> str:
    """A warning sign's three parts as one text, for the diff between revisions."""
    return "\n\n".join(
        [
            f"## {_('What it may mean')}\n\n{fields.get('meaning', '')}",
            f"## {_('What it does not mean on its own')}\n\n{fields.get('not_alone', '')}",
            f"## {_('What to do')}\n\n{fields.get('what_to_do', '')}",
        ]
    )


def _add_revision(*, actor, thing, restored_from=None) -> GuideRevision:
    number = selectors.latest_revision_number(thing) + 1
    if isinstance(thing, GuideSection):
        revision = GuideRevision(section=thing, title=thing.title, body=thing.body, fields={"body": thing.body})
    else:
        fields = {name: getattr(thing, name) for name in WarningSign.REVISED_FIELDS}
        revision = GuideRevision(warning_sign=thing, title=thing.title, body=sign_revision_text(fields), fields=fields)
    revision.number = number
    revision.created_by = actor
    revision.restored_from = restored_from
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def section_save(
    *,
    actor,
    section: GuideSection,
    title: str,
    kind: str,
    order: int,
    body: str,
    slug: str = "",
    base_revision: int | None = None,
) -> GuideSection:
    """Create a section, or change one; every save keeps a revision with who and when."""
    _check_editor(actor)
    creating = section.pk is None
    if not creating:
        section = GuideSection.objects.select_for_update().get(pk=section.pk)
        _check_base(section, base_revision)
    elif slug:
        section.slug = slug
    section.title = title.strip()
    section.kind = kind
    section.order = order
    section.body = body.strip()
    section.updated_by = actor
    section.updated_at = timezone.now()
    section.full_clean()
    section.save()
    _add_revision(actor=actor, thing=section)
    record_event(actor=actor, action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE, obj=section)
    return section


@transaction.atomic
def sign_save(
    *,
    actor,
    sign: WarningSign,
    title: str,
    meaning: str,
    not_alone: str,
    what_to_do: str,
    order: int,
    base_revision: int | None = None,
) -> WarningSign:
    _check_editor(actor)
    creating = sign.pk is None
    if not creating:
        sign = WarningSign.objects.select_for_update().get(pk=sign.pk)
        _check_base(sign, base_revision)
    sign.title = title.strip()
    sign.meaning = meaning.strip()
    sign.not_alone = not_alone.strip()
    sign.what_to_do = what_to_do.strip()
    sign.order = order
    sign.updated_by = actor
    sign.updated_at = timezone.now()
    sign.full_clean()
    sign.save()
    _add_revision(actor=actor, thing=sign)
    record_event(actor=actor, action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE, obj=sign)
    return sign


@transaction.atomic
def revision_restore(*, actor, revision: GuideRevision):
    """Put an earlier revision back; the restore is itself a new revision (the history only grows)."""
    _check_editor(actor)
    if revision.section_id:
        thing = GuideSection.objects.select_for_update().get(pk=revision.section_id)
        thing.title = revision.title
        thing.body = revision.fields.get("body", revision.body)
        changed = ["title", "body"]
    else:
        thing = WarningSign.objects.select_for_update().get(pk=revision.warning_sign_id)
        for name in WarningSign.REVISED_FIELDS:
            setattr(thing, name, revision.fields.get(name, getattr(thing, name)))
        changed = list(WarningSign.REVISED_FIELDS)
    thing.updated_by = actor
    thing.updated_at = timezone.now()
    thing.full_clean()
    thing.save(update_fields=[*changed, "updated_by", "updated_at"])
    new = _add_revision(actor=actor, thing=thing, restored_from=revision)
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=thing)
    return new


# --- cases ------------------------------------------------------------------------------------------------


def _check_case_changer(actor):
    if not selectors.can_change_cases(actor):
        raise PermissionDenied


def _lock_open_case(actor, case: Case) -> Case:
    _check_case_changer(actor)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(_("The case is closed and can no longer be changed."))
    return case


def _touch(case: Case):
    case.save(update_fields=["updated_at"])


@transaction.atomic
def case_open(
    *,
    actor,
    summary: str,
    age_band: str = "",
    gender: str = Concern.Gender.UNKNOWN,
    area=None,
    reporting_agency=None,
    risk_level: str = Concern.Risk.MODERATE,
    concern: Concern | None = None,
) -> Case:
    """Open a case, anonymous, at the first step of the trail; from a concern the user may read, or directly."""
    _check_case_changer(actor)
    if concern is not None:
        # The door for the concern: 404 if this user may not read it.
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        if not selectors.concerns_visible_to(actor).filter(pk=concern.pk).exists():
            raise PermissionDenied
        if Case.objects.filter(concern=concern).exists():
            raise ValidationError(_("A case has already been opened from this concern."))
    now = timezone.now()
    case = Case(
        summary=summary.strip(),
        age_band=age_band,
        gender=gender,
        area=area,
        reporting_agency=reporting_agency,
        risk_level=risk_level,
        concern=concern,
        created_by=actor,
        created_at=now,
        moved_at=now,
        step=Step.CONCERN_NOTED,
    )
    case.full_clean()
    case.save()
    TrailStep.objects.create(
        case=case,
        from_step="",
        to_step=Step.CONCERN_NOTED,
        reason=_("Case opened from concern %(reference)s.") % {"reference": concern.reference}
        if concern
        else _("Case opened."),
        moved_by=actor,
        moved_at=now,
    )
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=case)
    return case


@transaction.atomic
def case_move(*, actor, case: Case, to_step: str, reason: str) -> TrailStep:
    """Move the case along the trail, forward or back, by one of the allowed moves, with a reason."""
    case = _lock_open_case(actor, case)
    reason = (reason or "").strip()
    errors = {}
    if to_step not in Step.values:
        errors["to_step"] = _("Choose a step on the trail.")
    elif (case.step, to_step) not in ALLOWED_MOVES:
        errors["to_step"] = _("The case cannot move from “%(from)s” to “%(to)s”.") % {
            "from": Step(case.step).label,
            "to": Step(to_step).label,
        }
    if not reason:
        errors["reason"] = _("Write why the case moves.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    move = TrailStep(case=case, from_step=case.step, to_step=to_step, reason=reason, moved_by=actor, moved_at=now)
    move.full_clean()
    move.save()
    case.step = to_step
    case.moved_at = now
    case.full_clean()
    case.save(update_fields=["step", "moved_at", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=case)
    return move


@transaction.atomic
def case_assess_risk(*, actor, case: Case, risk_level: str, risk_assessment: str) -> Case:
    case = _lock_open_case(actor, case)
    case.risk_level = risk_level
    case.risk_assessment = (risk_assessment or "").strip()
    case.full_clean()
    case.save(update_fields=["risk_level", "risk_assessment", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=case)
    return case


@transaction.atomic
def case_set_identity(
    *, actor, case: Case, full_name: str, birth_date: date | None, legal_basis: str, legal_basis_detail: str = ""
) -> Case:
    """Record (or clear) the person's identity; only with a recorded legal basis."""
    case = _lock_open_case(actor, case)
    case.full_name = (full_name or "").strip()
    case.birth_date = birth_date
    case.legal_basis = legal_basis or ""
    case.legal_basis_detail = (legal_basis_detail or "").strip()
    if not case.has_identity and not case.legal_basis:
        case.legal_basis_detail = ""
    case.full_clean()
    case.save(update_fields=["full_name", "birth_date", "legal_basis", "legal_basis_detail", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=case)
    return case


@transaction.atomic
def case_set_signs(*, actor, case: Case, observed: dict[int, str]) -> list[ObservedSign]:
    """Set the warning signs observed in the case: `observed` maps a sign's id to a short note. Signs left out
    are no longer ticked."""
    case = _lock_open_case(actor, case)
    signs = {sign.pk: sign for sign in WarningSign.objects.filter(pk__in=observed)}
    unknown = set(observed) - set(signs)
    if unknown:
        raise ValidationError(_("Choose warning signs from the guide."))
    existing = {row.sign_id: row for row in ObservedSign.objects.select_for_update().filter(case=case)}
    ObservedSign.objects.filter(case=case).exclude(sign_id__in=signs).delete()
    rows = []
    for sign_id, note in observed.items():
        note = (note or "").strip()
        row = existing.get(sign_id)
        if row is None:
            row = ObservedSign(case=case, sign=signs[sign_id], note=note, observed_by=actor)
        elif row.note == note:
            rows.append(row)
            continue
        else:
            row.note = note
        row.full_clean()
        row.save()
        rows.append(row)
    _touch(case)
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=case)
    return rows


@transaction.atomic
def measure_add(
    *,
    actor,
    case: Case,
    title: str,
    responsible_agency: Agency,
    due_date: date,
    description: str = "",
) -> Measure:
    case = _lock_open_case(actor, case)
    errors = {}
    if responsible_agency is not None and not responsible_agency.is_active:
        errors["responsible_agency"] = _("%(agency)s is no longer active; choose an active agency.") % {
            "agency": responsible_agency
        }
    if due_date is not None and due_date < timezone.localdate():
        errors["due_date"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    measure = Measure(
        case=case,
        title=(title or "").strip(),
        description=(description or "").strip(),
        responsible_agency=responsible_agency,
        due_date=due_date,
        created_by=actor,
    )
    measure.full_clean()
    measure.save()
    _touch(case)
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=measure)
    return measure


@transaction.atomic
def measure_set_status(*, actor, measure: Measure, status: str, reason: str = "") -> Measure:
    """The action items' statuses and rule: "will not be done" needs a reason."""
    _lock_open_case(actor, measure.case)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    reason = (reason or "").strip()
    if status == Measure.Status.WONT_DO and not reason:
        raise ValidationError({"reason": _("Say why the measure will not be done.")})
    measure.status = status
    measure.status_reason = reason if status == Measure.Status.WONT_DO else ""
    measure.completed_at = timezone.now() if status == Measure.Status.DONE else None
    measure.full_clean()
    measure.save(update_fields=["status", "status_reason", "completed_at", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=measure)
    return measure


@transaction.atomic
def member_add(*, actor, case: Case, user: User) -> CaseMember:
    """Let a person read the case. Only active users; each addition is audited."""
    case = _lock_open_case(actor, case)
    if user is None or not user.is_active:
        raise ValidationError({"user": _("Choose an active user.")})
    if CaseMember.objects.filter(case=case, user=user).exists():
        raise ValidationError({"user": _("%(person)s is already a member of the case.") % {"person": user}})
    member = CaseMember(case=case, user=user, added_by=actor)
    member.full_clean()
    member.save()
    _touch(case)
    record_event(actor=actor, action=AuditEvent.Action.SHARE, obj=case)
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=member)
    return member


@transaction.atomic
def member_remove(*, actor, member: CaseMember) -> None:
    case = _lock_open_case(actor, member.case)
    record_event(actor=actor, action=AuditEvent.Action.REVOKE, obj=case)
    record_event(actor=actor, action=AuditEvent.Action.DELETE, obj=member)
    CaseMember.objects.filter(pk=member.pk).delete()
    _touch(case)


def retention_date(closed_on: date, years: int | None = None) -> date:
    """The day a closed case is due for deletion or anonymisation (29 February becomes 28 February)."""
    years = settings.EXTREMISM_RETENTION_YEARS if years is None else years
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


@transaction.atomic
def case_close(*, actor, case: Case, outcome: str, outcome_note: str = "") -> Case:
    """Close the case with an outcome; it gets the date the retention job will apply."""
    case = _lock_open_case(actor, case)
    if not outcome:
        raise ValidationError({"outcome": _("Choose an outcome when the case is closed.")})
    now = timezone.now()
    case.status = Case.Status.CLOSED
    case.outcome = outcome
    case.outcome_note = (outcome_note or "").strip()
    case.closed_at = now
    case.retain_until = retention_date(timezone.localdate())
    case.full_clean()
    case.save(update_fields=["status", "outcome", "outcome_note", "closed_at", "retain_until", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=case)
    return case


def case_record_view(*, actor, case: Case) -> None:
    """Every opening of a case page is logged (who, when; no content)."""
    record_event(actor=actor, action=AuditEvent.Action.VIEW, obj=case)


def concern_record_view(*, actor, concern: Concern) -> None:
    """The form that opens a case from a concern shows the concern's facts: a read of the concern, logged."""
    record_event(actor=actor, action=AuditEvent.Action.VIEW, obj=concern)
