"""The report's figures, narrative and audience rules, on the hand-built dataset."""

import pytest

from putright.core.periods import Period
from putright.reporting.blocks import INTERNAL, PUBLIC, Suppressed, Table
from putright.reporting.build import build_report
from putright.reporting.services import commentary_save
from putright.reporting.tests.dataset import SECRET_NAME, build_report_dataset
from putright.statistics.engine import statistics_for

pytestmark = pytest.mark.django_db
YEAR = Period(2022)


def table(report, key) -> Table:
    found = [t for t in report.tables() if t.key == key]
    assert found, f"no table {key}: {[t.key for t in report.tables()]}"
    return found[0]


def row(tbl: Table, label: str) -> list:
    for r in tbl.rows:
        if r[0] == label:
            return r
    raise AssertionError(f"no row {label!r} in {tbl.key}: {[r[0] for r in tbl.rows]}")


def all_text(report) -> str:
    parts = []
    for section in report.sections:
        stack = [section]
        while stack:
            current = stack.pop()
            stack.extend(current.subsections)
            for block in current.blocks:
                parts.append(str(getattr(block, "text", "")))
                parts.extend(getattr(block, "items", []))
                if isinstance(block, Table):
                    parts.append(block.caption)
                    parts.extend(str(v) for r in block.rows for v in r)
                    parts.append(block.note)
            parts.extend(current.commentary)
    return "\n".join(parts)


@pytest.fixture
def dataset():
    return build_report_dataset()


def test_summary_table_totals_each_kind_over_three_years(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)

    summary = table(report, "summary")
    assert summary.columns == [
        "Type of enquiry",
        "2020/2021",
        "2021/2022",
        "2022/2023",
        "Share, 2022/2023",
    ]
    assert row(summary, "Service requests and informal complaints")[3] == 24
    # The last column is each type's share of the year's 61 enquiries: 16/61 = 26.2%,
    # 3/61 = 4.9%, 9/61 = 14.8%, 6/61 = 9.8%.
    assert row(summary, "Stage 1 complaints")[1:] == [12, 20, 16, 26.2]
    assert row(summary, "Stage 2 complaints")[1:] == [0, 1, 3, 4.9]
    assert row(summary, "LGSCO enquiries")[1:] == [0, 1, 3, 4.9]
    assert row(summary, "Compliments")[1:] == [0, 3, 9, 14.8]
    assert row(summary, "MP enquiries")[3:] == [6, 9.8]
    assert row(summary, "Total number of enquiries")[3:] == [61, 100.0]
    labels = [r[0] for r in summary.rows]
    # Not used by this council in any of the three years: left out.
    assert "Stage 3 complaints" not in labels
    assert "Housing Ombudsman enquiries" not in labels
    assert "Comments" not in labels


def test_stage_figures_equal_the_statistics_engine(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)
    engine = statistics_for(period=YEAR)

    trend = table(report, "trends_stage")
    assert row(trend, "Stage 1")[3] == engine["stages"]["1"]["received"]
    assert row(trend, "Stage 2")[3] == engine["stages"]["2"]["received"]


def test_year_on_year_sentences_with_size_and_percentage(dataset):
    text = all_text(build_report(period=YEAR, audience=INTERNAL))

    assert (
        "In comparison to 2021/2022 a decrease has been seen in the number of stage 1 "
        "complaints received: 16 against 20, a decrease of 4 stage one complaints (20.0%)."
    ) in text
    assert (
        "In comparison to 2021/2022 an increase has been seen in the number of stage 2 "
        "complaints received: 3 against 1, an increase of 2 stage two complaints (200.0%)."
    ) in text


def test_trends_by_directorate_have_a_sentence_each(dataset):
    text = all_text(build_report(period=YEAR, audience=PUBLIC))

    assert (
        "Corporate: a decrease of 2 stage one complaints (20.0%) compared with "
        "2021/2022, to 8."
    ) in text
    # Children's 2021/2022 (10) is hidden so that the year's total (20) need not be: the
    # sentence comparing with it is left out, not written with a hidden figure.
    assert "Children's: a decrease of 2 stage one complaints" not in text
    # Stage two: 1 and 3 complaints, below the threshold: no sentence in public.
    assert "Children's: an increase of 2 stage two complaints" not in text


def test_directorate_section_counts_and_outcomes(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)

    childrens = table(report, f"dir_{dataset.childrens.pk}_outcomes")
    # Stage, received, upheld, partly, not upheld, other, undecided, within timescale.
    assert row(childrens, "Stage 1") == ["Stage 1", 8, 1, 3, 4, 0, 0, 87.5]
    assert row(childrens, "Stage 2") == ["Stage 2", 3, 1, 2, 0, 0, 0, 100.0]
    corporate = table(report, f"dir_{dataset.corporate.pk}_outcomes")
    # 7 decided and answered on time; the refused one was never answered.
    assert row(corporate, "Stage 1") == ["Stage 1", 8, 3, 0, 4, 1, 0, 100.0]


def test_trends_by_directorate_over_three_years(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)

    stage_one = table(report, "trends_dir_s1")
    assert row(stage_one, "Children's")[1:] == [5, 10, 8]
    assert row(stage_one, "Corporate")[1:] == [7, 10, 8]


