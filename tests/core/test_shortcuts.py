"""The shared helpers every app's views use: service errors on forms, pagination, CSV cells, export audit."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from slt.audit.models import AuditEvent
from slt.audit.services import record_export
from slt.core.pagination import CappedPaginator, paginate
from slt.core.shortcuts import apply_validation_error, form_service, message_service
from slt.core.spreadsheet import csv_cell


class StatusForm(forms.Form):
    field_names = {"status_reason": "reason"}
    status = forms.CharField()
    reason = forms.CharField(required=False)


def _valid_form():
    form = StatusForm({"status": "wont_do", "reason": ""})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_its_field_and_an_alias_on_the_form_field():
    form = _valid_form()
    apply_validation_error(form, ValidationError({"status": "Ukjent status.", "status_reason": "Si hvorfor."}))
    assert form.errors == {"status": ["Ukjent status."], "reason": ["Si hvorfor."]}


def test_an_error_for_a_field_the_form_lacks_or_without_a_field_goes_to_the_top():
    form = _valid_form()
    apply_validation_error(form, ValidationError({"due_date": "Fristen er passert."}))
    assert form.non_field_errors() == ["Fristen er passert."]
    other = _valid_form()
    apply_validation_error(other, ValidationError("Møtet er låst."))
    assert other.non_field_errors() == ["Møtet er låst."]


def test_form_service_returns_the_result_or_puts_the_refusal_on_the_form():
    form = _valid_form()
    assert form_service(form, lambda *, value: value * 2, value=21) == (True, 42)

    def refuse(**kwargs):
        raise ValidationError({"status_reason": "Si hvorfor."})

    assert form_service(form, refuse) == (False, None)
    assert form.errors["reason"] == ["Si hvorfor."]


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_message_service_says_how_it_went():
    request = _request()
    assert message_service(request, lambda: None, success="Lagret.")

    def refuse():
        raise ValidationError(["Første.", "Andre."])

    assert not message_service(request, refuse, success="Lagret.")
    assert [str(m) for m in get_messages(request)] == ["Lagret.", "Første. Andre."]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+47 900", "'+47 900"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("Lura", "Lura"),
        (None, ""),
        (12, "12"),
    ],
)
def test_a_csv_cell_never_starts_a_formula(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.django_db
def test_pagination_counts_at_most_the_cap_and_forgives_a_bad_page(agency_member):
    from slt.accounts.models import User

    request = RequestFactory().get("/", {"page": "999", "q": "x"})
    page, query = paginate(request, User.objects.order_by("pk"), per_page=1)
    assert page.number == page.paginator.num_pages == 1
    assert query == "q=x"
    capped = CappedPaginator(User.objects.order_by("pk"), 1)
    capped.cap = 0
    assert capped.count == 1 and capped.is_capped


@pytest.mark.django_db
def test_record_export_writes_one_export_event_without_content(agency_member):
    event = record_export(actor=agency_member, object_type="coordination.actionitem")
    assert AuditEvent.objects.get() == event
    assert (event.action, event.object_type, event.object_id, event.actor) == (
        AuditEvent.Action.EXPORT,
        "coordination.actionitem",
        "",
        agency_member,
    )
