"""Writes for the case: referral, youth and guardians, offences, consents, the decision, the team and the end."""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.accounts.roles import is_active_user, is_youth_coordinator
from slt.audit.models import AuditEvent
from slt.audit.services import record_event, record_export

from .. import selectors, states
from ..dates import age_on
from ..eligibility import offence_age_error, penalty_warnings
from ..models import (
    CaseCounter,
    Consent,
    DecisionOutcome,
    Guardian,
    Offence,
    ProsecutorDecision,
    TeamFunction,
    TeamMember,
    YouthCase,
)
from ..states import CaseState
from .common import changed, close_case, created, lock_for_change, not_before, not_in_future, require_open, save_case

NUMBER_ATTEMPTS = 5
BEFORE_DECISION = (CaseState.REFERRED, CaseState.CONSENTS_OBTAINED)


def _next_number(year: int) -> str:
    """Take the next case number of the year ("UO-2026-007"). The UPDATE locks the counter row until the
    transaction ends, so two youth coordinators registering at once get different numbers."""
    for _attempt in range(NUMBER_ATTEMPTS):
        if CaseCounter.objects.filter(year=year).update(last_number=F("last_number") + 1):
            number = CaseCounter.objects.select_for_update().get(year=year).last_number
            return f"UO-{year}-{number:03d}"
        try:
            with transaction.atomic():
                CaseCounter.objects.create(year=year, last_number=1)
            return f"UO-{year}-001"
        except IntegrityError:
            continue  # someone else created the year's row just now: take a number from it
    raise RuntimeError("Could not take a youth case number")


def _check_ages(birth_date: date, offences: Iterable[Offence]) -> None:
    for offence in offences:
        error = offence_age_error(birth_date, offence.committed_on)
        if error:
            raise ValidationError({"committed_on": error})


def _age_at_offence(case: YouthCase, offences: Sequence[Offence]) -> int | None:
    earliest = min((offence.committed_on for offence in offences), default=None)
    return age_on(case.birth_date, earliest) if earliest else None


def _clean_case(case: YouthCase) -> None:
    not_in_future(case.referred_on, "referred_on")
    if case.birth_date and case.referred_on and case.birth_date >= case.referred_on:
        raise ValidationError({"birth_date": _("The birth date must be before the referral.")})
    case.initials = YouthCase.initials_for(case.given_name, case.family_name)


def _clean_offence(offence: Offence) -> None:
    not_in_future(offence.committed_on, "committed_on")
    offence.full_clean(exclude=["case"])


def _function_for(user) -> str:
    """The team function a user most likely has, from the flag and their agency's kind."""
    if is_youth_coordinator(user):
        return TeamFunction.YOUTH_COORDINATOR
    kind = getattr(user.agency, "kind", "")
    return kind if kind in TeamFunction.values else TeamFunction.OTHER


@transaction.atomic
def case_refer(*, actor, case: YouthCase, guardians: Sequence[Guardian], offences: Sequence[Offence]) -> YouthCase:
    """Register a referral from the prosecution: the youth, the guardians and the offences, all or nothing.
    The youth coordinator who registers it joins the follow-up team; the case number is taken in the same
    transaction from a locked per-year counter row (SQLite transactions begin IMMEDIATE, so a second writer
    waits there too)."""
    if not selectors.can_change_case(actor):
        raise PermissionDenied
    if not guardians:
        raise ValidationError(_("Register at least one guardian: every guardian must consent."))
    if not offences:
        raise ValidationError(_("Register at least one offence."))
    _clean_case(case)
    for offence in offences:
        _clean_offence(offence)
    _check_ages(case.birth_date, offences)
    for guardian in guardians:
        guardian.full_clean(exclude=["case"])
    case.state = CaseState.REFERRED
    case.created_by = actor
    case.age_at_offence = _age_at_offence(case, offences)
    case.number = "UO-0000-000"  # so that full_clean passes; the real number is taken just before saving
    case.full_clean()
    case.number = _next_number(case.referred_on.year)
    case.save()
    created(actor, case)
    for record in [*guardians, *offences]:
        record.case = case
        record.save()
        created(actor, record)
    member = TeamMember.objects.create(case=case, user=actor, function=TeamFunction.YOUTH_COORDINATOR, added_by=actor)
    created(actor, member)
    return case


CASE_FIELDS = [
    "given_name",
    "family_name",
    "initials",
    "birth_date",
    "phone",
    "email",
    "address",
    "referred_on",
    "prosecutor_name",
    "prosecutor_office",
    "prosecution_reference",
    "age_at_offence",
]


@transaction.atomic
def case_update(*, actor, case: YouthCase) -> YouthCase:
    """Correct the youth's details or the referral while the case is open."""
    stored = lock_for_change(actor, case)
    require_open(stored)
    offences = list(stored.offences.all())
    _clean_case(case)
    _check_ages(case.birth_date, offences)
    case.age_at_offence = _age_at_offence(case, offences)
    for field in ("number", "state", "plan_due", "next_follow_up_due", "ended_on", "retain_until", "created_by_id"):
        setattr(case, field, getattr(stored, field))
    save_case(actor, case, CASE_FIELDS)
    return case


