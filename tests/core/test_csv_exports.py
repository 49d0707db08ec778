"""Every CSV export opens right in Excel: UTF-8 with the byte order mark, `;` between cells, headers in the
reader's language, no formulas. They are all written by one helper, `csv_response`."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from slt.audit.services import record_event
from slt.core.spreadsheet import csv_response
from tests.coordination.factories import ActionItemFactory
from tests.factories import UserFactory
from tests.walks.factories import ObservationFactory, SafetyWalkFactory

BASE = Path(settings.BASE_DIR)


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_response_writes_bom_semicolons_and_safe_cells():
    response = csv_response(
        "liste.csv",
        ["Navn", "Beløp"],
        [["Åse Øvrebø", -12], ["=SUM(A1)", Decimal("-5.25")], ["@x", None], [True, 3.5]],
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liste.csv"'
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Navn;Beløp",
        "Åse Øvrebø;-12",  # a negative number stays a number
        "'=SUM(A1);-5.25",
        "'@x;",
        "True;3.5",
    ]


def test_csv_response_reads_a_generator_once():
    response = csv_response("a.csv", ["A"], ([n] for n in range(3)))
    assert _rows(response) == [["A"], ["0"], ["1"], ["2"]]


def test_no_csv_is_written_outside_the_helper():
    """One way to write a CSV: a new export that calls csv.writer itself would miss the BOM or the `;`."""
    offenders = []
    for folder in ("slt", "coordination", "walks", "extremism", "youthfollowup"):
        for path in (BASE / folder).rglob("*.py"):
            if path.name == "spreadsheet.py" and path.parent.name == "core":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"csv\.(writer|DictWriter)|text/csv", text):
                offenders.append(str(path.relative_to(BASE)))
    assert offenders == []


@pytest.fixture
def exports(db, admin, coordinator, agency_member):
    """(user, url, params) for each CSV export, with one row of data in each."""
    ActionItemFactory(title="Nye lyspærer", responsible_agency=agency_member.agency)
    walk = SafetyWalkFactory(title="Kveldsvandring", organiser=coordinator)
    ObservationFactory(walk=walk, category="lighting", description="Mørk sti")
    subject = UserFactory(username="saksbehandler")
    record_event(actor=subject, action="view", object_type="coordination.concern", object_id=1)
    today = timezone.localdate()
    period = {"user": subject.pk, "start": (today - timedelta(days=1)).isoformat(), "end": today.isoformat()}
    return {
        "action items": (agency_member, reverse("coordination:action_item_export"), {}),
        "observations": (coordinator, reverse("walks:observations_csv", args=[walk.pk]), {}),
        "access log": (admin, reverse("audit:access_report_csv"), period),
    }


HEADERS = {
    "action items": {"nb": ["Nummer", "Tittel", "Ansvarlig aktør"], "en": ["Number", "Title", "Responsible agency"]},
    "observations": {"nb": ["Nummer", "Kategorikode", "Kategori"], "en": ["Number", "Category code", "Category"]},
    "access log": {"nb": ["Tid", "Bruker", "Handling"], "en": ["Time", "User", "Action"]},
}


@pytest.mark.parametrize("export", sorted(HEADERS))
@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_export_opens_in_excel_in_the_users_language(client_for, exports, export, language):
    user, url, params = exports[export]
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    response = client_for(user).get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+\.csv"', response["Content-Disposition"])
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    rows = _rows(response)
    assert rows[0][:3] == HEADERS[export][language]
    assert len(rows) == 2
    assert len(rows[1]) == len(rows[0])
