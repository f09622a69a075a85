"""Rates compared with the year before, and the report's text faults (issue 11 item 2).

A small council, every complaint under the LGSCO Complaint Handling Code (working days),
figures worked out by hand below. The report year is 2022/2023.

Stage 1, 2022/2023: 24 complaints: 6 upheld, 5 partly upheld, 8 not upheld, 5 withdrawn
(never answered). Upheld rate 11 of 24 = 45.8%. Shares of the 24: 6 = 25.0%, 5 = 20.8%,
8 = 33.3%, the 5 withdrawn 20.8%. Answered 19: 15 in 10 days (7 working), 4 in 21 days
(15 working, after the due date of 14 days): within timescale 15 of 19 = 78.9%; average
(15 x 7 + 4 x 15) / 19 = 165 / 19 = 8.68, 8.7 to 1 place, shown as 9 working days.

Stage 1, 2021/2022: 20 complaints: 2 upheld, 6 partly upheld, 12 not upheld: 8 of 20 =
40.0%. Answered 20: 15 in 10 days, 5 in 21 days: 15 of 20 = 75.0%; average
(15 x 7 + 5 x 15) / 20 = 180 / 20 = 9.0 working days.

Stage 2, 2022/2023: 5: 1 upheld, 4 not upheld: 20.0%; answered 5, 4 in time: 80.0%.
Stage 2, 2021/2022: 5: 2 upheld, 3 not upheld: 40.0%; answered 5, all in time: 100.0%.

In the public version (threshold 5) the upheld counts of 2021/2022 stage 1 (2) and of
both years' stage 2 (1, 2) are hidden, so those years' upheld rates are too.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest

from putright.complaints.constants import Outcome
from putright.complaints.models import ComplainantType
from putright.complaints.tests.factories import StageFactory, procedure
from putright.core.periods import Period
from putright.core.presentation import agreeing, counted
from putright.organisation.models import Council
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.reporting import narrative
from putright.reporting.blocks import (
    INTERNAL,
    PUBLIC,
    Paragraph,
    Report,
    Section,
    Suppressed,
    Table,
)
from putright.reporting.build import build_report
from putright.reporting.disclosure_control import disclosure_apply
from putright.reporting.renderers.html import report_css
from putright.reporting.renderers.layout import PAGE_CHARACTERS, column_widths
from putright.reporting.renderers.xlsx import _sheet_name
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns
from putright.statistics.engine import statistics_for

YEAR = Period(2022)
D = dt.date
DAY = dt.timedelta(days=1)


def _complaint(number, received, outcome, days=None, *, team, lgsco, **fields):
    if days is not None:
        fields.update(
            due=received + 14 * DAY,
            responded=received + days * DAY,
            response_calendar_days=days,
            response_working_days=7 if days == 10 else 15,
        )
    return StageFactory(
        number=number,
        received=received,
        outcome=outcome,
        directorate=team.directorate,
        team=team,
        procedure=lgsco,
        **fields,
    )


def _year(start, number, outcomes, answered):
    """`outcomes`: (outcome, how many); `answered`: days for each answered one, in order."""
    council = Council.load()
    team = TeamFactory(
        directorate=DirectorateFactory(name=f"Corporate {start:%Y}{number}"),
        name="Waste Team",
    )
    lgsco = procedure("lgsco_code")
    index = 0
    for outcome, many in outcomes:
        for _ in range(many):
            days = answered[index] if index < len(answered) else None
            _complaint(
                number, start + index * DAY, outcome, days, team=team, lgsco=lgsco
            )
            index += 1
    return council


@pytest.fixture
def rates(db):
    council = Council.load()
    council.small_number_threshold = 5
    council.timescale_target_percent = Decimal("90")
    council.save()
    _year(
        D(2022, 5, 2),
        1,
        [
            (Outcome.UPHELD, 6),
            (Outcome.PARTLY_UPHELD, 5),
            (Outcome.NOT_UPHELD, 8),
            (Outcome.WITHDRAWN, 5),
        ],
        [10] * 15 + [21] * 4,
    )
    _year(
        D(2021, 5, 3),
        1,
        [(Outcome.UPHELD, 2), (Outcome.PARTLY_UPHELD, 6), (Outcome.NOT_UPHELD, 12)],
        [10] * 15 + [21] * 5,
    )
    _year(
        D(2022, 9, 1),
        2,
        [(Outcome.UPHELD, 1), (Outcome.NOT_UPHELD, 4)],
        [10] * 4 + [21],
    )
    _year(
        D(2021, 9, 1),
        2,
        [(Outcome.UPHELD, 2), (Outcome.NOT_UPHELD, 3)],
        [10] * 5,
    )


def _table(report, key) -> Table:
    found = [t for t in report.tables() if t.key == key]
    assert found, [t.key for t in report.tables()]
    return found[0]


def _items(report, key: str) -> list[str]:
    section = next(s for s in report.sections if s.key == key)
    found = []
    for block in section.blocks:
        found.extend(getattr(block, "items", []))
        if isinstance(block, Paragraph):
            found.append(block.text)
    return found


# -- the engine's upheld rate -------------------------------------------------------------


def test_the_upheld_rate_is_upheld_and_partly_upheld_of_those_with_an_outcome(rates):
    stats = statistics_for(period=YEAR)
    assert stats["stages"]["1"]["upheld_percent"] == 45.8  # 11 of 24
    assert stats["stages"]["2"]["upheld_percent"] == 20.0  # 1 of 5
    assert stats["stages"]["1"]["by_procedure"]["lgsco_code"]["upheld_percent"] == 45.8
    before = statistics_for(period=Period(2021))
    assert before["stages"]["1"]["upheld_percent"] == 40.0  # 8 of 20
    assert before["stages"]["3"]["upheld_percent"] is None  # none with an outcome


def test_a_complaint_still_open_is_not_in_the_upheld_rate(rates):
    # One more stage 1 complaint in 2022/2023 with no outcome yet: still 11 of 24.
    team = TeamFactory(directorate=DirectorateFactory(name="Open"), name="Open Team")
    _complaint(1, D(2022, 12, 1), "", team=team, lgsco=procedure("lgsco_code"))
    assert statistics_for(period=YEAR)["stages"]["1"]["upheld_percent"] == 45.8


# -- the summary and the procedures section -------------------------------------------------


def test_the_summary_compares_rates_with_the_year_before(rates):
    report = build_report(period=YEAR, audience=INTERNAL)
    items = _items(report, "summary")
    assert (
        "45.8% of stage one complaints were upheld or partly upheld, compared with "
        "40.0% in 2021/2022." in items
    )
    assert (
        "Of the 24 stage one complaints with an outcome, 6 (25.0%) were upheld, "
        "5 (20.8%) partly upheld and 8 (33.3%) not upheld; 5 (20.8%) ended otherwise "
        "(withdrawn, refused or another outcome)." in items
    )
    assert (
        "78.9% of stage one complaints were answered within timescale, compared with "
        "75.0% in 2021/2022 (the council's target is 90%)." in items
    )
    assert (
        "Of the 5 stage two complaints with an outcome, 1 (20.0%) was upheld, "
        "0 (0.0%) partly upheld and 4 (80.0%) not upheld." in items
    )
    rates_table = _table(report, "summary_rates")
    assert rates_table.columns == ["Measure", "2021/2022", "2022/2023"]
    assert rates_table.rows == [
        ["Stage 1 complaints upheld or partly upheld", 40.0, 45.8],
        ["Stage 1 complaints answered within timescale", 75.0, 78.9],
        ["Stage 2 complaints upheld or partly upheld", 40.0, 20.0],
        ["Stage 2 complaints answered within timescale", 100.0, 80.0],
    ]


def test_the_procedures_section_compares_each_procedure_with_the_year_before(rates):
    report = build_report(period=YEAR, audience=INTERNAL)
    compared = _table(report, "procedures_compared")
    name = procedure("lgsco_code").name
    assert compared.rows[0] == [name, "Stage 1", 40.0, 45.8, 9.0, 8.7, 75.0, 78.9]
    assert compared.rows[1] == [name, "Stage 2", 40.0, 20.0, 7.0, 8.6, 100.0, 80.0]
    assert (
        f"24 complaints were handled under the {name}; the average response time was "
        "9 working days, compared with 9 in 2021/2022; 78.9% were answered within "
        "timescale, below the target of 90% (75.0% in 2021/2022)."
    ) in _items(report, "procedures")


def test_the_public_version_hides_a_rate_whose_counts_are_hidden(rates):
    report = build_report(period=YEAR, audience=PUBLIC)
    items = _items(report, "summary")
    # Last year's 2 upheld is hidden, so last year's rate is, and this year's stands alone.
    assert "45.8% of stage one complaints were upheld or partly upheld." in items
    assert not any("40.0%" in i for i in items)
    assert not any("stage two complaints were upheld" in i for i in items)
    rows = {r[0]: r[1:] for r in _table(report, "summary_rates").rows}
    assert rows["Stage 1 complaints upheld or partly upheld"][1] == 45.8
    assert isinstance(rows["Stage 1 complaints upheld or partly upheld"][0], Suppressed)
    assert all(
        isinstance(v, Suppressed)
        for v in rows["Stage 2 complaints upheld or partly upheld"]
    )


# -- text faults ----------------------------------------------------------------------------


def test_a_count_of_one_takes_the_singular():
    assert agreeing(1, "was", "were") == "was"
    assert agreeing("1", "was", "were") == "was"
    assert agreeing(2, "was", "were") == "were"
    assert agreeing("fewer than 5", "was", "were") == "were"
    assert counted(1, "complaint") == "1 complaint"
    assert counted(1_234, "complaint") == "1,234 complaints"
    assert counted("fewer than 5", "enquiry", "enquiries") == "fewer than 5 enquiries"
    text = narrative.outcome_sentence(
        received=7,
        outcomes={"upheld": 1, "partly_upheld": 4, "not_upheld": 2},
        noun="stage two complaints",
    )
    assert text == (
        "Of the 7 stage two complaints received, 1 was upheld (at fault), 4 partly "
        "upheld (partly at fault) and 2 not upheld (not at fault)."
    )
    assert narrative.timeliness_sentence(
        name="LGSCO Complaint Handling Code",
        received=1,
        average_days=None,
        day_basis="working",
        within_percent=None,
        target=90,
    ) == ("1 complaint was handled under the LGSCO Complaint Handling Code.")


def test_who_complained_is_shown_as_words_not_codes(db):
    StageFactory(
        received=D(2022, 6, 1),
        complainant_type=ComplainantType.objects.create(name="young_person"),
    )
    types = breakdowns.complainant_types(period=YEAR)
    assert [t["label"] for t in types] == ["Young person"]


def test_a_hidden_figure_opening_a_sentence_has_a_capital(db):
    council = Council.load()
    council.small_number_threshold = 5
    ctx = ReportContext(
        period=YEAR,
        periods=[YEAR],
        directorate=None,
        council=council,
        audience=PUBLIC,
        stats={},
        progress=lambda _p, _m: None,
    )
    report = Report(
        title="t",
        council_name="c",
        year=YEAR.label,
        years=[YEAR.label],
        period_text="",
        directorate=None,
        audience=PUBLIC,
        threshold=5,
        extracted_at=dt.datetime(2023, 4, 1, tzinfo=dt.UTC),
    )
    section = Section(key="summary", title="Summary", anchor="s")
    section.add(
        Paragraph(
            f"{ctx.say(3, 'withdrawn')} complaints were withdrawn. Of the "
            f"{ctx.say(40, 'received')} received, {ctx.say(2, 'refused')} were refused."
        )
    )
    report.sections.append(section)
    disclosure_apply(report, ctx)
    assert section.blocks[0].text == (
        "Fewer than 5 complaints were withdrawn. Of the 40 received, fewer than 5 "
        "were refused."
    )


def test_excel_sheet_names_are_cut_between_words_and_unique():
    used = {"contents"}
    names = [
        _sheet_name("Complaints by procedure and stage, 2022/2023", used, 7),
        _sheet_name("Total number of enquiries received, 2020/2021", used, 8),
        _sheet_name("Stage 1 complaints by directorate", used, 9),
        _sheet_name("Stage 1 complaints by directorate", used, 9),
        _sheet_name("Councils' figures", used, 10),
        _sheet_name("Financial remedies, 2025/2026", used, 29),
        _sheet_name("Remedies by type, 2025/2026", used, 28),
        _sheet_name("Adults teams with the most complaints", used, 11),
    ]
    # 28 characters after "07 ": "Complaints by procedure and" is 27, but a name does
    # not end on "and"; "Stage 1 complaints by" drops its "by".
    assert names == [
        "07 Complaints by procedure",
        "08 Total number of enquiries",
        "09 Stage 1 complaints",
        "09 Stage 1 complaints (2)",
        "10 Councils' figures",
        "29 Financial remedies",  # not "2025" cut from the year
        "28 Remedies by type, 2025-2026",  # a year label as Excel allows
        "11 Adults teams with the most",
    ]


def _maladministration_table() -> Table:
    return Table(
        key="cases",
        caption="Housing Ombudsman decisions finding fault",
        columns=[
            "Reference",
            "Service",
            "Decision",
            "Complaint",
            "Required, and lessons",
        ],
        rows=[
            [
                "202400795",
                "Housing (Property Condition)",
                "Maladministration",
                "Housing Repairs received one complaint about a missed appointment.",
                "Within one month: apologise to the resident and pay £250. " * 6,
            ]
        ],
        formats=["text"] * 5,
    )


def test_a_printed_column_is_never_narrower_than_its_longest_word():
    widths = column_widths(_maladministration_table())
    assert round(sum(widths)) == 100
    characters = [w * PAGE_CHARACTERS / 100 for w in widths]
    assert characters[2] >= len("Maladministration")
    assert characters[0] >= len("202400795")
    # the column of long sentences gets the most room
    assert characters[4] == max(characters)


def test_the_print_stylesheet_breaks_lines_between_words_only():
    css = report_css()
    assert "break-all" not in css
    assert "break-word" not in css
    assert "hyphens: manual" in css
    assert "hyphens: auto" not in css
    assert not re.search(r"overflow-wrap:\s*anywhere", css)
