"""Quarterly and half-year reports (issue 11 item 2): the figures of part of a year,
compared with the same part of the two years before, from the command and the page.

The hand-built council (April years; Corporate, stage 1 complaints under the LGSCO Code):

| received in            | Q1 | Q2 | Q3 | H1 | year |
|------------------------|----|----|----|----|------|
| 2023/2024              |  0 |  1 |  0 |  1 |   1  |
| 2024/2025              |  3 |  5 |  0 |  8 |   8  |
| 2025/2026              |  4 |  2 |  2 |  6 |   8  |
| 2026/2027 (to 2 Dec)   |  0 |  0 |  1 |  0 |   1  |

The 2025/2026 Q3 complaints are on 1 October 2025 (the first day of Q3: in neither Q2 nor
H1) and 20 December 2025 (after 2 December, so outside "the same part" of Q3 2025/2026
that an incomplete Q3 2026/2027 is compared with). Compliments: 2024/2025 Q2 1,
2025/2026 Q1 2, Q2 3 and Q3 3 (10 October, then 15 December twice), 2026/2027 Q3 3 so
far.
"""

import datetime as dt
import io
import re
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from putright.complaints.constants import Kind
from putright.complaints.tests.factories import StageFactory
from putright.core.periods import Period
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.reporting.blocks import INTERNAL, PUBLIC, BulletList, Paragraph
from putright.reporting.build import build_report
from putright.reporting.models import ReportRun
from putright.reporting.parameters import ReportError, report_parameters
from putright.reporting.tests.test_report_data import all_text, row, table
from putright.statistics.engine import statistics_for

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 2)
COMPLAINTS = [
    D(2023, 8, 1),
    *(D(2024, 4, 10), D(2024, 5, 10), D(2024, 6, 10)),
    *(D(2024, 7, 1), D(2024, 7, 15), D(2024, 8, 1), D(2024, 9, 1), D(2024, 9, 30)),
    *(D(2025, 4, 1), D(2025, 5, 1), D(2025, 6, 1), D(2025, 6, 30)),
    *(D(2025, 7, 1), D(2025, 9, 30)),
    *(D(2025, 10, 1), D(2025, 12, 20)),
    D(2026, 10, 5),
]
COMPLIMENTS = [
    D(2024, 8, 1),
    *(D(2025, 5, 1), D(2025, 5, 2)),
    *[D(2025, 8, 1)] * 3,
    *(D(2025, 10, 10), D(2025, 12, 15), D(2025, 12, 15)),
    *[D(2026, 10, 20)] * 3,
]


@pytest.fixture
def records(council):
    council.name = "Testford City Council"
    council.save()
    corporate = DirectorateFactory(name="Corporate")
    waste = TeamFactory(directorate=corporate, name="Waste Team")
    for received in COMPLAINTS:
        StageFactory(
            kind=Kind.COMPLAINT, directorate=corporate, team=waste, received=received
        )
    for received in COMPLIMENTS:
        StageFactory(kind=Kind.COMPLIMENT, directorate=corporate, received=received)
    return corporate


def _bullets(report, key):
    section = next(s for s in report.sections if s.key == key)
    return [i for b in section.blocks if isinstance(b, BulletList) for i in b.items]


def test_a_quarter_report_counts_the_quarter_against_the_same_quarter(records):
    report = build_report(period=Period(2025, "Q2"), audience=INTERNAL, today=TODAY)

    assert report.title == "Quarterly complaints report"
    assert report.year == "2025/2026 Q2"
    assert report.period_text == "1 July 2025 to 30 September 2025"
    trends = table(report, "trends_stage")
    assert trends.columns == ["Stage", "2023/2024 Q2", "2024/2025 Q2", "2025/2026 Q2"]
    # Q2 of each year: 1 (Aug 2023), 5 (Jul-Sep 2024), 2 (1 Jul and 30 Sep 2025).
    assert row(trends, "Stage 1")[1:] == [1, 5, 2]
    # Q2 2025/2026: 2 stage one complaints and 3 compliments, so compliments are 3 of
    # the quarter's 5 enquiries (60.0%).
    assert row(table(report, "summary"), "Compliments")[1:] == [0, 1, 3, 60.0]
    summary = " ".join(_bullets(report, "summary"))
    assert "In comparison to 2024/2025 Q2 a decrease has been seen" in summary
    assert "2 against 5, a decrease of 3" in summary


