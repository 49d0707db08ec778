"""The Bokmål catalogue is complete and compiled."""

from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(text):
    """(msgid, [msgstr…], flags) for each entry of a .po file."""
    entries = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] += line[1:-1]
                continue
            key, _, value = line.partition(" ")
            current = key
            fields[key] = value[1:-1]
        if "msgid" in fields:
            msgstrs = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], msgstrs, flags))
    return entries


def test_every_message_has_a_norwegian_translation():
    entries = [e for e in _entries(PO.read_text(encoding="utf-8")) if e[0]]
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstrs, _ in entries if not all(msgstrs)]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_is_committed():
    assert MO.exists()
    assert MO.stat().st_size > 1000
