"""Nothing typed into a case, and no suppressed count, can be got out of a published output.

Issue 10 build item 5. On a council with small numbers everywhere the issue found a leak
(`leaks.py`), an attacker tries to recover every hidden count from the rest of the output:
totals minus the shown parts, a percentage times its base, averages, the same figure in
other tables, and case lists; on the public report (HTML and Excel), the dashboard as a
reporting viewer and the API as a reporting viewer. Any count recovered, or narrowed below
"fewer than N" (the Children Act "at most 2"), fails the test.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections import Counter
from typing import Any

import pytest
from openpyxl import load_workbook

from putright.accounts.tests.factories import UserFactory
from putright.core.periods import Period
from putright.core.presentation import round_half_up
from putright.reporting.blocks import INTERNAL, PUBLIC, Suppressed
from putright.reporting.build import build_report
from putright.reporting.renderers.docx import render_docx
from putright.reporting.renderers.html import render_html
from putright.reporting.renderers.xlsx import render_xlsx
from putright.reporting.tests.leaks import (
    PUBLISHED_FINDING,
    PUBLISHED_LEARNING,
    build_leak_dataset,
)

pytestmark = pytest.mark.django_db
YEAR = Period(2022)
T = 5  # the council's threshold
HIDDEN = re.compile(r"^(fewer than \d+|not shown)$")
INF = 10**9


@pytest.fixture
def leaky(db):
    return build_leak_dataset()


# -- the attacker --------------------------------------------------------------------------


def propagate(
    known: dict[str, int],
    hidden: dict[str, str],
    relations: list[tuple[str, list[str], bool]],
) -> dict[str, tuple[int, int]]:
    """What the shown figures and the relations allow for each hidden count (sound bounds).

    A hidden count starts at 1..N-1 ("fewer than N") or 0..infinity ("not shown"), and
    every relation total = sum(parts) (or >= when not exact) tightens the bounds until
    nothing changes. The bounds only ever contain the true value.
    """
    bounds = {k: (v, v) for k, v in known.items()}
    for key, how in hidden.items():
        bounds[key] = (1, T - 1) if how.startswith("fewer") else (0, INF)
    for _ in range(50):
        changed = False
        for total, parts, exact in relations:
            if total not in bounds or not all(p in bounds for p in parts):
                continue
            t_lo, t_hi = bounds[total]
            lo_sum = sum(bounds[p][0] for p in parts)
            hi_sum = sum(min(bounds[p][1], INF) for p in parts)
            new_total = (max(t_lo, lo_sum), min(t_hi, hi_sum) if exact else t_hi)
            updates = {total: new_total}
            for p in parts:
                p_lo, p_hi = bounds[p]
                others_lo = lo_sum - p_lo
                others_hi = hi_sum - min(p_hi, INF)
                hi = min(p_hi, t_hi - others_lo)
                lo = max(p_lo, t_lo - others_hi) if exact else p_lo
                updates[p] = (lo, hi)
            for key, value in updates.items():
                if value != bounds[key]:
                    bounds[key] = value
                    changed = True
        if not changed:
            break
    return {k: bounds[k] for k in hidden}


def recovered(
    hidden: dict[str, str],
    bounds: dict[str, tuple[int, int]],
    truth: dict[str, int],
    small_totals: set[str] = frozenset(),
) -> list[str]:
    """Hidden counts pinned down exactly, or a small one bounded below N - 1."""
    found = []
    for key, how in hidden.items():
        lo, hi = bounds[key]
        assert lo <= truth.get(key, lo) <= hi, f"unsound bounds for {key}"
        if lo == hi:
            found.append(f"{key} = {lo}")
        elif how.startswith("fewer") and hi < T - 1 and key not in small_totals:
            found.append(f"{key} <= {hi}")
    return found


def percent_candidates(percent: float, base: int) -> set[int]:
    """The small counts that give `percent` of `base` as the output rounds it."""
    return {
        h
        for h in range(1, T)
        if base and float(round_half_up(100 * h / base, 1)) == round(percent, 1)
    }


# -- the public report ----------------------------------------------------------------------


def _workbook_tables(content: bytes) -> dict[str, list[list[Any]]]:
    workbook = load_workbook(io.BytesIO(content))
    tables = {}
    for sheet in workbook.worksheets[1:]:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        tables[sheet.title] = [r for r in rows if any(c is not None for c in r)]
    return tables


def _header_row(rows: list[list[Any]]) -> int:
    return next(
        i for i, r in enumerate(rows) if r and r[0] and i > 0 and r[1] is not None
    )


OUTCOME_COLUMNS = (
    "Upheld",
    "Partly upheld",
    "Not upheld",
    "Other outcome",
    "No outcome yet",
    "Other or no outcome yet",
)


def _received_attack(where: str, counts: dict[str, Any]) -> list[str]:
    """Received minus the outcomes shown bounds the hidden outcomes."""
    if not isinstance(counts.get("Received"), int):
        return []
    parts = [c for c in OUTCOME_COLUMNS if c in counts]
    shown = sum(counts[c] for c in parts if isinstance(counts[c], int))
    small = [c for c in parts if str(counts[c]).startswith("fewer")]
    unknown = [c for c in parts if isinstance(counts[c], str)]
    slack = counts["Received"] - shown
    leaks = []
    if small and slack - (len(unknown) - 1) < T - 1:
        leaks.append(f"{where}: {small} <= {slack}")
    if {"No outcome yet", "Other or no outcome yet"} & set(parts) and len(unknown) == 1:
        leaks.append(f"{where}: {unknown[0]} = {slack}")
    return leaks


def _percent_attack(
    where: str, columns: list[str], row: list[Any], counts: dict[str, Any], truth: Any
) -> list[str]:
    """A percentage in the row over a shown count gives a hidden count away."""
    percents = [
        row[i]
        for i, c in enumerate(columns)
        if isinstance(row[i], float)
        and ("%" in c or "timescale" in c.lower() or c in ("Rate", "Share"))
    ]
    bases = [v for v in counts.values() if isinstance(v, int) and v]
    leaks = []
    for c, value in counts.items():
        if not str(value).startswith("fewer"):
            continue
        for p, b in itertools.product(percents, bases):
            options = percent_candidates(p, b)
            if truth(c) in options and len(options) < T - 1:
                leaks.append(f"{where} / {c}: {p}% of {b}")
    return leaks


def _total_attack(title: str, columns: list[str], body: list[list[Any]]) -> list[str]:
    """A total row or column with exactly one hidden part gives it away."""
    lines = []
    if body and str(body[-1][0]).startswith("Total"):
        lines += [
            ([r[i] for r in body[:-1]], body[-1][i], f"column {columns[i]}")
            for i in range(1, len(columns))
        ]
    if columns and columns[-1] == "Total":
        lines += [(row[1:-1], row[-1], str(row[0])) for row in body]
    return [
        f"{title} / {name}: one hidden part"
        for cells, total, name in lines
        if isinstance(total, int)
        and sum(1 for v in cells if isinstance(v, str) and HIDDEN.match(v)) == 1
    ]


def _table_attacks(tables: dict[str, list[list[Any]]], truth: dict[str, Any]) -> list:
    """Totals minus parts, Received minus outcomes, percentages times bases, per table."""
    leaks = []
    for title, rows in tables.items():
        try:
            head = _header_row(rows)
        except StopIteration:
            continue
        columns = [str(c or "") for c in rows[head]]
        body = rows[head + 1 :]
        for r_index, row in enumerate(body):
            counts = {
                c: row[i]
                for i, c in enumerate(columns)
                if i and (isinstance(row[i], int) or HIDDEN.match(str(row[i] or "")))
            }
            where = f"{title} / {row[0]}"
            leaks += _received_attack(where, counts)
            leaks += _percent_attack(
                where,
                columns,
                row,
                counts,
                lambda c, r_index=r_index, title=title: truth.get((title, r_index, c)),
            )
        leaks += _total_attack(title, columns, body)
    return leaks


def _truth_by_cell(internal: dict, public: dict) -> dict:
    truth = {}
    for title, rows in public.items():
        if title not in internal:
            continue
        head = _header_row(rows)
        columns = [str(c or "") for c in rows[head]]
        for r_index, (_p_row, i_row) in enumerate(
            zip(rows[head + 1 :], internal[title][head + 1 :], strict=False)
        ):
            for i, c in enumerate(columns):
                truth[(title, r_index, c)] = i_row[i] if i < len(i_row) else None
    return truth


def recovered_counts(report) -> list[str]:
    """Every hidden count of a public report that its shown figures pin down or bound.

    Everything the output says, with every relation between its figures; a count the
    output never shows is unknown to the reader, whatever its size. Every small count
    (shown as "fewer than N" or not shown at all) and every figure hidden to protect one
    must keep its whole range: none pinned down, none bounded below N - 1.
    """
    d = report.disclosure
    hidden_keys = d.solve()
    threshold = d.threshold
    known = {
        k: v
        for k, v in d.values.items()
        if k in d.shown and k not in hidden_keys and isinstance(v, int)
    }
    unknown = {
        k: "fewer" if k in d.shown and hidden_keys.get(k) == "primary" else "not shown"
        for k in d.counts
        if k not in known
    }
    relations = [(r.total, r.parts, bool(r.exact)) for r in d.relations]
    bounds = propagate(known, unknown, relations)
    # Parts of a total the reader is told, or can work out, is fewer than N are
    # necessarily smaller: that says nothing the total did not.
    small_totals = {
        p
        for r in d.relations
        if unknown.get(r.total) == "fewer"
        or (r.total in unknown and bounds[r.total][1] < threshold)
        for p in r.parts
    }
    protected = {
        k: unknown[k] for k in unknown if k in hidden_keys or (d.is_small(d.values[k]))
    }
    found = []
    for key in protected:
        lo, hi = bounds[key]
        assert lo <= d.values[key] <= hi, f"unsound bounds for {key}"
        if lo == hi:
            found.append(f"{key} = {lo}")
        elif (
            d.is_small(d.values[key]) and hi < threshold - 1 and key not in small_totals
        ):
            found.append(f"{key} <= {hi}")
    return found


def workbook_recoveries(report, internal) -> list:
    """Totals minus parts, received minus outcomes, percentages times bases, in the
    public workbook as a reader has it, checked against the internal one's figures."""
    public_tables = _workbook_tables(render_xlsx(report))
    internal_tables = _workbook_tables(render_xlsx(internal))
    return _table_attacks(public_tables, _truth_by_cell(internal_tables, public_tables))


