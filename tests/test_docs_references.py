"""Every rule the code cites is in the repository's own docs/, under the number it cites.

A reference reads `docs/<file>.md §N[.M]` (several numbers may follow one file: `§1.6 and
§8.5`, `§2-§3`). It must name a file that exists and a numbered heading in it. The design
files outside the repository must not be cited any more (docs/README.md alone explains where
the text came from). Links between the docs pages must land on a heading that exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

SKIP_DIRS = frozenset(
    {".git", ".venv", "node_modules", "var", "__pycache__", "media", "staticfiles"}
)
TEXT_SUFFIXES = frozenset(
    {".py", ".md", ".html", ".txt", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".sh"}
)
TEXT_NAMES = frozenset({"Makefile", "run"})

SECTION = r"§\d+(?:\.\d+)*"
REFERENCE = re.compile(
    rf"docs/(?P<file>[\w./-]+?\.md)(?P<sections>(?:\s*(?:,|and|-|–|to)?\s*{SECTION})*)"
)
NUMBERED_HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", re.MULTILINE)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
LINK = re.compile(r"\]\((?P<target>[^)\s]*?)(?:#(?P<anchor>[^)\s]+))?\)")
CODE_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)

# Spelt in pieces so that this file does not cite them itself.
OUTSIDE_SPECIFICATION = (
    "DATA_" + "FORMAT",
    "RULES" + ".md",
    "PRODUCT" + ".md",
    "../" + "shared",
    "shared/" + "design",
)
INDEX = DOCS / "README.md"


def repository_text_files() -> list[Path]:
    """The files people read: code, templates, tests, docs, build and CI scripts."""
    found = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if any(part in SKIP_DIRS for part in relative.parts[:-1]):
            continue
        if not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES:
            found.append(path)
    return sorted(found)


def numbered_sections(markdown: str) -> set[str]:
    """The section numbers of a page's headings (`## 5.3 Response times` gives `5.3`)."""
    return set(NUMBERED_HEADING.findall(CODE_FENCE.sub("", markdown)))


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lowercase, punctuation dropped."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for title in HEADING.findall(CODE_FENCE.sub("", markdown)):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title).replace("`", "")
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def references(text: str) -> list[tuple[str, list[str]]]:
    """Each `docs/<file>.md` mention with the section numbers that follow it."""
    return [
        (match["file"], re.findall(r"§(\d+(?:\.\d+)*)", match["sections"]))
        for match in REFERENCE.finditer(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see docs/counting-rules.md §5.", [("counting-rules.md", ["5"])]),
        (
            "(docs/regulatory-rules.md §1.6 and §8.5)",
            [("regulatory-rules.md", ["1.6", "8.5"])],
        ),
        ("docs/deadline-rules.md §2-§3", [("deadline-rules.md", ["2", "3"])]),
        (
            "docs/interchange-format.md §4.1, §4.2",
            [("interchange-format.md", ["4.1", "4.2"])],
        ),
        (
            "docs/adr/0002-import-audit-and-speed.md",
            [("adr/0002-import-audit-and-speed.md", [])],
        ),
    ],
)
def test_a_reference_is_read_with_every_section_number_after_its_file(text, expected):
    assert references(text) == expected


def test_github_anchors_drop_punctuation_and_join_words_with_hyphens():
    page = "# Title\n## 5.3 Response times\n### 4.1 The `contacts` table\n## Kinds\n## Kinds\n"
    assert github_anchors(page) == {
        "title",
        "53-response-times",
        "41-the-contacts-table",
        "kinds",
        "kinds-1",
    }


def test_every_docs_reference_names_a_file_and_a_section_that_exist():
    broken = []
    cited = 0
    for path in repository_text_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for name, sections in references(text):
            cited += 1
            where = path.relative_to(ROOT)
            target = DOCS / name
            if not target.is_file():
                broken.append(f"{where}: docs/{name} does not exist")
                continue
            present = numbered_sections(target.read_text(encoding="utf-8"))
            broken.extend(
                f"{where}: docs/{name} has no heading numbered {number}"
                for number in sections
                if number not in present
            )
    assert broken == []
    # The code cites the rules it implements; none found means the search is broken.
    assert cited >= 40


@pytest.mark.parametrize(
    "page",
    ["interchange-format.md", "deadline-rules.md", "counting-rules.md"],
)
def test_the_specification_pages_keep_the_design_numbering(page):
    numbers = numbered_sections((DOCS / page).read_text(encoding="utf-8"))
    expected = {
        "interchange-format.md": {"1", "4", "4.1", "4.2", "4.3", "4.4", "7"},
        "deadline-rules.md": {"2", "3"},
        "counting-rules.md": {"5", "6"},
    }[page]
    assert expected <= numbers


def test_the_regulatory_digest_keeps_the_numbering_the_code_cites():
    numbers = numbered_sections((DOCS / "regulatory-rules.md").read_text("utf-8"))
    assert {"0", "1", "2", "3", "4", "5", "6", "7", "8", "11"} <= numbers
    assert {f"1.{n}" for n in range(1, 10)} <= numbers
    assert {f"8.{n}" for n in range(1, 10)} <= numbers


def test_no_reference_to_the_design_files_outside_the_repository_remains():
    found = []
    for path in repository_text_files():
        if path == INDEX or path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            found.extend(
                f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                for needle in OUTSIDE_SPECIFICATION
                if needle in line
            )
    assert found == []


def test_links_between_the_docs_pages_land_on_existing_headings():
    broken = []
    for page in sorted(DOCS.rglob("*.md")):
        text = CODE_FENCE.sub("", page.read_text(encoding="utf-8"))
        for match in LINK.finditer(text):
            target, anchor = match["target"], match["anchor"]
            if "://" in target or target.startswith("mailto:"):
                continue
            destination = (page.parent / target).resolve() if target else page
            if not destination.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target} does not exist")
                continue
            if anchor and destination.is_file():
                anchors = github_anchors(destination.read_text(encoding="utf-8"))
                if anchor not in anchors:
                    broken.append(
                        f"{page.relative_to(ROOT)}: {target or page.name}#{anchor} "
                        "is not a heading"
                    )
    assert broken == []
