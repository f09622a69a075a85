"""The report's Ombudsman section compares the council with similar authorities and says
how many authorities each average is over; the methods section reports the sampling."""

from pathlib import Path

import pytest

from putright.core.periods import Period
from putright.reporting.blocks import INTERNAL, PUBLIC
from putright.reporting.build import build_report
from putright.reporting.tests.test_report_data import all_text, row, table
from putright.statistics.benchmarks import import_benchmarks

pytestmark = pytest.mark.django_db
LGSCO = (
    Path(__file__).parents[2] / "statistics" / "tests" / "data" / "lgsco_benchmarks.csv"
)


@pytest.mark.parametrize("audience", [INTERNAL, PUBLIC])
def test_report_shows_the_council_against_the_mean_of_its_type(audience):
    import_benchmarks(LGSCO, "lgsco")

    report = build_report(period=Period(2024), audience=audience)

    compared = table(report, "omb_lgsco_benchmarks")
    assert (
        compared.caption
        == "LGSCO figures for 2024/2025 compared with metropolitan boroughs"
    )
    assert compared.columns == [
        "Measure",
        "The council",
        "Average",
        "Authorities averaged",
    ]
    # Worked out by hand from the fixture (see statistics/tests/test_benchmarks.py).
    assert row(compared, "Upheld rate of detailed investigations")[1:] == [
        "80.0%",
        "68.3%",
        "3",
    ]
    assert row(compared, "Upheld per 100,000 residents")[1:] == ["6.4", "4.7", "4"]
    text = all_text(report)
    assert (
        "Upheld rate of detailed investigations: 80.0% for the council, compared with "
        "an average of 68.3% over 3 authorities (metropolitan boroughs) in 2024/2025."
    ) in text


def test_no_comparison_without_benchmark_data_for_the_year():
    import_benchmarks(LGSCO, "lgsco")
    report = build_report(period=Period(2022), audience=INTERNAL)
    assert "omb_lgsco_benchmarks" not in [t.key for t in report.tables()]