def test_no_hidden_count_of_the_public_report_can_be_recovered(leaky):
    report = build_report(period=YEAR, audience=PUBLIC)
    internal = build_report(period=YEAR, audience=INTERNAL)
    assert report.disclosure.solve(), (
        "the dataset has small numbers: something is hidden"
    )

    # 1. Every relation between the figures at once.
    assert recovered_counts(report) == []

    # 2. The workbook as a reader has it: totals, received, percentages, per table.
    assert workbook_recoveries(report, internal) == []
    public_tables = _workbook_tables(render_xlsx(report))

    # 3. The issue's own three recoveries.
    html = render_html(report)
    text = re.sub(r"<[^>]+>", " ", html)
    assert "71.4%" not in text  # 10 upheld of 14 investigated gave "not upheld" away
    # "Maladministration: fewer than 5" above a list of each decision finding fault.
    assert "list of Housing Ombudsman decisions finding fault is not shown" in text
    assert "Repair the damp" not in text
    childrens_row = _row_with(public_tables, "Children Act 1989", "Stage 1")
    assert childrens_row is not None
    assert [str(v) for v in childrens_row[2:6]].count("fewer than 5") == 1
    assert sum(1 for v in childrens_row[3:6] if isinstance(v, str)) >= 2


def _row_with(tables: dict, *labels: str) -> list | None:
    for rows in tables.values():
        for row in rows:
            cells = [str(c) for c in row if c is not None]
            if all(any(label in c for c in cells) for label in labels):
                return row
    return None


