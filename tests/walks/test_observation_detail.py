import pytest
from django.urls import reverse

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


def test_every_signed_in_role_reads_an_observation(client_for, any_role_user, walk, lighting_company):
    observation = ObservationFactory(walk=walk, description="Knust lampe i undergangen")
    observation.action_items.add(
        WalkActionItemFactory(
            title="Ny lampe", responsible_agency=lighting_company, status="wont_do", status_reason="Skal rives"
        )
    )
    response = client_for(any_role_user).get(observation.get_absolute_url())
    assert response.status_code == 200
    assert "Knust lampe i undergangen" in response.text
    assert "Skal rives" in response.text


def test_an_unknown_observation_is_404(client_for, coordinator):
    assert client_for(coordinator).get(reverse("walks:observation_detail", args=[999])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, walk):
    assert client.get(ObservationFactory(walk=walk).get_absolute_url()).status_code == 302
