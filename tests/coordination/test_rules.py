"""One source of truth per rule: the model (its validation and its database constraint) holds it, the services
run it, and the forms only show the service's answer. The action-item queryset names "open" and "overdue"."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coordination.forms import ActionItemForm, ActionItemStatusForm, ConcernStatusForm
from coordination.models import ActionItem, Concern, ConcernShare, LegalBasis

from .factories import ActionItemFactory, ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _errors(record) -> dict:
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def _refused_by_the_database(queryset, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**fields)


# --- deadline not in the past -------------------------------------------------------------------------------


def test_a_new_deadline_cannot_be_in_the_past_but_a_kept_one_may(school):
    item = ActionItem(title="For sent", responsible_agency=school, due_date=TODAY - timedelta(days=1))
    assert _errors(item)["due_date"] == ["Fristen kan ikke være tilbake i tid."]

    stored = ActionItemFactory(responsible_agency=school)
    ActionItem.objects.filter(pk=stored.pk).update(due_date=TODAY - timedelta(days=3))
    overdue = ActionItem.objects.get(pk=stored.pk)
    overdue.full_clean()  # the deadline passed while the work went on: still a valid item
    overdue.due_date = TODAY - timedelta(days=1)
    assert "due_date" in _errors(overdue)


# --- will not be done needs a reason ------------------------------------------------------------------------


def test_will_not_be_done_needs_a_reason_in_the_model_and_the_database(school):
    item = ActionItemFactory(responsible_agency=school)
    item.status, item.status_reason = ActionItem.Status.WONT_DO, "  "
    assert _errors(item)["status_reason"] == ["Skriv hvorfor tiltaket ikke blir utført."]
    _refused_by_the_database(ActionItem.objects.filter(pk=item.pk), status=ActionItem.Status.WONT_DO)


# --- identity needs a legal basis ---------------------------------------------------------------------------


def test_identity_needs_a_legal_basis_on_the_concern(other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    concern.full_name = "Ola Nordmann"
    assert _errors(concern)["legal_basis"] == ["Navn og fødselsdato kan bare registreres med et rettslig grunnlag."]
    _refused_by_the_database(Concern.objects.filter(pk=concern.pk), full_name="Ola Nordmann")


def test_identity_needs_a_legal_basis_on_a_share(other_reporter, police):
    share = ConcernShareFactory(concern=ConcernFactory(reporter=other_reporter), agency=police.agency)
    share.includes_identity = True
    assert "legal_basis" in _errors(share)
    _refused_by_the_database(ConcernShare.objects.filter(pk=share.pk), includes_identity=True)
    share.legal_basis = LegalBasis.STATUTORY_DUTY
    assert _errors(share)["legal_basis_detail"] == ["Navngi den lovpålagte plikten eller unntaket."]


# --- closed needs an outcome --------------------------------------------------------------------------------


def test_closed_needs_an_outcome_in_the_model_and_the_database(other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    concern.status = Concern.Status.CLOSED
    assert _errors(concern)["outcome"] == ["Velg et utfall når bekymringen avsluttes."]
    _refused_by_the_database(Concern.objects.filter(pk=concern.pk), status=Concern.Status.CLOSED)


# --- the forms leave the rules to the services --------------------------------------------------------------


def test_the_forms_do_not_decide_the_rules_themselves(school):
    assert ActionItemStatusForm({"status": "wont_do", "reason": ""}).is_valid()
    assert ConcernStatusForm({"status": "closed"}).is_valid()
    past = {"title": "T", "responsible_agency": school.pk, "due_date": (TODAY - timedelta(days=1)).isoformat()}
    assert ActionItemForm(past).is_valid()


def test_the_service_error_lands_on_the_forms_reason_field(client_for, agency_member):
    item = ActionItemFactory(responsible_agency=agency_member.agency)
    response = client_for(agency_member).post(
        reverse("coordination:action_item_status", args=[item.pk]), {"status": "wont_do", "reason": ""}
    )
    assert response.status_code == 400
    assert response.context["status_form"].errors["reason"] == ["Skriv hvorfor tiltaket ikke blir utført."]


def test_closing_without_an_outcome_shows_the_services_error_on_the_outcome_field(
    client_for, coordinator, other_reporter
):
    concern = ConcernFactory(reporter=other_reporter)
    response = client_for(coordinator).post(
        reverse("coordination:concern_status", args=[concern.pk]), {"status": "closed"}
    )
    assert response.status_code == 400
    assert response.context["status_form"].errors["outcome"] == ["Velg et utfall når bekymringen avsluttes."]
    assert Concern.objects.get(pk=concern.pk).status == Concern.Status.NEW


# --- one legal basis choice set -----------------------------------------------------------------------------


def test_one_legal_basis_choice_set_for_concerns_and_shares():
    identity_bases = [value for value, _label in Concern._meta.get_field("legal_basis").choices]
    share_bases = [value for value, _label in ConcernShare._meta.get_field("legal_basis").choices]
    assert share_bases == LegalBasis.values
    assert identity_bases == [value for value in LegalBasis.values if value != LegalBasis.ANONYMOUS]
    assert ConcernShare._meta.get_field("legal_basis").default == LegalBasis.ANONYMOUS
    assert not hasattr(ConcernShare, "Basis")


def test_anonymous_is_no_basis_for_a_concerns_identity(other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    concern.full_name, concern.legal_basis = "Ola Nordmann", LegalBasis.ANONYMOUS
    assert "legal_basis" in _errors(concern)


# --- the queryset names the open and the overdue ------------------------------------------------------------


def test_open_and_overdue(school):
    def make(title, status, days):
        reason = "Ikke midler" if status == ActionItem.Status.WONT_DO else ""
        item = ActionItemFactory(title=title, responsible_agency=school, status=status, status_reason=reason)
        ActionItem.objects.filter(pk=item.pk).update(due_date=TODAY + timedelta(days=days))

    make("late", ActionItem.Status.OPEN, -1)
    make("late and started", ActionItem.Status.IN_PROGRESS, -5)
    make("due today", ActionItem.Status.OPEN, 0)
    make("later", ActionItem.Status.IN_PROGRESS, 3)
    make("done late", ActionItem.Status.DONE, -2)
    make("dropped", ActionItem.Status.WONT_DO, -2)

    def titles(queryset):
        return set(queryset.values_list("title", flat=True))

    assert titles(ActionItem.objects.open()) == {"late", "late and started", "due today", "later"}
    assert titles(ActionItem.objects.overdue(TODAY)) == {"late", "late and started"}
    assert titles(ActionItem.objects.overdue(TODAY + timedelta(days=1))) == {"late", "late and started", "due today"}
    assert titles(ActionItem.objects.filter(responsible_agency=school).open().overdue(TODAY)) == {
        "late",
        "late and started",
    }
