"""The filters of the action-item and concern lists: the "Filter" button with its count, the chips that remove a
filter, empty states that say what is true, and a query budget that active filters do not change."""

import pytest
from django.urls import reverse

from coordination.models import ActionItem
from tests.budget import queries_for
from tests.factories import AgencyFactory, AreaFactory

from .factories import ActionItemFactory, ConcernFactory

pytestmark = pytest.mark.django_db

ACTION_ITEMS = reverse("coordination:action_item_list")
CONCERNS = reverse("coordination:concern_list")
INBOX = reverse("coordination:concern_inbox")
HTMX = {"HX-Request": "true"}


def test_the_filter_button_counts_the_folded_filters_and_each_filter_is_a_chip(client_for, coordinator):
    ActionItemFactory(title="Ny belysning", status=ActionItem.Status.OPEN)
    html = client_for(coordinator).get(ACTION_ITEMS, {"q": "belysning", "status": "open", "overdue": ""}).text
    assert 'aria-controls="filter-panel"' in html
    assert 'aria-expanded="false"' in html
    # The search box is always in view: only the status counts on the button.
    assert (
        '<span class="badge rounded-pill text-bg-primary">1</span><span class="visually-hidden"> aktivt filter</span>'
        in html
    )
    assert 'href="?q=belysning&amp;overdue=" aria-label="Fjern filter: Status: Åpen">Status: Åpen' in html
    assert 'href="?status=open&amp;overdue=" aria-label="Fjern filter: Søk: «belysning»"' in html
    assert f'<a class="filter-chip filter-chip-clear" href="{ACTION_ITEMS}">Fjern alle filtre</a>' in html
    assert "Ny belysning" in html


def test_no_filter_no_chips_and_no_count(client_for, coordinator):
    ActionItemFactory()
    html = client_for(coordinator).get(ACTION_ITEMS).text
    assert "filter-chip" not in html
    assert "rounded-pill text-bg-primary" not in html


def test_a_chip_for_a_chosen_agency_names_it(client_for, coordinator):
    school = AgencyFactory(name="Lura skole")
    ActionItemFactory(responsible_agency=school)
    html = client_for(coordinator).get(ACTION_ITEMS, {"agency": school.pk}).text
    assert 'aria-label="Fjern filter: Aktør: Lura skole"' in html
    assert 'href="?"' in html


def test_the_htmx_results_carry_the_chips_and_the_new_count_out_of_band(client_for, coordinator):
    ActionItemFactory(status=ActionItem.Status.DONE)
    response = client_for(coordinator).get(ACTION_ITEMS, {"status": "done", "source": "other"}, headers=HTMX)
    html = response.text
    assert "<html" not in html
    assert '<span id="filter-count" hx-swap-oob="true">' in html
    assert '<span class="badge rounded-pill text-bg-primary">2</span>' in html
    assert 'aria-label="Fjern filter: Status: Utført"' in html


def test_an_empty_filtered_list_says_nothing_matches_and_offers_to_remove_the_filters(client_for, coordinator):
    ActionItemFactory(status=ActionItem.Status.OPEN)
    html = client_for(coordinator).get(ACTION_ITEMS, {"status": "done"}).text
    assert "Ingen tiltak passer med filteret." in html
    assert f'<a href="{ACTION_ITEMS}">Fjern alle filtre</a>' in html
    assert "Ingen tiltak ennå." not in html


def test_an_empty_list_without_filters_says_there_are_none_yet(client_for, coordinator):
    html = client_for(coordinator).get(ACTION_ITEMS).text
    assert "Ingen tiltak ennå." in html
    assert "Fjern alle filtre" not in html


def test_concern_chips_and_empty_states(client_for, coordinator, other_reporter):
    lura = AreaFactory(name="Lura")
    ConcernFactory(reporter=other_reporter, categories=["drugs"], area=lura)
    client = client_for(coordinator)
    html = client.get(CONCERNS, {"area": lura.pk, "category": "bullying"}).text
    assert 'aria-label="Fjern filter: Område: Lura"' in html
    assert f'href="?area={lura.pk}" aria-label="Fjern filter: Kategori: ' in html
    assert "Fjern alle filtre" in html
    assert "Ingen bekymringer ennå." not in html
    assert "Ingenting er delt med aktøren din ennå." in client.get(INBOX).text


@pytest.mark.parametrize(
    ("url", "filters", "fill"),
    [
        (ACTION_ITEMS, "?status=open&q=Tiltak&overdue=", lambda agency: ActionItemFactory(responsible_agency=agency)),
        (CONCERNS, "?status=new&category=drugs&q=a", None),
    ],
)
def test_active_filters_do_not_change_the_query_budget(client_for, coordinator, other_reporter, url, filters, fill):
    """The chips cost no queries: a chosen record is already in the form's cleaned data."""
    agency = AgencyFactory()
    client = client_for(coordinator)

    def add(count):
        for _ in range(count):
            if fill:
                fill(agency)
            else:
                ConcernFactory(reporter=other_reporter, categories=["drugs"], description="Sett i parken")

    add(2)
    few = queries_for(client, url + filters + f"&agency={agency.pk}")
    add(15)
    assert queries_for(client, url + filters + f"&agency={agency.pk}") == few


def test_the_concern_results_carry_the_new_count_out_of_band(client_for, coordinator, other_reporter):
    ConcernFactory(reporter=other_reporter)
    html = client_for(coordinator).get(CONCERNS, {"status": "new"}, headers=HTMX).text
    assert "<html" not in html
    assert (
        '<span id="filter-count" hx-swap-oob="true"> <span class="badge rounded-pill text-bg-primary">1</span>' in html
    )
