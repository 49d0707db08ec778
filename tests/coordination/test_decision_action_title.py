"""An action item made from a decision gets a short title to edit; the whole decision is its description."""

import pytest
from django.urls import reverse

from coordination.forms.action_items import short_title
from coordination.models import AgendaItem
from tests.coordination.factories import MeetingFactory

pytestmark = pytest.mark.django_db

DECISION = (
    "Skolen og politiet holder et felles foreldremøte om rus på Lura før jul, med invitasjon på alle språk "
    "foreldrene snakker. Utekontakten deltar og legger fram tall fra sommeren."
)


def test_the_form_proposes_the_first_sentence_cut_at_a_word(client_for, coordinator):
    meeting = MeetingFactory()
    item = AgendaItem.objects.create(meeting=meeting, title="Rus i helgene", decision=DECISION)
    page = client_for(coordinator).get(reverse("coordination:agenda_item_action", args=[meeting.pk, item.pk]))
    form = page.context["form"]
    title = form.initial["title"]
    assert title == "Skolen og politiet holder et felles foreldremøte om rus på Lura før jul, med…"
    assert len(title) <= 80
    assert form.initial["description"] == DECISION


@pytest.mark.parametrize(
    ("decision", "title"),
    [
        ("Foreldremøte på Lura.", "Foreldremøte på Lura"),
        ("Kort vedtak! Mer tekst etterpå.", "Kort vedtak"),
        ("  mange   mellomrom\n og linjeskift ", "mange mellomrom og linjeskift"),
        ("", ""),
    ],
)
def test_short_titles(decision, title):
    assert short_title(decision) == title
