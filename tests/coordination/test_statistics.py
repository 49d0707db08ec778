"""The statistics page (issue 12): grouping, unit and period chosen on a form; counts under 5 hidden and no total
that gives a hidden count back; CSV and PDF exports with the same table, audited; every signed-in user."""

import csv
import io
import itertools
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from coordination.models import ActionItem, ConcernCategory
from coordination.statistics import (
    HIDDEN,
    MAX_COLUMNS,
    WITHHELD,
    Grouping,
    StatisticsQuery,
    Unit,
    periods_between,
    statistics_table,
    suppressed_table,
)
from slt.audit.models import AuditEvent

from .factories import ActionItemFactory, ConcernFactory

pytestmark = pytest.mark.django_db

URL = reverse("coordination:statistics")
CSV_URL = reverse("coordination:statistics_csv")
PDF_URL = reverse("coordination:statistics_pdf")


# --- suppression: no hidden cell can be computed back ------------------------------------------------------


def compute_back(table, column_count):
    """An attacker with the shown table: each shown total is an equation "sum of its cells = total"; solve the
    equations that have one unknown cell left, again and again, as far as it goes. Returns the cells it found
    (row, column) → value."""
    known = {}
    for r, row in enumerate(table["rows"]):
        for c, cell in enumerate(row["cells"]):
            if cell != HIDDEN:
                known[(r, c)] = int(cell)
    equations = []
    for r, row in enumerate(table["rows"]):
        if row["total"] != WITHHELD:
            equations.append(({(r, c) for c in range(column_count)}, int(row["total"])))
    for c, total in enumerate(table["column_totals"]):
        if total != WITHHELD:
            equations.append(({(r, c) for r in range(len(table["rows"]))}, int(total)))
    if table["total"] != WITHHELD:
        every = {(r, c) for r in range(len(table["rows"])) for c in range(column_count)}
        equations.append((every, int(table["total"])))
        # The grand total minus the shown row (or column) totals is an equation too.
        shown_rows = [r for r, row in enumerate(table["rows"]) if row["total"] != WITHHELD]
        rest = every - {(r, c) for r in shown_rows for c in range(column_count)}
        equations.append((rest, int(table["total"]) - sum(int(table["rows"][r]["total"]) for r in shown_rows)))
    found = {}
    changed = True
    while changed:
        changed = False
        for cells, total in equations:
            unknown = [cell for cell in cells if cell not in known]
            if len(unknown) == 1:
                value = total - sum(known[cell] for cell in cells if cell in known)
                known[unknown[0]] = found[unknown[0]] = value
                changed = True
    return found


COUNTS = [
    ("Narkotika", [7, 9, 3, 12]),  # one hidden cell in the row
    ("Vold", [5, 6, 8, 10]),  # none hidden
    ("Mobbing", [0, 2, 6, 5]),  # two hidden
]


def test_a_hidden_cell_cannot_be_computed_back_from_the_totals():
    column_totals = [sum(cells[i] for _label, cells in COUNTS) for i in range(4)]
    table = suppressed_table(COUNTS, column_totals)

    assert [row["cells"] for row in table["rows"]] == [
        ["7", "9", "< 5", "12"],
        ["5", "6", "8", "10"],
        ["< 5", "< 5", "6", "5"],
    ]
    assert [row["total"] for row in table["rows"]] == ["–", "29", "–"]
    assert table["column_totals"] == ["–", "–", "–", "27"]
    assert table["total"] == "–"
    assert compute_back(table, 4) == {}


def test_the_attacker_would_find_the_hidden_cells_if_every_total_were_shown():
    """The check above is worth something: with plain totals the same attacker gets the hidden counts back."""
    column_totals = [sum(cells[i] for _label, cells in COUNTS) for i in range(4)]
    table = suppressed_table(COUNTS, column_totals)
    table["rows"] = [
        {**row, "total": str(sum(cells))} for row, (_label, cells) in zip(table["rows"], COUNTS, strict=True)
    ]
    table["column_totals"] = [str(n) for n in column_totals]
    table["total"] = str(sum(column_totals))
    assert compute_back(table, 4) == {(0, 2): 3, (2, 0): 0, (2, 1): 2}


