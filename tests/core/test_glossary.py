"""The Bokmål catalogue follows the glossary in docs/glossary.md: one word per idea."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

BASE = Path(settings.BASE_DIR)
MO = BASE / "locale" / "nb" / "LC_MESSAGES" / "django.mo"


def _forbidden():
    """The words of the glossary's "never" column."""
    words = []
    for line in (BASE / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("idea", "---"):
            words += [word.strip() for word in cells[3].split(",") if word.strip()]
    return words


def _msgstrs():
    """(msgid, msgstr) of every translation in the compiled catalogue (CI checks it matches the .po); a plural
    form's key is (msgid, n)."""
    with MO.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    for key, text in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and text:
            yield msgid, text


def test_the_glossary_names_the_synonyms_to_avoid():
    words = _forbidden()
    for expected in ("forsinket", "under arbeid", "pågående", "virksomhet"):
        assert expected in words


def test_no_translation_uses_a_word_the_glossary_forbids():
    patterns = {word: re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE) for word in _forbidden()}
    found = [
        (word, msgid, text) for msgid, text in _msgstrs() for word, pattern in patterns.items() if pattern.search(text)
    ]
    assert found == []


def test_the_glossary_check_catches_a_synonym():
    """The check itself: a translation with "Forsinket" would be found."""
    pattern = re.compile(r"(?<!\w)forsinket(?!\w)", re.IGNORECASE)
    assert pattern.search("Forsinket: tiltak T-1")
    assert not pattern.search("Forfalt: tiltak T-1")


def test_the_words_for_the_main_ideas():
    with translation.override("nb"):
        assert translation.gettext("Overdue") == "Forfalt"
        assert translation.gettext("overdue") == "forfalt"
        assert translation.gettext("In progress") == "Pågår"
        assert translation.gettext("Log a concern") == "Meld bekymring"
        assert translation.gettext("Log concern") == "Meld bekymring"


def test_the_concern_buttons_read_meld_bekymring(db, client_for, coordinator):
    client = client_for(coordinator)
    page = client.get(reverse("coordination:concern_list")).content.decode()
    assert re.search(r'class="btn btn-primary"[^>]*>Meld bekymring</a>', page)
    form = client.get(reverse("coordination:concern_create")).content.decode()
    assert re.search(r'<button type="submit" class="btn btn-primary">Meld bekymring</button>', form)
    assert "Registrer bekymring" not in form
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Meld bekymring" in dashboard