def test_a_quarter_report_has_the_engines_figures_for_that_quarter(records):
    quarter = Period(2025, "Q2")
    report = build_report(period=quarter, audience=INTERNAL, today=TODAY)

    engine = statistics_for(period=quarter, today=TODAY)
    assert engine["stages"]["1"]["received"] == 2
    assert engine["stages"]["1"]["previous_year"] == {
        "year": "2024/2025",
        "received": 5,
    }
    assert row(table(report, "trends_stage"), "Stage 1")[3] == 2
    assert row(table(report, "summary"), "Stage 1 complaints")[3] == 2


def test_a_half_year_report_counts_six_months(records):
    report = build_report(period=Period(2025, "H1"), audience=INTERNAL, today=TODAY)

    assert report.title == "Half-year complaints report"
    assert report.year == "2025/2026 H1"
    assert report.period_text == "1 April 2025 to 30 September 2025"
    # April to September: 1 in 2023, 3 + 5 in 2024, 4 + 2 in 2025 (not 1 October).
    assert row(table(report, "trends_stage"), "Stage 1")[1:] == [1, 8, 6]


def test_the_self_assessment_is_left_out_of_part_year_reports_only(records):
    annual = build_report(period=Period(2025), audience=INTERNAL, today=TODAY)
    quarter = build_report(period=Period(2025, "Q1"), audience=INTERNAL, today=TODAY)

    assert annual.title == (
        "Annual complaints performance and service improvement report"
    )
    assert annual.year == "2025/2026"
    assert "self_assessment" in [s.key for s in annual.sections]
    assert "self_assessment" not in [s.key for s in quarter.sections]
    # The whole year: 4 + 2 + 2 in 2025/2026 against 8.
    assert row(table(annual, "trends_stage"), "Stage 1")[1:] == [1, 8, 8]


def test_an_incomplete_quarter_says_so_and_compares_with_the_same_days(records):
    report = build_report(period=Period(2026, "Q3"), audience=PUBLIC, today=TODAY)

    assert report.period_text == (
        "1 October 2026 to 31 December 2026. This period is not over: the figures "
        "are to 2 December 2026, and are compared with the same part of the previous "
        "year"
    )
    methods = next(s for s in report.sections if s.key == "methods")
    note = methods.blocks[0]
    assert isinstance(note, Paragraph)
    assert note.text.startswith(
        "2026/2027 Q3 is not over yet: it ends on 31 December 2026, so these figures "
        "are for 1 October 2026 to 2 December 2026 only"
    )
    # The table shows the earlier quarters whole: 2 in Q3 2025/2026, 1 so far.
    internal = build_report(period=Period(2026, "Q3"), audience=INTERNAL, today=TODAY)
    assert row(table(internal, "trends_stage"), "Stage 1")[2:] == [2, 1]


def test_the_incomplete_comparison_uses_the_same_part_of_the_year_before(records):
    report = build_report(period=Period(2026, "Q3"), audience=INTERNAL, today=TODAY)

    first = _bullets(report, "summary")[0]
    assert first.startswith(
        "So far in Q3 2026/2027 (to 2 December 2026) no change has been seen"
    )
    assert "1 in both years" in first
    # Compliments: 3 so far against 1 by 2 December 2025, not the 3 of the whole Q3.
    assert (
        "So far in Q3 2026/2027 (to 2 December 2026) an increase has been seen in the "
        "number of compliments received, compared with the same period of 2025/2026 Q3: "
        "3 against 1, an increase of 2 compliments"
    ) in all_text(report)


def test_a_finished_period_has_no_incomplete_note(records):
    report = build_report(period=Period(2025, "Q3"), audience=PUBLIC, today=TODAY)

    assert report.period_text == "1 October 2025 to 31 December 2025"
    assert "not over" not in " ".join(
        b.text for s in report.sections for b in s.blocks if isinstance(b, Paragraph)
    )


# -- parameters, the command and the page ---------------------------------------------


@pytest.mark.parametrize(
    ("period", "quarter", "filename"),
    [
        ("Q2", "Q2", "quarterly-complaints-report-2025-2026-q2-public.pdf"),
        ("h1", "H1", "half-year-complaints-report-2025-2026-h1-public.pdf"),
        ("", None, "annual-complaints-report-2025-2026-public.pdf"),
        (None, None, "annual-complaints-report-2025-2026-public.pdf"),
    ],
)
def test_parameters_read_the_part_of_the_year(records, period, quarter, filename):
    found = report_parameters(year="2025/26", period=period, today=TODAY)

    assert found.period == Period(2025, quarter)
    assert found.filename == filename