@pytest.mark.parametrize("seed", range(20))
def test_no_table_ever_gives_a_hidden_cell_back(seed):
    rows, columns = 2 + seed % 4, 1 + seed % 5
    values = itertools.cycle([*[0, 1, 3, 4, 5, 6, 9, 12, 2, 7, 30][seed % 11 :], 8, 5, 4])
    counts = [(f"G{r}", [next(values) for _ in range(columns)]) for r in range(rows)]
    table = suppressed_table(counts, [sum(cells[i] for _label, cells in counts) for i in range(columns)])
    assert compute_back(table, columns) == {}


def test_a_table_with_no_small_count_shows_every_total():
    counts = [("A", [5, 6]), ("B", [7, 8])]
    table = suppressed_table(counts, [12, 14])
    assert [row["total"] for row in table["rows"]] == ["11", "15"]
    assert table["column_totals"] == ["12", "14"]
    assert table["total"] == "26"
    assert table["hidden_share"] == 0


# --- periods and groupings -----------------------------------------------------------------------------------


def test_months_quarters_and_years_cover_whole_units():
    months = periods_between(date(2025, 11, 15), date(2026, 2, 3), Unit.MONTH)
    assert (months[0].start, months[0].end) == (date(2025, 11, 1), date(2025, 12, 1))
    assert len(months) == 4 and months[-1].end == date(2026, 3, 1)
    quarters = periods_between(date(2025, 11, 15), date(2026, 2, 3), Unit.QUARTER)
    assert [p.label for p in quarters] == ["4. kv. 2025", "1. kv. 2026"]
    years = periods_between(date(2024, 6, 1), date(2026, 2, 3), Unit.YEAR)
    assert [p.label for p in years] == ["2024", "2025", "2026"]


def test_counts_per_category_across_units(other_reporter):
    now = timezone.now()
    ConcernFactory.create_batch(6, reporter=other_reporter, categories=["drugs", "violence"])
    ConcernFactory.create_batch(2, reporter=other_reporter, categories=["drugs"], created_at=now - timedelta(days=400))
    today = timezone.localdate()
    query = StatisticsQuery(Grouping.CATEGORY, Unit.YEAR, today.replace(year=today.year - 2, month=1, day=1), today)

    table = statistics_table(query)

    rows = {row["label"]: row for row in table["rows"]}
    assert rows["Narkotika"]["cells"][-1] == "6" and rows["Vold"]["cells"][-1] == "6"
    assert table["periods"][-1] == str(today.year)
    assert len(table["rows"]) == len(ConcernCategory.Category.choices)
    # A concern with two categories is counted once in the period's total, but only when nothing is hidden.
    assert table["column_totals"][-1] == "–"


def test_concerns_by_reporting_agency_type_and_action_items_by_source(other_reporter):
    ConcernFactory.create_batch(5, reporter=other_reporter)  # a school
    for _ in range(5):
        ActionItemFactory(source=ActionItem.Source.WALK)
    ActionItemFactory(source=ActionItem.Source.MEETING)
    today = timezone.localdate()

    agencies = statistics_table(StatisticsQuery(Grouping.AGENCY, Unit.YEAR, today, today))
    sources = statistics_table(StatisticsQuery(Grouping.ACTION_SOURCE, Unit.YEAR, today, today))

    assert {row["label"]: row["cells"][0] for row in agencies["rows"]}["Skole"] == "5"
    by_source = {row["label"]: row["cells"][0] for row in sources["rows"]}
    assert by_source["Trygghetsvandring"] == "5" and by_source["Møte"] == "< 5"


# --- the page and its form -----------------------------------------------------------------------------------