def test_every_hidden_figure_is_text_in_every_format_and_no_count_of_1_to_4_is_shown(
    leaky,
):
    report = build_report(period=YEAR, audience=PUBLIC)
    for table in report.tables():
        for row in table.rows:
            for value, fmt in zip(row, table.formats, strict=False):
                if fmt == "count" and isinstance(value, int):
                    assert not 0 < value < T, (table.key, row)
    for rows in _workbook_tables(render_xlsx(report)).values():
        for row in rows[1:]:
            for value in row[1:]:
                assert not (isinstance(value, int) and 0 < value < T), row
    html = render_html(report)
    assert "fewer than 5" in html
    assert "not shown" in html
    for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"<[^>]+>", " ", html)):
        assert not sentence.strip().lower().startswith(("fewer than", "not shown"))


# -- the dashboard and the API, as a reporting viewer ----------------------------------------

STATS = "/api/v1/stats"


def _api_relations(body: dict) -> list[tuple[str, list[str], bool]]:
    """What anyone reading the API documentation knows about how its figures add up."""
    relations = []
    for s, stage in body["stages"].items():
        p = f"stages.{s}"
        outcomes = [f"{p}.outcomes.{o}" for o in stage["outcomes"]]
        relations.append((f"{p}.received", outcomes, True))
        relations.append(
            (
                f"{p}.received",
                [f"{p}.by_quarter.{q}" for q in stage["by_quarter"]],
                True,
            )
        )
        relations.append((f"{p}.received", [f"{p}.responded"], False))
        relations.append((f"{p}.responded", [f"{p}.responded_within_timescale"], False))
        for split in ("by_family", "by_procedure"):
            groups = stage[split]
            for measure in [
                "received",
                "responded",
                *(f"outcomes.{o}" for o in stage["outcomes"]),
            ]:
                relations.append(
                    (
                        f"{p}.{measure}",
                        [f"{p}.{split}.{g}.{measure}" for g in groups],
                        True,
                    )
                )
            for g, group in groups.items():
                gp = f"{p}.{split}.{g}"
                relations.append(
                    (
                        f"{gp}.received",
                        [f"{gp}.outcomes.{o}" for o in group["outcomes"]],
                        True,
                    )
                )
                relations.append((f"{gp}.received", [f"{gp}.responded"], False))
                relations.append(
                    (f"{gp}.responded", [f"{gp}.responded_within_timescale"], False)
                )
    for code, omb in body["ombudsman"].items():
        p = f"ombudsman.{code}"
        relations.append(
            (f"{p}.decided", [f"{p}.decisions.{d}" for d in omb["decisions"]], True)
        )
        relations.append((f"{p}.received", [f"{p}.investigations"], False))
    for kind, contact in body["contacts"].items():
        p = f"contacts.{kind}"
        relations.append(
            (
                f"{p}.received",
                [f"{p}.by_quarter.{q}" for q in contact["by_quarter"]],
                True,
            )
        )
    return relations