@pytest.mark.parametrize(
    ("year", "period", "message"),
    [
        ("2025/2026", "Q5", "Period 'Q5' is not recognised: use Q1, Q2, Q3 or Q4"),
        ("2025/2026", "H3", "H1 or H2 for a half year"),
        ("2026/2027", "Q4", "Q4 of 2026/2027 has not started yet"),
        ("2026/2027", "H2", None),  # began on 1 October 2026: allowed, incomplete
        ("2027/2028", "Q1", "Year '2027/2028' has not started yet"),
        ("2025", "Q1", "Year '2025' is not recognised"),
    ],
)
def test_bad_part_year_selections_are_refused(records, year, period, message):
    if message is None:
        assert report_parameters(year=year, period=period, today=TODAY).period == (
            Period(2026, "H2")
        )
        return
    with pytest.raises(ReportError, match=message):
        report_parameters(year=year, period=period, today=TODAY)


def test_the_command_writes_a_quarterly_report(records, tmp_path):
    output = tmp_path / "q2.html"
    out = io.StringIO()

    call_command(
        "report",
        "--year",
        "2025/2026",
        "--period",
        "Q2",
        "--format",
        "html",
        "--output",
        str(output),
        stdout=out,
        stderr=io.StringIO(),
    )

    html = output.read_text()
    assert '<h1 class="cover__title">Quarterly complaints report</h1>' in html
    assert '<p class="cover__year">2025/2026 Q2</p>' in html
    assert "1 July 2025 to 30 September 2025" in html
    assert "Complaint Handling Code self-assessment" not in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "2025/2026", "--period", "Q5"], "Period 'Q5' is not recognised"),
        (["--year", "2026/2027", "--period", "Q4"], "has not started yet"),
    ],
)
def test_the_command_refuses_bad_periods_without_writing(
    records, tmp_path, arguments, message
):
    output = tmp_path / "report.html"

    with (
        mock.patch(
            "putright.reporting.parameters.timezone.localdate", return_value=TODAY
        ),
        pytest.raises(CommandError, match=message),
    ):
        call_command(
            "report",
            *arguments,
            "--format",
            "html",
            "--output",
            str(output),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not output.exists()


def test_the_page_generates_a_half_year_report(
    client, erin, records, django_capture_on_commit_callbacks
):
    client.force_login(erin)
    page = client.get(reverse("reporting:index")).content.decode()
    assert '<option value="H1">First half year (H1)</option>' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:run_start"),
            {
                "year": "2025/2026",
                "period": "H1",
                "format": "html",
                "audience": "public",
            },
        )

    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert (run.year, run.period, run.status) == ("2025/2026", "H1", "done")
    detail = client.get(response["Location"]).content.decode()
    assert "Half-year complaints report" in detail
    assert "2025/2026 H1" in detail
    download = client.get(reverse("reporting:run_download", args=[run.pk]))
    assert (
        "half-year-complaints-report-2025-2026-h1-public.html"
        in (download["Content-Disposition"])
    )
    body = b"".join(download.streaming_content).decode()
    assert "1 April 2025 to 30 September 2025" in body
    listing = client.get(reverse("reporting:index")).content.decode()
    assert "2025/2026 H1, all directorates, HTML, public" in listing


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("Q5", "Select a period from the list."),
        ("Q4", "Q4 of 2026/2027 has not started yet"),
    ],
)
def test_the_page_refuses_bad_periods(client, erin, records, period, message):
    client.force_login(erin)

    with mock.patch(
        "putright.reporting.parameters.timezone.localdate", return_value=TODAY
    ):
        response = client.post(
            reverse("reporting:run_start"),
            {
                "year": "2026/2027",
                "period": period,
                "format": "pdf",
                "audience": "public",
            },
        )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ReportRun.objects.count() == 0


def test_every_year_a_quarter_report_names_is_that_quarter(records):
    report = build_report(period=Period(2025, "Q2"), audience=INTERNAL, today=TODAY)

    summary = table(report, "summary")
    assert summary.columns[1:] == [
        "2023/2024 Q2",
        "2024/2025 Q2",
        "2025/2026 Q2",
        "Share, 2025/2026 Q2",
    ]
    assert summary.caption == (
        "Total number of enquiries received, 2023/2024 Q2 to 2025/2026 Q2"
    )
    # Q2 2025/2026 (2) against Q2 2024/2025 (5): the sentence names the quarter.
    assert "In comparison to 2024/2025 Q2 a decrease" in all_text(report)
    bare_year = re.compile(r"(?<!Q2 )\b\d{4}/\d{4}\b(?! Q2)")

    def texts(section):
        yield section.title
        for block in section.blocks:
            yield from (
                getattr(block, name, "")
                for name in ("caption", "text", "title", "description", "note")
            )
            yield from getattr(block, "columns", [])
            yield from getattr(block, "items", [])
        for sub in section.subsections:
            yield from texts(sub)

    unnamed = [t for s in report.sections for t in texts(s) if bare_year.search(str(t))]
    assert unnamed == []
