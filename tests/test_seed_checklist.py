"""Issue 11 item 2: docs/seed-checklist.md stays true.

The checklist maps every element the four seed reports publish (001 Wolverhampton, 002
Staffordshire, 003 Stoke-on-Trent, 004 Kensington and Chelsea) to where putright produces it.
Each row's locator is checked against the demo council's own output for 2025/2026:

- `report:<section>:`regex`` — the regex matches the text of that section of the internal
  annual report (HTML, tags stripped, white space collapsed);
- `stats:<dotted.key>` — the key path exists in `engine.statistics_for` for the year
  (docs/counting-rules.md §5);
- `page:<namespace:url name>` — the staff page's URL name reverses;
- `docs:<file> §<n>` — that docs file has a heading numbered §n;
- `commentary:<section>` — the council's commentary saved for that section appears in that
  section of the report;
- `command:report --period <part>:`regex`` — the regex matches the text of the internal
  quarterly or half-year report of 2025/2026 for that part (`putright report --period Q2`);
- `not produced` — nothing yet (none is left; a test fails if one comes back).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import NoReverseMatch, reverse

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "docs" / "seed-checklist.md"
SEEDS = ("001", "002", "003", "004")
YEAR = "2025/2026"
TODAY = dt.date(
    2026, 11, 22
)  # the demo's fixed "today", so the data are the same each run
COMMENTARY = "Checklist commentary marker for section {key}."
LOCATOR_KINDS = (
    "report",
    "stats",
    "page",
    "docs",
    "commentary",
    "command",
    "not produced",
)
PERIOD_COMMAND = re.compile(r"\s*report --period (Q[1-4]|H[12])\s*$")


@dataclass(frozen=True)
class Row:
    seed: str
    ref: str
    where: str
    element: str
    locator: str
    line: int

    @property
    def kind(self) -> str:
        if self.locator.lower().startswith("not produced"):
            return "not produced"
        return self.locator.split(":", 1)[0].strip()

    def __str__(self) -> str:
        return f"{self.ref} (line {self.line}: {self.element})"


def _cells(line: str) -> list[str]:
    """A markdown table row's cells; a pipe inside backticks or escaped belongs to the cell."""
    cells, cell, code, i = [], "", False, 0
    body = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            cell += "|"
            i += 2
            continue
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
        i += 1
    cells.append(cell.strip())
    return cells


def parse_checklist(text: str) -> list[Row]:
    """Every data row of the per-seed tables (under a "## Seed NNN" heading)."""
    rows: list[Row] = []
    seed = None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = re.match(r"^## Seed (\d{3})\b", line)
        if heading:
            seed = heading.group(1)
            continue
        if line.startswith("## "):
            seed = None
        if seed is None or not line.startswith("|"):
            continue
        cells = _cells(line)
        if cells[0] in ("#", "") or set(cells[0]) <= set("-: "):
            continue  # header or rule
        assert len(cells) >= 4, f"line {number} has {len(cells)} cells, not 4 or 5"
        ref, where, element, locator = cells[:4]
        rows.append(Row(seed, ref, where, element, locator, number))
    return rows


ROWS = parse_checklist(CHECKLIST.read_text(encoding="utf-8"))


def _flat(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _sections(html: str) -> dict[str, str]:
    """The text of each top-level report section, by section key."""
    parts = re.split(r'<section class="report-section" id="section-([a-z_]+)"', html)
    return {parts[i]: _flat(parts[i + 1]) for i in range(1, len(parts), 2)}


@pytest.fixture(scope="module")
def output(django_db_setup, django_db_blocker):
    """The demo council loaded once, with commentary on every section the checklist names;
    the internal 2025/2026 report's text by section, the text of each part-year report the
    checklist names and the year's statistics."""
    from putright.accounts.models import User
    from putright.accounts.tests.factories import UserFactory
    from putright.reporting.generation import report_generate
    from putright.reporting.parameters import report_parameters
    from putright.reporting.services import commentary_save
    from putright.statistics.engine import selection_for, statistics_for

    # Built in one transaction that is rolled back: no other test sees the demo council, and
    # the rows made by migrations (procedures, refusal reasons) stay as they were.
    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "demo",
            "--today",
            TODAY.isoformat(),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        writer = UserFactory(
            username="checklist-writer", role=User.Role.COMPLAINTS_TEAM
        )
        for key in {r.locator.split(":")[1] for r in ROWS if r.kind == "commentary"}:
            commentary_save(
                section=key,
                year=YEAR,
                directorate=None,
                text=COMMENTARY.format(key=key),
                by=writer,
            )
        parameters = report_parameters(year=YEAR, fmt="html", audience="internal")
        html = report_generate(parameters=parameters).decode()
        parts = {}
        for part in sorted(_parts_named(ROWS)):
            parameters = report_parameters(
                year=YEAR, period=part, fmt="html", audience="internal"
            )
            parts[part] = _flat(report_generate(parameters=parameters).decode())
        stats = statistics_for(period=selection_for(year=YEAR).period, today=TODAY)
        transaction.set_rollback(True)
    return {"sections": _sections(html), "parts": parts, "stats": stats}


def _parts_named(rows: list[Row]) -> set[str]:
    """The parts of the year (Q1-Q4, H1, H2) whose reports `command:` locators name."""
    found = set()
    for row in rows:
        if row.kind == "command":
            command = row.locator.split(":", 2)[1]
            match = PERIOD_COMMAND.match(command)
            if match:
                found.add(match.group(1))
    return found


def test_the_checklist_has_a_table_for_each_seed_in_order():
    seeds = [row.seed for row in ROWS]
    assert sorted(set(seeds)) == list(SEEDS)
    assert seeds == sorted(seeds), "rows are grouped by seed, 001 to 004"
    for seed in SEEDS:
        assert sum(1 for s in seeds if s == seed) >= 40, (
            f"seed {seed} has under 40 rows"
        )
    refs = [row.ref for row in ROWS]
    assert len(refs) == len(set(refs)), "row numbers are unique"


def test_the_parser_reads_escaped_pipes_and_backticks_and_only_seed_tables():
    text = "\n".join(
        [
            "# Title",
            "| # | a | b | c | d |",
            "|---|---|---|---|---|",
            "| 009.01 | outside | any seed | not produced | |",
            "## Seed 007: a council",
            "| # | Where | Element | Locator | Note |",
            "|---|---|---|---|---|",
            "| 007.01 | Intro | sentence | report:summary:`a (b\\|c)` | n |",
            "| 007.02 | Table | x | not produced | needs y |",
            "## Keeping it true",
            "| 007.03 | after | the tables | stats:year | |",
        ]
    )
    rows = parse_checklist(text)
    assert [(r.ref, r.kind) for r in rows] == [
        ("007.01", "report"),
        ("007.02", "not produced"),
    ]
    assert rows[0].locator == "report:summary:`a (b|c)`"
    assert rows[0].line == 8


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.ref)
def test_row_locator_is_well_formed(row):
    assert row.kind in LOCATOR_KINDS, f"{row}: unknown locator {row.locator!r}"
    assert row.ref.startswith(row.seed + "."), f"{row}: number does not name its seed"
    assert row.where, f"{row}: says where in the seed"
    assert row.element, f"{row}: says what the element is"


