"""`make run` debugs with DEBUG on; visitors of the demo still get the product's own 404 page."""

import pytest

pytestmark = pytest.mark.django_db
PRODUCT = "Siden finnes ikke"


@pytest.mark.parametrize("path", ["/finnes-ikke/", "/bekymringer/999999/"])
def test_debug_shows_the_product_s_404_page(client_for, coordinator, settings, path):
    settings.DEBUG = True
    response = client_for(coordinator).get(path)
    assert response.status_code == 404
    assert PRODUCT in response.text and "URLconf" not in response.text


def test_a_developer_can_ask_for_django_s_page(client_for, coordinator, settings):
    settings.DEBUG, settings.DEBUG_TECHNICAL_404 = True, True
    response = client_for(coordinator).get("/finnes-ikke/")
    assert response.status_code == 404 and PRODUCT not in response.text and "URLconf" in response.text


def test_without_debug_nothing_changes(client_for, coordinator):
    response = client_for(coordinator).get("/finnes-ikke/")
    assert response.status_code == 404 and PRODUCT in response.text
