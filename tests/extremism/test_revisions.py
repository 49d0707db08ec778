"""Every save keeps a revision (who, when, text); two revisions can be compared; restoring is a new revision."""

import pytest
from django.urls import reverse

from extremism import services
from extremism.models import GuideRevision, GuideSection, WarningSign
from slt.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(radicalisation_contact):
    return services.section_save(
        actor=radicalisation_contact,
        section=GuideSection(),
        slug="tiltak",
        title="Tiltak",
        kind="measures",
        order=10,
        body="Første avsnitt.\n\nSnakk med den unge.",
    )


def _edit(client, section, body, base):
    return client.post(
        reverse("extremism:section_update", args=[section.slug]),
        {"title": section.title, "kind": section.kind, "order": section.order, "body": body, "base_revision": base},
    )


def test_each_save_keeps_a_revision_with_who_and_when(client_for, coordinator, section):
    response = _edit(client_for(coordinator), section, "Første avsnitt.\n\nSnakk med den unge og foresatte.", 1)
    assert response.status_code == 302
    revisions = list(section.revisions.order_by("number"))
    assert [(r.number, r.created_by.username) for r in revisions] == [(1, "radikalisering"), (2, "koordinator")]
    assert revisions[1].body.endswith("og foresatte.")
    section.refresh_from_db()
    assert section.body.endswith("og foresatte.")
    assert section.updated_by == coordinator
    assert AuditEvent.objects.filter(action="update", object_type="extremism.guidesection").count() == 1


def test_the_diff_between_two_revisions_is_escaped(client_for, coordinator, section):
    client = client_for(coordinator)
    _edit(client, section, "Første avsnitt.\n\nSnakk med <b>den unge</b> og foresatte.", 1)
    first, second = section.revisions.order_by("number")
    response = client.get(
        reverse("extremism:section_history", args=[section.slug]), {"old": first.pk, "new": second.pk}
    )
    assert response.status_code == 200
    assert ("removed", "Snakk med den unge.") in response.context["diff"]
    assert ("added", "Snakk med <b>den unge</b> og foresatte.") in response.context["diff"]
    assert "&lt;b&gt;den unge&lt;/b&gt;" in response.text
    assert "<b>den unge</b>" not in response.text
    assert "Endringer fra versjon 1 til versjon 2" in response.text


def test_restore_puts_an_earlier_text_back_as_a_new_revision(client_for, radicalisation_contact, section):
    client = client_for(radicalisation_contact)
    _edit(client, section, "Helt ny tekst.", 1)
    first = section.revisions.get(number=1)
    response = client.post(reverse("extremism:section_restore", args=[section.slug, first.pk]))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "Første avsnitt.\n\nSnakk med den unge."
    latest = section.revisions.order_by("-number").first()
    assert (latest.number, latest.restored_from, latest.body) == (3, first, section.body)
    assert section.revisions.count() == 3


def test_a_save_on_top_of_someone_elses_is_refused(client_for, coordinator, radicalisation_contact, section):
    _edit(client_for(radicalisation_contact), section, "Kontaktens versjon.", 1)
    response = _edit(client_for(coordinator), section, "Koordinatorens versjon.", 1)
    assert response.status_code == 200
    assert "Noen andre har lagret teksten etter at du åpnet den." in response.text
    section.refresh_from_db()
    assert section.body == "Kontaktens versjon."
    assert section.revisions.count() == 2


def test_a_section_needs_a_title_and_a_text(client_for, coordinator, section):
    response = _edit(client_for(coordinator), section, "", 1)
    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert section.revisions.count() == 1


def test_warning_signs_have_revisions_a_diff_and_restore(client_for, radicalisation_contact):
    client = client_for(radicalisation_contact)
    response = client.post(
        reverse("extremism:sign_create"),
        {"title": "Nye symboler", "order": 10, "meaning": "Tilhørighet.", "not_alone": "Mote.", "what_to_do": "Spør."},
    )
    assert response.status_code == 302
    sign = WarningSign.objects.get()
    client.post(
        reverse("extremism:sign_update", args=[sign.pk]),
        {
            "title": "Nye symboler",
            "order": 10,
            "meaning": "Tilhørighet til en gruppe.",
            "not_alone": "Mote.",
            "what_to_do": "Spør.",
            "base_revision": 1,
        },
    )
    first, second = sign.revisions.order_by("number")
    history = client.get(reverse("extremism:sign_history", args=[sign.pk]), {"old": first.pk, "new": second.pk})
    assert ("added", "Tilhørighet til en gruppe.") in history.context["diff"]
    client.post(reverse("extremism:sign_restore", args=[sign.pk, first.pk]))
    sign.refresh_from_db()
    assert sign.meaning == "Tilhørighet."
    assert sign.revisions.count() == 3


def test_a_revision_of_another_section_cannot_be_restored_here(client_for, radicalisation_contact, section):
    other = services.section_save(
        actor=radicalisation_contact,
        section=GuideSection(),
        slug="annet",
        title="Annet",
        kind="other",
        order=20,
        body="Annen tekst.",
    )
    response = client_for(radicalisation_contact).post(
        reverse("extremism:section_restore", args=[section.slug, other.revisions.get().pk])
    )
    assert response.status_code == 404
    section.refresh_from_db()
    assert section.body.startswith("Første avsnitt.")
    assert GuideRevision.objects.count() == 2