def _check(row: Row, output: dict) -> None:
    from putright.reporting.blocks import SECTIONS

    kind, _, rest = row.locator.partition(":")
    if kind == "report":
        key, _, pattern = rest.partition(":")
        pattern = pattern.strip()
        assert pattern.startswith("`"), (
            f"{row}: the report text is a regex in backticks"
        )
        assert pattern.endswith("`"), f"{row}: the report text is a regex in backticks"
        text = output["sections"].get(key.strip())
        assert text is not None, f"{row}: no report section {key!r}"
        assert re.search(pattern[1:-1], text), (
            f"{row}: /{pattern[1:-1]}/ not found in report section {key!r}"
        )
    elif kind == "stats":
        node = output["stats"]
        for part in rest.strip().strip("`").split("."):
            assert isinstance(node, dict), f"{row}: {rest.strip()!r} goes past a figure"
            assert part in node, (
                f"{row}: statistics have no {rest.strip()!r} (stopped at {part!r})"
            )
            node = node[part]
    elif kind == "page":
        name = rest.strip().strip("`")
        try:
            reverse(name)
        except NoReverseMatch:
            pytest.fail(f"{row}: no staff page named {name!r}")
    elif kind == "docs":
        match = re.fullmatch(r"\s*`?([\w./-]+\.md)\s+§([\d.]+)`?\s*", rest)
        assert match, f"{row}: docs locator is 'docs:<file> §<n>'"
        path = ROOT / "docs" / match.group(1)
        assert path.exists(), f"{row}: no docs/{match.group(1)}"
        number = re.escape(match.group(2))
        assert re.search(
            rf"^#+ {number}[. ]", path.read_text(encoding="utf-8"), re.M
        ), f"{row}: docs/{match.group(1)} has no §{match.group(2)}"
    elif kind == "command":
        command, _, pattern = rest.partition(":")
        match = PERIOD_COMMAND.match(command)
        assert match, (
            f"{row}: command locator is 'command:report --period <part>:`regex`'"
        )
        pattern = pattern.strip()
        assert len(pattern) > 1, f"{row}: the report text is a regex in backticks"
        assert pattern[0] == pattern[-1] == "`", (
            f"{row}: the report text is a regex in backticks"
        )
        text = output["parts"][match.group(1)]
        assert re.search(pattern[1:-1], text), (
            f"{row}: /{pattern[1:-1]}/ not found in the {match.group(1)} report"
        )
    elif kind == "commentary":
        key = rest.strip().strip("`")
        assert key in SECTIONS, f"{row}: {key!r} is not a report section"
        assert COMMENTARY.format(key=key) in output["sections"].get(key, ""), (
            f"{row}: the commentary for {key!r} does not appear in that section"
        )
    else:
        pytest.fail(f"{row}: unknown locator {row.locator!r}")


PRODUCED = [row for row in ROWS if row.kind != "not produced"]
NOT_PRODUCED = [row for row in ROWS if row.kind == "not produced"]


# The database is needed only to build `output` (once); `no_council` because the demo makes
# its own council.
@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.no_council
@pytest.mark.parametrize("row", PRODUCED, ids=lambda r: r.ref)
def test_row_is_produced_where_the_checklist_says(row, output):
    _check(row, output)


def test_no_row_is_left_not_produced():
    assert not NOT_PRODUCED, "not produced: " + "; ".join(str(r) for r in NOT_PRODUCED)
