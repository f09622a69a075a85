"""A pseudo-Welsh catalogue for tests: every msgid of the real catalogue, in brackets.

Text rendered under `translation.override("cy")` with this catalogue shows each translated
string as `[...]`, so any English left outside brackets was never marked for translation
(or `make messages` was not run after marking it). No gettext tools are needed: the .po file
is read and the .mo file written here.
"""

from __future__ import annotations

import ast
import re
import struct
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.PACKAGE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    # The `#,` flags ("fuzzy", "python-format") and the `#:` source files.
    flags: frozenset[str] = frozenset()
    locations: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The entry's key in a compiled catalogue (context, then msgid)."""
        if self.msgctxt is None:
            return self.msgid
        return f"{self.msgctxt}\x04{self.msgid}"


def _read_comment(line: str, flags: set[str], locations: list[str]) -> None:
    """Collect a `#,` flags line or a `#:` source files line for the next entry."""
    if line.startswith("#,"):
        flags |= {flag.strip() for flag in line[2:].split(",")}
    elif line.startswith("#:"):
        locations += line[2:].split()


def read_po(path: Path = CATALOGUE) -> list[Entry]:
    """The entries of a .po file, header first (obsolete entries left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    field = ""
    flags: set[str] = set()
    locations: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            _read_comment(line, flags, locations)
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword == "msgctxt" or (keyword == "msgid" and field != "msgctxt"):
                entry = Entry(flags=frozenset(flags), locations=tuple(locations))
                entries.append(entry)
                flags, locations = set(), []
            field, text = keyword, ast.literal_eval(rest)
        if entry is None:
            continue
        if field == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text
        elif field == "msgid":
            entry.msgid += text
        elif field == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text
        elif field in ("msgstr", "msgstr[0]"):
            entry.msgstr += text
    return entries


def _plural_count(header: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(match.group(1)) if match else 2


def write_pseudo_mo(directory: Path, entries: list[Entry]) -> Path:
    """Compile `[msgid]` for every entry into directory/cy/LC_MESSAGES/django.mo."""
    header = entries[0].msgstr if entries and not entries[0].msgid else ""
    messages = {b"": header.encode()}
    for entry in entries:
        if not entry.msgid:
            continue
        key = entry.msgid
        if entry.msgctxt is not None:
            key = f"{entry.msgctxt}\x04{key}"
        value = f"[{entry.msgid}]"
        if entry.msgid_plural is not None:
            key = f"{key}\x00{entry.msgid_plural}"
            forms = [value] + [f"[{entry.msgid_plural}]"] * (_plural_count(header) - 1)
            value = "\x00".join(forms)
        messages[key.encode()] = value.encode()
    # The GNU .mo layout: a header, two offset tables, then the strings.
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for msgid in keys:
        offsets.append((len(ids), len(msgid), len(strs), len(messages[msgid])))
        ids += msgid + b"\x00"
        strs += messages[msgid] + b"\x00"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    table: list[int] = []
    for id_offset, id_length, _, _ in offsets:
        table += [id_length, id_offset + key_start]
    for _, _, str_offset, str_length in offsets:
        table += [str_length, str_offset + value_start]
    output = struct.pack(
        "Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0
    )
    output += struct.pack(f"{len(table)}i", *table) + ids + strs
    target = directory / "cy" / "LC_MESSAGES" / "django.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(output)
    return target


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees (the title included, styles and scripts left out)."""
    collector = _TextCollector()
    collector.feed(html)
    return "".join(collector.parts)


def untranslated(text: str, data: list[str]) -> list[str]:
    """Words outside every `[...]` that are not data copied from the record."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\[[^\[\]]*\]", " ", text)
    for value in sorted(data, key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    text = re.sub(r"https?://\S+", " ", text)
    return re.findall(r"[^\W\d_][\w'’-]*", text)
