"""The Welsh catalogue: the committed `django.mo` says what `django.po` says.

Django reads only the compiled `.mo`; a fresh machine has no `msgfmt` to compile it, so it is
committed (docs/running/languages.md). These tests fail when someone edits the `.po` and
forgets `make messages` (which compiles it), and when a public string has no Welsh.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    locations: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt else self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def _string(line: str) -> str:
    return ast.literal_eval(line[line.index('"') :])


def read_po(path: Path) -> list[Entry]:
    """A small .po reader: comments, flags, msgctxt, msgid(_plural), msgstr([n])."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if target is not None:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#:"):
            entry.locations += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += _string(line)
            else:
                setattr(entry, name, (getattr(entry, name) or "") + _string(line))
        else:
            keyword = line.split(" ", 1)[0]
            found = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if found or keyword == "msgstr":
                index = int(found.group(1)) if found else 0
                entry.msgstr[index] = _string(line)
                target = ("msgstr", index)
            else:
                setattr(entry, keyword, _string(line))
                target = (keyword, 0)
    return [entry for entry in entries if entry.msgid]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return read_po(LOCALE / "django.po")


@pytest.fixture(scope="module")
def compiled() -> gettext.GNUTranslations:
    with (LOCALE / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def test_the_reader_reads_what_gettext_writes(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n\n'
        "#: public/a.html public/b.py\n#, python-format\n"
        'msgid ""\n"Dear %(name)s, "\n"\\"hello\\""\nmsgstr "Annwyl %(name)s"\n\n'
        'msgctxt "button"\nmsgid "Send"\nmsgstr ""\n',
        encoding="utf-8",
    )
    first, second = read_po(po)
    assert first.msgid == 'Dear %(name)s, "hello"'
    assert first.msgstr == {0: "Annwyl %(name)s"}
    assert first.locations == ["public/a.html", "public/b.py"]
    assert "python-format" in first.flags
    assert second.key == "button\x04Send"
    assert not second.translated


def test_the_compiled_catalogue_matches_the_po_file(entries, compiled):
    expected = {
        entry.key: entry.msgstr[0]
        for entry in entries
        if entry.translated and "fuzzy" not in entry.flags and not entry.msgid_plural
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
    assert not [e.msgid for e in public if not e.translated]


def test_every_translation_keeps_the_placeholders_of_its_english(entries):
    wrong = [
        entry.msgid
        for entry in entries
        if entry.translated
        and any(
            sorted(PLACEHOLDER.findall(text))
            != sorted(PLACEHOLDER.findall(entry.msgid))
            for text in entry.msgstr.values()
        )
    ]
    assert not wrong
