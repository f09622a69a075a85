"""Similar-authority benchmarks (docs/interchange-format.md §4.4): importing the three kinds
of file all or nothing, and the council against the mean of its type."""

import csv
import gzip
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.statistics.benchmark_models import BenchmarkFigures, BenchmarkName
from putright.statistics.benchmarks import (
    BenchmarkFileError,
    comparison,
    import_benchmarks,
)

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
LGSCO = DATA / "lgsco_benchmarks.csv"
FINDINGS = Path("/work/shared/data/housing_ombudsman_findings.csv.gz")


def write(tmp_path, text, name="bench.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lgsco_file_compares_the_council_with_the_mean_of_its_type():
    import_benchmarks(LGSCO, "lgsco")

    found = comparison("lgsco", "2024/2025")

    # The council (Demo Borough Council, the default name) is a metropolitan borough;
    # four metropolitan rows (the county is not similar), worked out by hand:
    assert found["authority_type"] == "metropolitan"
    assert found["similar_authorities"] == 4
    upheld = found["measures"]["upheld_rate"]
    # 16/20, 30/40, 5/10 (Westby has no investigations) -> (80 + 75 + 50) / 3
    assert upheld == {
        "label": "Upheld rate of detailed investigations",
        "council": Decimal("80.0"),
        "mean": Decimal("68.3"),
        "authorities": 3,
    }
    # 2/16, 6/30, 0/5 -> (12.5 + 20 + 0) / 3
    assert found["measures"]["satisfactory_remedy_rate"]["mean"] == Decimal("10.8")
    # 10/10, 19/20, 2/4 (Southby had none due) -> (100 + 95 + 50) / 3
    assert found["measures"]["compliance_rate"]["mean"] == Decimal("81.7")
    # 6.4, 10, 2.5 and 0 per 100,000 residents -> 18.9 / 4
    per = found["measures"]["upheld_per_100k"]
    assert (per["council"], per["mean"], per["authorities"]) == (
        Decimal("6.4"),
        Decimal("4.7"),
        4,
    )
    earlier = comparison("lgsco", "2023/2024")["measures"]["upheld_rate"]
    assert (earlier["mean"], earlier["authorities"]) == (Decimal("70.0"), 2)


def test_the_councils_names_in_the_data_are_a_setting(council):
    council.name = "Metropolitan Borough of Demo"
    council.save()
    import_benchmarks(LGSCO, "lgsco")
    assert comparison("lgsco", "2024/2025")["council"] is None
    BenchmarkName.objects.create(ombudsman="lgsco", name="demo  borough COUNCIL")
    assert comparison("lgsco", "2024/2025")["council"] == "Demo Borough Council"


def test_reimporting_replaces_the_same_authority_and_year(tmp_path):
    import_benchmarks(LGSCO)
    changed = LGSCO.read_text().replace(
        "Northby Metropolitan Borough Council,metropolitan,300000,,90,88,40,30",
        "Northby Metropolitan Borough Council,metropolitan,300000,,90,88,40,10",
    )
    import_benchmarks(write(tmp_path, changed))
    assert BenchmarkFigures.objects.count() == 7
    northby = BenchmarkFigures.objects.get(
        year="2024/2025", authority__name__startswith="Northby"
    )
    assert northby.upheld == 10


def test_a_bad_row_changes_nothing_and_every_problem_is_reported(tmp_path):
    import_benchmarks(LGSCO)
    before = list(BenchmarkFigures.objects.values_list("pk", "upheld"))
    bad = (
        "ombudsman,year,authority,authority_type,investigations,upheld\n"
        "lgsco,2024/2025,Northby Metropolitan Borough Council,metropolitan,40,1\n"
        "lgsco,2024/25,Uptown,parish,10,-2\n"
        "xo,2024/2026,,unitary,,\n"
    )
    with pytest.raises(BenchmarkFileError) as refused:
        import_benchmarks(write(tmp_path, bad))
    assert refused.value.problems == [
        "row 3, column authority_type: value 'parish': not one of county, district, "
        "metropolitan, unitary, london_borough",
        "row 3, column upheld: value '-2': not a whole number of 0 or more",
        "row 4, column ombudsman: value 'xo': not one of lgsco, ho, spso, psow, nipso",
        "row 4, column year: value '2024/2026': Year '2024/2026' is not recognised: "
        "the second year must follow the first (for example 2024/2025).",
        "row 4, column authority: value '': required",
    ]
    assert list(BenchmarkFigures.objects.values_list("pk", "upheld")) == before


def test_a_file_of_another_kind_is_refused_by_the_command(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command(
            "import_benchmarks", str(LGSCO), "--kind", "ho_findings", stderr=err
        )
    assert "missing column landlord" in err.getvalue()
    with pytest.raises(CommandError, match="this is a ho file|nothing was changed"):
        call_command("import_benchmarks", str(LGSCO), "--kind", "ho", stderr=err)
    assert "row 2, column ombudsman: value 'lgsco': this is a ho file" in err.getvalue()
    assert not BenchmarkFigures.objects.exists()


def _direct_count(path):
    """Per landlord and financial year (April to March), counted straight from the file."""
    counts = Counter()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            landlord = " ".join(row["landlord"].split()).casefold()
            day = row["decision_date_iso"]
            if not landlord or not day:
                continue
            first = int(day[:4]) - (int(day[5:7]) < 4)
            counts[(landlord, f"{first}/{first + 1}", row["finding"])] += 1
    return counts


@pytest.mark.skipif(not FINDINGS.exists(), reason="the shared data file is not here")
def test_housing_ombudsman_findings_give_the_files_own_counts():
    out = StringIO()
    call_command(
        "import_benchmarks", str(FINDINGS), "--kind", "ho_findings", stdout=out
    )
    expected = _direct_count(FINDINGS)
    columns = {
        "Severe Maladministration": "severe_maladministration",
        "Maladministration": "maladministration",
        "Service Failure": "service_failure",
        "Reasonable Redress": "reasonable_redress",
        "No Maladministration": "no_maladministration",
        "Outside Jurisdiction": "outside_jurisdiction",
    }
    stored = Counter()
    for row in BenchmarkFigures.objects.values(
        "authority__key", "year", *columns.values()
    ):
        for finding, column in columns.items():
            if row[column]:
                stored[(row["authority__key"], row["year"], finding)] = row[column]
    assert stored == expected
    assert sum(stored.values()) == 33096 - 6 - 109
    assert "6 rows left out: no landlord named" in out.getvalue()
    assert "109 rows left out: no decision date" in out.getvalue()


@pytest.mark.skipif(not FINDINGS.exists(), reason="the shared data file is not here")
def test_findings_counted_with_duckdb_match_for_one_landlord():
    duckdb = pytest.importorskip("duckdb")
    import_benchmarks(FINDINGS, "ho_findings")
    connection = duckdb.connect()
    findings = connection.read_csv(str(FINDINGS), all_varchar=True)
    connection.register("findings", findings)
    total, faults = connection.sql(
        "select count(*), count(*) filter (where finding in ('Severe Maladministration',"
        " 'Maladministration', 'Service Failure')) from findings "
        "where lower(trim(landlord)) = 'london borough of islington' "
        "and decision_date_iso between '2024-04-01' and '2025-03-31'"
    ).fetchall()[0]
    row = BenchmarkFigures.objects.get(
        authority__key="london borough of islington", year="2024/2025"
    )
    found = [
        row.severe_maladministration,
        row.maladministration,
        row.service_failure,
        row.reasonable_redress,
        row.no_maladministration,
        row.outside_jurisdiction,
    ]
    assert sum(found) == total
    assert sum(found[:3]) == faults
    assert total > 0
    # The council named as Islington: its maladministration rate against its type.
    BenchmarkName.objects.create(ombudsman="ho", name="London Borough of Islington")
    found = comparison("ho", "2024/2025")
    assert found["authority_type"] == "Local Authority / ALMO or TMO"
    rate = found["measures"]["maladministration_rate"]
    assert rate["council"] == (Decimal(faults * 100) / total).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    assert 1 < rate["authorities"] <= found["similar_authorities"]
