"""The council's reference pattern: written, read back, and checked before it is saved."""

import pytest
from django.core.exceptions import ValidationError

from putright.core import references as r


def test_the_default_pattern_writes_the_demo_style_reference():
    assert (
        r.format_reference(r.DEFAULT_PATTERN, prefix="CF", year=2026, number=4283)
        == "CF-2026-004283"
    )


@pytest.mark.parametrize(
    ("pattern", "reference", "parsed"),
    [
        ("{prefix}-{year}-{number:06}", "CF-2026-004283", (2026, 4283)),
        ("{prefix}-{year}-{number:06}", "cf-2026-1234567", (2026, 1234567)),
        ("{prefix}/{number:05}", "CF/00012", (r.NO_YEAR, 12)),
        ("{year}.{prefix}.{number}", "2025.CF.7", (2025, 7)),
    ],
)
def test_a_reference_of_the_series_reads_back_as_its_year_and_number(
    pattern, reference, parsed
):
    assert r.parse_reference(pattern, "CF", reference) == parsed


@pytest.mark.parametrize("reference", ["CMP-2026-000001", "CF-26-000001", "CF-2026-"])
def test_a_reference_of_another_series_is_not_read_as_ours(reference):
    assert r.parse_reference(r.DEFAULT_PATTERN, "CF", reference) is None


def test_the_highest_number_is_found_per_year():
    found = r.highest_numbers(
        r.DEFAULT_PATTERN,
        "CF",
        ["CF-2026-000010", "CF-2026-000200", "CF-2025-000900", "CMP-2026-999999"],
    )
    assert found == {2026: 200, 2025: 900}


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{prefix}-{year}", "needs {number} exactly once"),
        ("{prefix}-{number}-{number}", "needs {number} exactly once"),
        ("{council}-{number}", "not {council}"),
        ("{prefix}-{number", "in braces"),
        ("{prefix}-{number:x>6s}", "not a number format"),
    ],
)
def test_a_bad_pattern_is_refused_with_a_clear_message(pattern, problem):
    assert problem in r.pattern_problem(pattern)


def test_a_good_pattern_has_no_problem():
    assert r.pattern_problem("{prefix}-{year}-{number:06}") == ""


@pytest.mark.django_db
def test_the_council_refuses_a_bad_pattern_or_prefix(council):
    council.reference_pattern = "{prefix}-{year}"
    council.reference_prefix = "C F"
    with pytest.raises(ValidationError) as error:
        council.full_clean()
    assert set(error.value.message_dict) == {"reference_pattern", "reference_prefix"}