def _flatten(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{path}.{k}" if path else str(k)))
        return out
    return {path: value}


def _percent_leaks(hidden: dict[str, str], flat: dict[str, Any], truth: dict) -> list:
    """A percentage shown over a shown base, or a difference, giving a hidden count away."""
    leaks = []
    for key, how in hidden.items():
        if not how.startswith("fewer"):
            continue
        group = key.rsplit(".", 2 if ".outcomes." in key else 1)[0]
        percent = flat.get(f"{group}.within_timescale_percent")
        for base in (flat.get(f"{group}.responded"), flat.get(f"{group}.received")):
            if isinstance(percent, float) and isinstance(base, int):
                options = percent_candidates(percent, base)
                if truth[key] in options and len(options) < T - 1:
                    leaks.append(f"{key}: {percent}% of {base}")
        # The difference and the previous year together give the current year away.
        if key.endswith(".received") and ".by_" not in key:
            if flat.get(key.replace(".received", ".difference")) is not None:
                leaks.append(f"{key}: the difference is shown")
    return leaks


def _assert_dashboard_hides(html: str, hidden: dict[str, str]) -> None:
    """The dashboard shows no number the API hides, and no case list that would."""
    shown = dict(re.findall(r'data-figure="([^"]+)">([^<]*)<', html))
    names = {
        "stage-{s}-received": "stages.{s}.received",
        "stage-{s}-upheld": "stages.{s}.outcomes.upheld",
        "stage-{s}-partly_upheld": "stages.{s}.outcomes.partly_upheld",
        "stage-{s}-not_upheld": "stages.{s}.outcomes.not_upheld",
        "stage-{s}-previous": "stages.{s}.previous_year.received",
        "stage-{s}-difference": "stages.{s}.difference",
        "stage-{s}-corporate-received": "stages.{s}.by_family.corporate.received",
        "stage-{s}-statutory-received": "stages.{s}.by_family.statutory.received",
        "stage-{s}-Q1": "stages.{s}.by_quarter.Q1",
    }
    for s in ("1", "2", "3"):
        for figure, path in names.items():
            name, path = figure.format(s=s), path.format(s=s)
            if path in hidden:
                assert not re.fullmatch(r"-?\d[\d,]*", shown.get(name, "x")), name
    for code in ("lgsco", "ho"):
        for measure in ("received", "decided"):
            if f"ombudsman.{code}.{measure}" in hidden:
                assert not shown.get(f"ombudsman-{code}-{measure}", "x").isdigit()
    if any(k.startswith("ombudsman.") for k in hidden):
        assert "The list of decided cases is not shown" in html
        assert "Outcome: maladministration" not in html


@pytest.mark.parametrize(
    "selection",
    [{"year": "2022/2023"}, {"year": "2022/2023", "directorate": "Children's"}],
)
def test_no_hidden_count_of_the_api_or_dashboard_can_be_recovered(
    client, leaky, erin, alice, selection
):
    client.force_login(alice)
    truth = _flatten(client.get(STATS, selection).json())
    client.force_login(erin)
    body = client.get(STATS, selection).json()
    hidden = body["suppressed"]
    assert hidden
    flat = _flatten({k: v for k, v in body.items() if k not in ("suppressed",)})
    known = {k: v for k, v in flat.items() if isinstance(v, int) and k not in hidden}
    counts_hidden = {
        k: v
        for k, v in hidden.items()
        if isinstance(truth.get(k), int)
        and not any(k.endswith(x) for x in ("difference",))
    }
    relations = _api_relations(body)
    bounds = propagate(known, counts_hidden, relations)
    small_totals = {
        p
        for t, parts, _ in relations
        if counts_hidden.get(t, "").startswith("fewer")
        for p in parts
    }
    assert (
        recovered(
            counts_hidden, bounds, {k: truth[k] for k in counts_hidden}, small_totals
        )
        == []
    )
    assert _percent_leaks(counts_hidden, flat, truth) == []
    # The dashboard hides what the API hides, and its case list goes with them.
    _assert_dashboard_hides(
        client.get("/dashboard/", selection).content.decode(), hidden
    )


# -- free text ---------------------------------------------------------------------------------


def test_a_name_and_date_of_birth_typed_into_a_case_reach_no_output(
    client, leaky, erin, carol
):
    public = build_report(period=YEAR, audience=PUBLIC)
    outputs = {
        "public report (HTML)": render_html(public),
        "public report (Excel)": json.dumps(
            _workbook_tables(render_xlsx(public)), default=str
        ),
        "public report (Word)": _docx_text(render_docx(public)),
    }
    for user in (erin, carol, UserFactory(username="admin2", role="administrator")):
        client.force_login(user)
        outputs[f"dashboard as {user.role}"] = client.get(
            "/dashboard/", {"year": "2022/2023"}
        ).content.decode()
        outputs[f"API as {user.role}"] = client.get(
            STATS, {"year": "2022/2023"}
        ).content.decode()
    for name, text in outputs.items():
        assert "Probeperson" not in text, name
        assert "3 March 1961" not in text, name
    # What the complaints team approved does reach the public report.
    assert PUBLISHED_LEARNING in outputs["public report (HTML)"]
    client.force_login(erin)
    dashboard = client.get(
        "/dashboard/", {"year": "2022/2023", "directorate": "Children's"}
    )
    # Children's shows hidden Ombudsman counts, so its list of cases is withheld.
    assert "Probeperson" not in dashboard.content.decode()


def test_the_internal_report_may_show_the_text_as_typed(leaky):
    internal = render_html(build_report(period=YEAR, audience=INTERNAL))
    assert "Probeperson" in internal


def test_an_approved_ombudsman_finding_is_the_only_text_on_the_dashboard_for_a_manager(
    client, leaky, carol
):
    client.force_login(carol)
    html = client.get(
        "/dashboard/", {"year": "2022/2023", "directorate": "Children's"}
    ).content.decode()
    assert PUBLISHED_FINDING in html or "decided cases is not shown" in html
    assert "Apologise and review the process." not in html
    assert "Letters now go out on time." not in html


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    core = document.core_properties
    texts += [core.author or "", core.title or "", core.comments or ""]
    return "\n".join(texts)


def test_a_suppressed_cell_never_holds_its_number_in_excel(leaky):
    report = build_report(period=YEAR, audience=PUBLIC)
    hidden_cells = [
        v
        for t in report.tables()
        for row in t.rows
        for v in row
        if isinstance(v, Suppressed)
    ]
    assert hidden_cells
    counts = Counter(
        str(v)
        for rows in _workbook_tables(render_xlsx(report)).values()
        for row in rows
        for v in row
        if isinstance(v, str) and HIDDEN.match(v)
    )
    assert sum(counts.values()) >= len(hidden_cells)
