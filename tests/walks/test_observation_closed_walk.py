"""A post to a walk that is closed for observations is answered on the form, not with a server error."""

import pytest
from django.urls import reverse

from walks.models import Observation, SafetyWalk

from .factories import SafetyWalkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("data", [{}, {"category": "lighting", "description": "Mørk sti", "safety_rating": "2"}])
def test_a_closed_walk_answers_the_form_with_its_message(client_for, coordinator, data):
    walk = SafetyWalkFactory(status=SafetyWalk.Status.PUBLISHED)
    response = client_for(coordinator).post(reverse("walks:observation_create", args=[walk.pk]), data)
    assert response.status_code == 200
    assert "Vandringen er avsluttet" in response.text or "avsluttet" in response.text
    assert not Observation.objects.exists()