def test_escalation_refusals_remedies_and_learning(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)

    escalation = table(report, "escalation")
    assert row(escalation, "Stage 1 to stage 2")[1:] == [16, 3, 18.8]
    four_years = table(report, "stage2_years")
    assert [r[0] for r in four_years.rows] == [
        "2019/2020",
        "2020/2021",
        "2021/2022",
        "2022/2023",
    ]
    assert four_years.rows[0][1] == 2
    assert row(table(report, "refusals"), "Outside the time limit")[1] == 1
    extensions = table(report, "extensions")
    assert row(extensions, "Stage 1")[2:6] == [2, 12.5, 12.0, 14.0]
    assert row(table(report, "remedies"), "Apology")[1] == 3
    payments = table(report, "payments")
    assert payments.rows[0][0] == 2
    assert str(payments.rows[0][1]) == "350.00"
    statuses = table(report, "learning_status")
    assert row(statuses, "Complete")[1] == 1
    assert row(statuses, "Open")[1] == 1


def test_ombudsman_figures_and_rate_per_100000_residents(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)

    years = table(report, "omb_lgsco_years")
    assert row(years, "Enquiries received")[1:] == [0, 1, 3]
    measures = table(report, "omb_lgsco_measures")
    assert row(measures, "Upheld (fault found)")[1] == "1"
    assert row(measures, "Upheld rate of detailed investigations")[1] == "100.0%"
    assert row(measures, "Payments (GBP)")[1] == "£300.00"
    # 1 upheld decision for 250,000 residents.
    assert row(measures, "Upheld decisions per 100,000 residents")[1] == 0.4
    cases = table(report, "omb_lgsco_cases")
    # Only the decision that found fault; the one closed after initial enquiries is not listed.
    assert [r[0] for r in cases.rows] == ["22 000 101"]


def test_mp_enquiries_and_compliments(dataset):
    report = build_report(period=YEAR, audience=INTERNAL)

    mps = table(report, "mp_enquiries")
    assert mps.rows == [["Testford North", 6, 5, 4, 80.0]]
    compliments = table(report, "compliments")
    assert row(compliments, "Children's")[1:] == [0, 3, 7]


def test_public_version_suppresses_small_breakdown_counts(dataset):
    report = build_report(period=YEAR, audience=PUBLIC)

    childrens = table(report, f"dir_{dataset.childrens.pk}_outcomes")
    stage_one = row(childrens, "Stage 1")
    assert stage_one[1] == 8  # at or above the threshold: shown
    assert stage_one[2] == Suppressed(5)  # 1 upheld
    assert str(stage_one[2]) == "fewer than 5"
    assert stage_one[5] == 0  # zero is not suppressed
    assert row(table(report, "mp_enquiries"), "Testford North")[3] == Suppressed(5)
    # Council-wide totals are counts too (§6.2, issue 10): 3 stage 2 complaints is small.
    assert row(table(report, "summary"), "Stage 2 complaints")[3] == Suppressed(5)


def test_public_version_has_no_free_text_summaries_or_names(dataset):
    public = all_text(build_report(period=YEAR, audience=PUBLIC))
    internal = all_text(build_report(period=YEAR, audience=INTERNAL))

    assert "Stage two review of the delay" not in public
    assert "Thank you to the SEND Team" not in public
    assert "Ms Secret" not in public  # the Ombudsman case summary
    assert "Crews now photograph missed bins" not in public  # learning free text
    assert "Crews now photograph missed bins" in internal
    assert "Stage two review of the delay" in internal
    assert "Thank you to the SEND Team" in internal
    assert SECRET_NAME not in internal
    assert SECRET_NAME not in public


def test_public_sentences_do_not_reveal_suppressed_counts(dataset):
    report = build_report(period=YEAR, audience=PUBLIC)
    text = all_text(report)

    # The 3 stage two complaints are hidden, so the sentence opens without the total.
    assert (
        "Of the stage two complaints received, fewer than 5 were upheld (at fault)"
        in text
    )
    assert "Of the 3 stage two complaints" not in text


def test_directorate_report_covers_only_that_directorate(dataset):
    report = build_report(period=YEAR, directorate=dataset.corporate, audience=INTERNAL)

    assert report.directorate == "Corporate"
    assert row(table(report, "summary"), "Stage 1 complaints")[3] == 8
    assert [t.key for t in report.tables() if t.key.startswith("dir_")] == [
        f"dir_{dataset.corporate.pk}_received",
        f"dir_{dataset.corporate.pk}_outcomes",
        f"dir_{dataset.corporate.pk}_procedures",
        f"dir_{dataset.corporate.pk}_teams",
    ]


def test_commentary_appears_in_its_section(dataset, alice):
    commentary_save(
        section="learning",
        year="2022/23",
        directorate=None,
        text="Members asked for quarterly updates.\n\nThe team agreed.",
        by=alice,
    )
    commentary_save(
        section="learning", year="2021/22", directorate=None, text="Old.", by=alice
    )

    report = build_report(period=YEAR, audience=PUBLIC)

    learning = next(s for s in report.sections if s.key == "learning")
    assert learning.commentary == [
        "Members asked for quarterly updates.",
        "The team agreed.",
    ]
    assert all(not s.commentary for s in report.sections if s.key != "learning")


def test_empty_council_still_gives_a_report():
    report = build_report(period=YEAR, audience=PUBLIC)

    assert [s.key for s in report.sections][:2] == ["summary", "trends"]
    # No enquiries at all: no share to give (shown as a dash).
    assert row(table(report, "summary"), "Total number of enquiries")[1:] == [
        0,
        0,
        0,
        None,
    ]


def test_unknown_audience_is_refused():
    with pytest.raises(ValueError, match="Audience 'press' is not recognised"):
        build_report(period=YEAR, audience="press")