def test_the_page_opens_on_the_last_twelve_months_by_category(client_for, steering):
    response = client_for(steering).get(URL)
    assert response.status_code == 200
    table = response.context["table"]
    assert len(table["periods"]) == 12
    assert table["grouping"] == "Bekymringer etter kategori"
    assert 'role="region"' in response.text and "Last ned CSV" in response.text
    assert "chart.umd" not in response.text  # the tables say it all; Chart.js is no longer loaded here


def test_quarters_years_and_a_chosen_period(client_for, coordinator):
    client = client_for(coordinator)
    quarter = client.get(
        URL, {"grouping": "area", "unit": "quarter", "date_from": "2025-01-01", "date_to": "2025-12-31"}
    )
    assert quarter.context["table"]["periods"] == ["1. kv. 2025", "2. kv. 2025", "3. kv. 2025", "4. kv. 2025"]
    assert quarter.context["table"]["grouping"] == "Bekymringer etter område"
    year = client.get(
        URL, {"grouping": "action_agency", "unit": "year", "date_from": "2023-05-01", "date_to": "2025-02-01"}
    )
    assert year.context["table"]["periods"] == ["2023", "2024", "2025"]
    assert "Fra 1. januar 2023 til 31. desember 2025." in year.text


def test_too_many_months_are_shown_per_quarter_with_a_note(client_for, coordinator):
    response = client_for(coordinator).get(URL, {"unit": "month", "date_from": "2024-01-01", "date_to": "2025-12-31"})
    table = response.context["table"]
    assert table["unit"] == "quarter" and len(table["periods"]) == 8 <= MAX_COLUMNS
    assert "For mange kolonner til én tabell: vist per kvartal i stedet." in response.text


def test_mostly_hidden_months_offer_quarters(client_for, coordinator, other_reporter):
    ConcernFactory.create_batch(3, reporter=other_reporter)
    response = client_for(coordinator).get(URL, {"unit": "month"})
    assert response.context["table"]["suggest_unit"] == "quarter"
    assert "De fleste tallene er under 5 og skjult." in response.text
    assert "unit=quarter" in response.context["suggest_url"]
    years = client_for(coordinator).get(URL, {"unit": "year"})
    assert years.context["table"]["suggest_unit"] is None  # nothing coarser to offer
    assert "De fleste tallene" not in years.text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "31.02.2025"}, "Oppgi en gyldig dato."),
        ({"date_from": "2025-06-01", "date_to": "2025-01-01"}, "Sluttdatoen er før startdatoen."),
        ({"date_from": "1999-12-31"}, "Oppgi en dato mellom 01.01.2000 og"),
        ({"date_to": "2999-01-01"}, "Oppgi en dato mellom 01.01.2000 og"),
        ({"date_to": f"{timezone.localdate().year + 1}-01-01"}, "Velg en dato senest ved utgangen av dette året."),
        ({"unit": "week"}, "Velg et gyldig valg."),
        ({"grouping": "names"}, "Velg et gyldig valg."),
        ({"unit": "year", "date_from": "2000-01-01", "date_to": "2025-01-01"}, "Høyst 12 år får plass i én tabell"),
    ],
)
def test_bad_choices_get_a_message_and_no_table(client_for, coordinator, params, message):
    response = client_for(coordinator).get(URL, params)
    assert response.status_code == 200
    assert response.context["table"] is None
    assert message in response.text
    assert "Tabellen ble ikke laget." in response.text
    assert 'aria-invalid="true"' in response.text