@transaction.atomic
def guardian_add(*, actor, case: YouthCase, guardian: Guardian) -> Guardian:
    """Add a guardian before the decision. All guardians must consent: the case goes back to "referred"
    until the new guardian has."""
    case = lock_for_change(actor, case)
    if case.state not in BEFORE_DECISION:
        raise ValidationError(_("Guardians are registered before the prosecutor's decision."))
    guardian.case = case
    guardian.full_clean()
    guardian.save()
    created(actor, guardian)
    if case.state == CaseState.CONSENTS_OBTAINED:
        states.move(case, CaseState.REFERRED)
        save_case(actor, case, ["state"])
    return guardian


@transaction.atomic
def offence_add(*, actor, case: YouthCase, offence: Offence) -> Offence:
    case = lock_for_change(actor, case)
    if case.state not in BEFORE_DECISION:
        raise ValidationError(_("Offences are registered before the prosecutor's decision."))
    offence.case = case
    _clean_offence(offence)
    _check_ages(case.birth_date, [offence])
    offence.save()
    created(actor, offence)
    case.age_at_offence = _age_at_offence(case, list(case.offences.all()))
    save_case(actor, case, ["age_at_offence"])
    return offence


@transaction.atomic
def consent_record(*, actor, case: YouthCase, guardian: Guardian | None, given_on: date, method: str) -> Consent:
    """Record the youth's (guardian=None) or a guardian's consent. When the youth and every guardian have
    consented, the case moves to "consents obtained"."""
    case = lock_for_change(actor, case)
    if case.state != CaseState.REFERRED:
        require_open(case)
        raise ValidationError(_("Every consent is already recorded for this case."))
    if guardian is not None and guardian.case_id != case.pk:
        raise ValidationError({"guardian": _("The guardian belongs to another case.")})
    active = case.consents.filter(withdrawn_on__isnull=True)
    if active.filter(guardian=guardian).exists():
        raise ValidationError({"guardian": _("This person's consent is already recorded.")})
    not_in_future(given_on, "given_on")
    not_before(given_on, case.referred_on, "given_on", _("The consent cannot be dated before the referral (%(date)s)."))
    consent = Consent(case=case, guardian=guardian, given_on=given_on, method=method, recorded_by=actor)
    consent.full_clean()
    consent.save()
    created(actor, consent)
    if not selectors.missing_consents(case):
        states.move(case, CaseState.CONSENTS_OBTAINED)
        save_case(actor, case, ["state"])
    return consent


@transaction.atomic
def consent_withdraw(*, actor, case: YouthCase, consent: Consent, withdrawn_on: date, note: str = "") -> Consent:
    """A withdrawn consent ends the case ("consent withdrawn"); the consent and its history stay."""
    case = lock_for_change(actor, case)
    consent = Consent.objects.select_for_update().get(pk=consent.pk, case=case)
    require_open(case, _("The case is closed: the consent can no longer be withdrawn here."))
    if not consent.is_active:
        raise ValidationError(_("The consent is already withdrawn."))
    not_in_future(withdrawn_on, "withdrawn_on")
    not_before(
        withdrawn_on, consent.given_on, "withdrawn_on", _("The withdrawal cannot be before the consent (%(date)s).")
    )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_recorded_by = actor
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
    changed(actor, consent)
    fields = close_case(case, CaseState.WITHDRAWN, ended_on=withdrawn_on, note=note)
    save_case(actor, case, fields)
    return consent


