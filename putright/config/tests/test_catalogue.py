"""The Welsh catalogue: the committed `django.mo` says what `django.po` says.

Django reads only the compiled `.mo`; a fresh machine has no `msgfmt` to compile it, so it is
committed (docs/running/languages.md). These tests fail when someone edits the `.po` and
forgets `make messages` (which compiles it), and when a public string has no Welsh.
"""

from __future__ import annotations

import gettext
import re

import pytest

from putright.core.tests.pseudo_translation import CATALOGUE, Entry, read_po

LOCALE = CATALOGUE.parent
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry for entry in read_po() if entry.msgid]


@pytest.fixture(scope="module")
def compiled() -> gettext.GNUTranslations:
    with (LOCALE / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def test_the_reader_reads_flags_and_source_files(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n\n'
        "#: public/a.html public/b.py\n#, fuzzy, python-format\n"
        'msgid ""\n"Dear %(name)s, "\n"\\"hello\\""\nmsgstr "Annwyl %(name)s"\n\n'
        'msgctxt "button"\nmsgid "Send"\nmsgstr ""\n',
        encoding="utf-8",
    )
    _header, first, second = read_po(po)
    assert first.msgid == 'Dear %(name)s, "hello"'
    assert first.msgstr == "Annwyl %(name)s"
    assert first.locations == ("public/a.html", "public/b.py")
    assert first.flags == {"fuzzy", "python-format"}
    assert second.key == "button\x04Send"
    assert not second.flags
    assert not second.msgstr


def test_the_compiled_catalogue_matches_the_po_file(entries, compiled):
    expected = {
        entry.key: entry.msgstr
        for entry in entries
        if entry.msgstr and "fuzzy" not in entry.flags and not entry.msgid_plural
    }
    catalogue = {key: value for key, value in compiled._catalog.items() if key}
    stale = {
        key: (catalogue.get(key), value)
        for key, value in expected.items()
        if catalogue.get(key) != value
    }
    assert not stale, "django.po changed: run `make messages` to compile django.mo"
    singular = {key for key in catalogue if isinstance(key, str)}
    assert singular == set(expected), "django.mo has entries the .po no longer has"


def test_no_entry_is_left_fuzzy(entries):
    assert not [entry.msgid for entry in entries if "fuzzy" in entry.flags]


def test_every_public_string_has_its_welsh(entries):
    public = [e for e in entries if any("public/" in p for p in e.locations)]
    assert len(public) > 150
    assert not [e.msgid for e in public if not e.msgstr]


def test_every_translation_keeps_the_placeholders_of_its_english(entries):
    wrong = [
        entry.msgid
        for entry in entries
        if entry.msgstr
        and sorted(PLACEHOLDER.findall(entry.msgstr))
        != sorted(PLACEHOLDER.findall(entry.msgid))
    ]
    assert not wrong
