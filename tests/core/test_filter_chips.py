"""The active filters above a list as removable chips (slt.core.forms.FilterForm.chips)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.http import QueryDict
from django.test.html import parse_html
from django.utils import translation

from coordination.forms import ActionItemFilterForm
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _form(query: str) -> ActionItemFilterForm:
    return ActionItemFilterForm(QueryDict(query) or None)


def _params(url: str) -> dict:
    assert url.startswith("?")
    return parse_qs(urlsplit(url).query)


def test_each_active_filter_is_a_chip_with_its_label_and_value():
    school = AgencyFactory(name="Lura skole")
    with translation.override("nb"):
        form = _form(f"q=lys&status=open&agency={school.pk}&source=&overdue=on&page=3")
        chips = form.chips()
        assert [chip.name for chip in chips] == ["q", "status", "agency", "overdue"]
        assert [chip.label for chip in chips] == ["Søk: «lys»", "Status: Åpen", "Aktør: Lura skole", "Bare forfalte"]


def test_a_chip_links_to_the_list_without_that_filter_on_the_first_page():
    school = AgencyFactory(name="Lura skole")
    form = _form(f"q=lys&status=open&agency={school.pk}&overdue=on&page=3")
    removals = {chip.name: _params(chip.remove_url) for chip in form.chips()}
    assert removals["status"] == {"q": ["lys"], "agency": [str(school.pk)], "overdue": ["on"]}
    assert removals["q"] == {"status": ["open"], "agency": [str(school.pk)], "overdue": ["on"]}
    assert removals["overdue"] == {"q": ["lys"], "status": ["open"], "agency": [str(school.pk)]}


def test_the_last_chip_links_to_the_bare_list():
    (chip,) = _form("status=done").chips()
    assert chip.remove_url == "?"


def test_the_count_on_the_filter_button_leaves_out_the_search_box():
    form = _form("q=lys&status=open&overdue=on")
    assert len(form.chips()) == 3
    assert form.folded_count == 2
    assert [field.name for field in form.folded_fields] == ["status", "agency", "source", "overdue"]


@pytest.mark.parametrize("query", ["", "status=&source=&q=", "page=2"])
def test_no_filter_no_chip(query):
    form = _form(query)
    assert form.chips() == []
    assert form.folded_count == 0


def test_an_invalid_filter_filters_nothing_and_shows_no_chip():
    form = _form("status=nonsense&overdue=on")
    assert form.filters()["overdue"] is False
    assert form.chips() == []


def test_the_search_box_has_a_placeholder_and_is_a_search_field():
    html = str(_form("")["q"])
    assert 'type="search"' in html
    assert 'placeholder="' in html


def test_a_filter_drop_down_renders_as_django_s_own_with_the_choice_selected():
    """The filters' drop-downs use slt/core/templates/widgets/select.html (options written in place, cheaper on a
    list page); the markup is the same as Django's."""
    school = AgencyFactory(name="Lura skole")
    with translation.override("nb"):
        form = _form(f"status=open&agency={school.pk}")
        for name in ("status", "source"):
            widget = form[name].field.widget
            assert widget.template_name == "widgets/select.html"
            ours = str(form[name])
            widget.template_name = forms.Select.template_name
            assert parse_html(ours) == parse_html(str(form[name]))
        assert '<option value="open" selected>Åpen</option>' in str(form["status"])