def test_the_page_counts_in_a_fixed_number_of_queries(client_for, coordinator, other_reporter):
    client = client_for(coordinator)
    client.get(reverse("core:dashboard"))  # the session's one-off work

    def queries(grouping):
        cache.clear()  # count, not read the cache
        with CaptureQueriesContext(connection) as context:
            response = client.get(URL, {"grouping": grouping, "unit": "month"})
        assert response.status_code == 200
        return len(context.captured_queries)

    ConcernFactory.create_batch(2, reporter=other_reporter, categories=["drugs", "theft"])
    small = {grouping: queries(grouping) for grouping in Grouping.values}
    ConcernFactory.create_batch(40, reporter=other_reporter, categories=["drugs", "theft"], area__name="Lura")
    ActionItem.objects.bulk_create(
        ActionItem(title=f"T{i}", responsible_agency=other_reporter.agency, due_date=timezone.localdate())
        for i in range(200)
    )
    large = {grouping: queries(grouping) for grouping in Grouping.values}
    assert small == large


# --- exports -------------------------------------------------------------------------------------------------


def _export_events():
    return AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_type="coordination.statistics")


def test_the_csv_has_a_bom_semicolons_norwegian_headers_and_the_shown_counts(client_for, steering, other_reporter):
    ConcernFactory.create_batch(6, reporter=other_reporter, categories=["drugs"])
    ConcernFactory.create_batch(2, reporter=other_reporter, categories=["bullying"])
    today = timezone.localdate()
    params = {"grouping": "category", "unit": "year", "date_from": f"{today.year}-01-01", "date_to": today.isoformat()}

    response = client_for(steering).get(CSV_URL, params)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="statistikk-' in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0].startswith("Bekymringer etter kategori, 01.01.")
    assert rows[1] == ["Gruppe", str(today.year), "Totalt"]
    body = {row[0]: row[1:] for row in rows[2:] if row}
    assert body["Narkotika"] == ["6", "6"]
    assert body["Mobbing"] == ["< 5", "–"]  # never the 2
    assert body["Totalt"] == ["–", "–"]  # 8 − 6 would give it back
    assert "2" not in {cell for row in rows[2:] for cell in row}
    event = _export_events().get()
    assert event.actor == steering
    assert event.details["statistics"] == {
        "format": "csv",
        "grouping": "category",
        "unit": "year",
        "from": f"{today.year}-01-01",
        "to": today.isoformat(),
    }


def test_the_pdf_has_the_municipality_the_table_and_page_numbers(client_for, agency_member, other_reporter, settings):
    settings.SLT_MUNICIPALITY_NAME = "Gjesdal kommune"
    ConcernFactory.create_batch(5, reporter=other_reporter, categories=["violence"], area__name="Lura")
    ConcernFactory.create_batch(1, reporter=other_reporter, categories=["violence"], area__name="Hana")

    response = client_for(agency_member).get(PDF_URL, {"grouping": "area", "unit": "quarter"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Gjesdal kommune" in text and "Statistikk" in text
    assert "Bekymringer etter område" in text
    assert "Lura" in text and "Hana" in text and "< 5" in text
    assert "Tall under 5 vises som" in text
    assert f"Side 1 av {len(reader.pages)}" in text
    assert reader.metadata.title == "Statistikk – Gjesdal kommune"
    assert any(page.images for page in reader.pages)  # the logo
    assert _export_events().get().details["statistics"]["format"] == "pdf"


@pytest.mark.parametrize("url", [CSV_URL, PDF_URL])
def test_bad_choices_on_an_export_answer_400_and_export_nothing(client_for, coordinator, url):
    response = client_for(coordinator).get(url, {"date_from": "2025-06-01", "date_to": "2025-01-01"})
    assert response.status_code == 400
    assert "Sluttdatoen er før startdatoen." in response.content.decode()
    assert not _export_events().exists()


@pytest.mark.parametrize("url", [URL, CSV_URL, PDF_URL])
def test_signed_out_users_get_the_sign_in_page_and_nothing_is_exported(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not _export_events().exists()


@pytest.mark.parametrize("url", [CSV_URL, PDF_URL])
def test_a_deactivated_user_exports_nothing(client_for, agency_member, url):
    client = client_for(agency_member)
    agency_member.is_active = False
    agency_member.save(update_fields=["is_active"])
    response = client.get(url)
    assert response.status_code == 302
    assert not _export_events().exists()
