"""A concern's timeline speaks the reader's language: status changes are stored as codes, not sentences."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from coordination import services
from coordination.models import Concern, ConcernNote

from .factories import ConcernFactory, ConcernNoteFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db

conversion = importlib.import_module("coordination.migrations.0005_concern_note_status_codes")


def _timeline(client, concern):
    page = client.get(concern.get_absolute_url()).text
    return page.split('id="timeline-heading"')[1].split("</ol>")[0]


def test_a_status_change_is_stored_as_codes(coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter, status=Concern.Status.ASSESSMENT)
    with translation.override("nb"):
        services.concern_set_status(actor=coordinator, concern=concern, status="closed", outcome="referred")
    entry = concern.notes.get(kind=ConcernNote.Kind.STATUS)
    assert (entry.new_status, entry.outcome, entry.text) == ("closed", "referred", "")


def test_the_same_status_change_reads_in_norwegian_and_in_english(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    ConcernShareFactory(concern=concern, agency=police.agency)
    with translation.override("nb"):  # the coordinator works in Norwegian
        services.concern_set_status(actor=coordinator, concern=concern, status="assessment")
        services.concern_set_status(actor=coordinator, concern=concern, status="closed", outcome="resolved")
    police.preferred_language = "en"
    police.save(update_fields=["preferred_language"])

    norwegian = _timeline(client_for(coordinator), concern)
    english = _timeline(client_for(police), concern)

    assert "Under vurdering" in norwegian and "Avsluttet: Løst" in norwegian
    assert "Under assessment" in english and "Closed: Resolved" in english
    assert "Under vurdering" not in english and "Løst" not in english


def test_an_entry_written_as_a_sentence_before_the_codes_shows_its_text(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    ConcernNoteFactory(concern=concern, kind=ConcernNote.Kind.STATUS, text="Status endret ved import")
    assert "Status endret ved import" in _timeline(client_for(coordinator), concern)


def test_the_migration_turns_old_sentences_into_codes_and_keeps_what_it_does_not_know(other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    rows = {
        text: ConcernNoteFactory(concern=concern, kind=ConcernNote.Kind.STATUS, text=text)
        for text in ("Under vurdering", "Closed: Referred to a service", "Avsluttet: Løst", "Noe annet")
    }
    note = ConcernNoteFactory(concern=concern, kind=ConcernNote.Kind.NOTE, text="Ny")

    conversion.status_text_to_codes(apps, schema_editor=None)

    def codes(row):
        row.refresh_from_db()
        return row.new_status, row.outcome, row.text

    assert codes(rows["Under vurdering"]) == ("assessment", "", "")
    assert codes(rows["Closed: Referred to a service"]) == ("closed", "referred", "")
    assert codes(rows["Avsluttet: Løst"]) == ("closed", "resolved", "")
    assert codes(rows["Noe annet"]) == ("", "", "Noe annet")
    assert codes(note) == ("", "", "Ny")  # a note is a note, whatever it says

    conversion.status_codes_to_text(apps, schema_editor=None)
    assert codes(rows["Avsluttet: Løst"])[2] == "Closed: Resolved"