@transaction.atomic
def decision_record(
    *,
    actor,
    case: YouthCase,
    decided_on: date,
    outcome: str,
    prosecutor_name: str,
    conditions: str = "",
    period_months: int | None = None,
    confirm_penalty: bool = False,
) -> ProsecutorDecision:
    """Record the prosecutor's decision. Refused before the youth and every guardian have consented. A
    "suitable" decision on an offence above the local penalty limit needs the user's confirmation."""
    case = lock_for_change(actor, case)
    if case.state == CaseState.REFERRED:
        raise ValidationError(
            _("The decision can be recorded only when the youth and every guardian have consented. Missing: %(who)s.")
            % {"who": ", ".join(selectors.missing_consents(case))}
        )
    if case.state != CaseState.CONSENTS_OBTAINED:
        require_open(case)
        raise ValidationError(_("The prosecutor's decision is already recorded."))
    if selectors.missing_consents(case):  # the state says so too; the consents themselves decide
        raise ValidationError(_("The decision can be recorded only when the youth and every guardian have consented."))
    not_in_future(decided_on, "decided_on")
    not_before(
        decided_on, case.referred_on, "decided_on", _("The decision cannot be dated before the referral (%(date)s).")
    )
    suitable = outcome == DecisionOutcome.SUITABLE
    offences = list(case.offences.all())
    if suitable:
        if period_months is None:
            raise ValidationError({"period_months": _("Give the period of the follow-up (1 to 12 months).")})
        _check_ages(case.birth_date, offences)
        if penalty_warnings(offences) and not confirm_penalty:
            raise ValidationError(
                {
                    "confirm_penalty": _(
                        "An offence is above the local limit on the maximum penalty. Confirm that the prosecutor "
                        "has decided youth follow-up all the same, or record the decision as not suitable."
                    )
                }
            )
    decision = ProsecutorDecision(
        case=case,
        decided_on=decided_on,
        outcome=outcome,
        prosecutor_name=prosecutor_name.strip(),
        conditions=conditions.strip(),
        period_months=period_months if suitable else None,
        penalty_warning_confirmed=bool(suitable and confirm_penalty and penalty_warnings(offences)),
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    created(actor, decision)
    if suitable:
        states.move(case, CaseState.DECIDED)
        case.plan_due = decided_on + timedelta(days=settings.YOUTH_PLAN_DUE_DAYS)
        save_case(actor, case, ["state", "plan_due"])
    else:
        save_case(actor, case, close_case(case, CaseState.NOT_SUITABLE, ended_on=decided_on))
    return decision


@transaction.atomic
def team_member_add(*, actor, case: YouthCase, user, function: str = "") -> TeamMember:
    """Put a user on the follow-up team: they read the case from now on."""
    case = lock_for_change(actor, case)
    require_open(case)
    return _add_to_team(actor, case, user, function)


def _add_to_team(actor, case: YouthCase, user, function: str = "") -> TeamMember:
    if not is_active_user(user) or user.agency_id is None:
        raise ValidationError({"user": _("Only active users with an agency can join a follow-up team.")})
    if case.team.filter(user=user, removed_at__isnull=True).exists():
        raise ValidationError({"user": _("%(user)s is already on the team.") % {"user": user}})
    member = TeamMember(case=case, user=user, function=function or _function_for(user), added_by=actor)
    member.full_clean()
    member.save()
    created(actor, member)
    return member


def add_participants_to_team(actor, case: YouthCase, users) -> list[TeamMember]:
    """Invitees of the youth plan meeting join the team (they read the case and fetch the meeting)."""
    on_team = set(case.team.filter(removed_at__isnull=True).values_list("user_id", flat=True))
    return [_add_to_team(actor, case, user) for user in users if user.pk not in on_team]


@transaction.atomic
def team_member_remove(*, actor, case: YouthCase, member: TeamMember) -> TeamMember:
    """Take a user off the team: they no longer read the case. The membership's history stays."""
    case = lock_for_change(actor, case)
    member = TeamMember.objects.select_for_update().get(pk=member.pk, case=case)
    if member.removed_at is not None:
        raise ValidationError(_("The member has already left the team."))
    member.removed_at = timezone.now()
    member.removed_by = actor
    member.save(update_fields=["removed_at", "removed_by"])
    changed(actor, member)
    return member


END_OUTCOMES = (CaseState.COMPLETED, CaseState.RETURNED, CaseState.WITHDRAWN)


@transaction.atomic
def case_end(*, actor, case: YouthCase, outcome: str, ended_on: date, note: str = "") -> YouthCase:
    """End the case: completed, broken off and returned to the prosecution, or consent refused or withdrawn.
    Sets the retention date (YOUTH_RETENTION_YEARS after the end)."""
    case = lock_for_change(actor, case)
    require_open(case)
    if outcome not in END_OUTCOMES:
        raise ValidationError({"outcome": _("Choose how the case ended.")})
    if not states.can_move(case.state, outcome):
        states.move(case, outcome)  # raises with the message
    not_in_future(ended_on, "ended_on")
    plan = selectors.related_or_none(case, "plan")
    start = plan.approved_on if plan and plan.approved_on else case.referred_on
    not_before(ended_on, start, "ended_on", _("The end date cannot be before the start (%(date)s)."))
    if outcome == CaseState.WITHDRAWN:
        for consent in case.consents.select_for_update().filter(withdrawn_on__isnull=True):
            consent.withdrawn_on = max(ended_on, consent.given_on)
            consent.withdrawal_recorded_by = actor
            consent.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
            changed(actor, consent)
    save_case(actor, case, close_case(case, outcome, ended_on=ended_on, note=note.strip()))
    return case


def case_record_view(*, actor, case: YouthCase) -> None:
    """Every read of a case is audited (DESIGN.md section 4): who, when, which case; never its content."""
    record_event(actor=actor, action=AuditEvent.Action.VIEW, obj=case)


def plan_meeting_exported(*, actor, case: YouthCase) -> None:
    """The plan meeting's calendar file leaves the platform."""
    record_export(actor=actor, obj=case)
