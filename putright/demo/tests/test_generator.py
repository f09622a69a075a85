"""The synthetic data generator: deterministic, exact in size, realistic, never in the future."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter, defaultdict

import pytest

from putright.core.working_days import get_calendar
from putright.demo.generator import DemoGenerator, generate_rows

TODAY = dt.date(2026, 11, 22)

# Copied from docs/interchange-format.md §4.1 and §4.2, in the documented order.
CONTACT_HEADER = [
    "reference", "kind", "stage", "procedure", "directorate", "team", "received",
    "acknowledged", "due", "extended_to", "responded", "outcome", "refusal_reason",
    "channel", "complainant_type", "issue_natures", "root_causes", "remedies",
    "financial_remedy", "learning", "commissioned", "constituency", "summary",
]  # fmt: skip
OMBUDSMAN_HEADER = [
    "reference", "ombudsman", "complaint_reference", "directorate", "team", "category",
    "received", "investigation", "decided", "decision",
    "satisfactory_remedy_by_council", "remedy_amount", "recommendations",
    "recommendations_on_time", "recommendations_late", "requirement", "lessons",
    "summary",
]  # fmt: skip
LGSCO_DECISIONS = {
    "upheld", "not_upheld", "closed_after_initial_enquiries",
    "referred_back_for_local_resolution", "advice_given", "incomplete_invalid",
}  # fmt: skip
HO_DECISIONS = {
    "severe_maladministration", "maladministration", "service_failure",
    "reasonable_redress", "no_maladministration", "outside_jurisdiction", "mediation",
    "withdrawn",
}  # fmt: skip
KINDS = {
    "complaint", "informal_complaint", "service_request", "comment", "compliment",
    "mp_enquiry", "member_enquiry",
}  # fmt: skip
EVENT_DATES = ("received", "acknowledged", "responded")


def _rows(records, seed=7, today=TODAY, **options):
    contacts, ombudsman = generate_rows(records, seed, today, **options)
    return list(contacts), list(ombudsman)


@pytest.fixture(scope="module")
def demo():
    """The demo council's natural volume (about 600 stage 1 complaints a year)."""
    return _rows(None, seed=2026, council_procedure=True)


def _year(text: str) -> int:
    day = dt.date.fromisoformat(text)
    return day.year if day.month >= 4 else day.year - 1


def test_same_seed_gives_identical_rows_and_another_seed_differs():
    first = _rows(3000, seed=11)
    assert _rows(3000, seed=11) == first
    other = _rows(3000, seed=12)
    assert other[0] != first[0]
    assert other[1] != first[1]


@pytest.mark.parametrize("records", [1, 2, 37, 500, 4321])
def test_records_is_the_exact_number_of_contact_rows(records):
    contacts, _ = _rows(records)
    assert len(contacts) == records


def test_a_million_records_are_planned_exactly_without_generating_them():
    generator = DemoGenerator(1_000_000, 3, TODAY)
    assert sum(generator.counts.values()) == 1_000_000


def test_negative_records_are_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        DemoGenerator(-1, 1, TODAY)


def test_rows_have_exactly_the_interchange_columns_and_closed_vocabularies(demo):
    contacts, ombudsman = demo
    assert all(list(row) == CONTACT_HEADER for row in contacts)
    assert all(list(row) == OMBUDSMAN_HEADER for row in ombudsman)
    assert {row["kind"] for row in contacts} == KINDS
    for row in ombudsman:
        allowed = LGSCO_DECISIONS if row["ombudsman"] == "lgsco" else HO_DECISIONS
        assert row["decision"] in allowed | {""}


def test_references_are_unique_per_stage_and_one_kind_per_reference(demo):
    contacts, ombudsman = demo
    keys = Counter((row["reference"], row["stage"]) for row in contacts)
    assert max(keys.values()) == 1
    kinds = defaultdict(set)
    for row in contacts:
        kinds[row["reference"]].add(row["kind"])
    assert all(len(k) == 1 for k in kinds.values())
    assert len({row["reference"] for row in ombudsman}) == len(ombudsman)


@pytest.mark.parametrize("today", [TODAY, dt.date(2025, 4, 2), dt.date(2024, 3, 31)])
def test_no_event_happens_after_today(today):
    contacts, ombudsman = _rows(6000, seed=5, today=today)
    for row in contacts:
        for column in EVENT_DATES:
            assert row[column] <= today.isoformat(), (column, row)
    for row in ombudsman:
        assert row["received"] <= today.isoformat()
        assert row["decided"] <= today.isoformat()
    # Four financial years, the last one the year holding today.
    first = today.year - 3 if today.month >= 4 else today.year - 4
    assert min(row["received"] for row in contacts) >= f"{first}-04-01"


def test_later_stages_follow_the_earlier_response(demo):
    contacts, _ = demo
    stages = defaultdict(dict)
    for row in contacts:
        if row["kind"] == "complaint":
            stages[row["reference"]][int(row["stage"])] = row
    escalated = [s for s in stages.values() if 2 in s]
    assert escalated
    assert any(3 in s for s in stages.values())
    for case in escalated:
        for number in (2, 3):
            if number not in case:
                continue
            earlier, later = case[number - 1], case[number]
            assert earlier["responded"], "an escalation needs an earlier response"
            assert later["received"] > earlier["responded"]
            assert later["team"] == earlier["team"]
            assert later["procedure"] == earlier["procedure"]
    assert all(s[3]["procedure"] == "children_1989" for s in stages.values() if 3 in s)


def test_volumes_of_a_full_year_are_in_the_seed_ranges(demo):
    contacts, ombudsman = demo
    year = 2025  # 2025/2026: the last complete year
    counts = Counter()
    for row in contacts:
        if _year(row["received"]) == year:
            counts[row["kind"] + row["stage"]] += 1
    assert 450 <= counts["complaint1"] <= 750
    assert 0.08 <= counts["complaint2"] / counts["complaint1"] <= 0.16
    assert counts["complaint3"] <= 6
    assert counts["service_request"] + counts["informal_complaint"] >= 2000
    assert 200 <= counts["compliment"] <= 1000
    assert 20 <= counts["comment"] <= 200
    assert 100 <= counts["mp_enquiry"] <= 600
    assert 5 <= counts["member_enquiry"] <= 100
    omb = Counter(r["ombudsman"] for r in ombudsman if _year(r["received"]) == year)
    assert 28 <= omb["lgsco"] <= 45
    assert 10 <= omb["ho"] <= 40
    lgsco = [r for r in ombudsman if r["ombudsman"] == "lgsco"]
    investigated = sum(r["investigation"] == "true" for r in lgsco) / len(lgsco)
    assert 0.2 <= investigated <= 0.5


def test_corporate_outcomes_and_refusals_look_like_the_seeds(demo):
    contacts, _ = demo
    corporate = [
        r["outcome"]
        for r in contacts
        if r["procedure"] in ("lgsco_code", "corporate_21")
        and r["stage"] == "1"
        and r["outcome"]
    ]
    share = {k: v / len(corporate) for k, v in Counter(corporate).items()}
    assert 0.25 <= share["not_upheld"] <= 0.45
    assert 0.3 <= share["partly_upheld"] <= 0.45
    assert 0.12 <= share["upheld"] <= 0.3
    assert 0.01 <= share["refused"] <= 0.08
    reasons = {r["refusal_reason"] for r in contacts if r["outcome"] == "refused"}
    assert "Out of time" in reasons
    assert all(reasons)
    # Refusal reasons only on refused rows; remedies only on decided rows.
    for row in contacts:
        assert bool(row["refusal_reason"]) == (row["outcome"] == "refused")
        if row["financial_remedy"]:
            assert "financial" in row["remedies"].split(";")
            assert float(row["financial_remedy"]) > 0


def test_statutory_and_council_procedures_go_to_the_right_teams(demo):
    contacts, _ = demo
    procedures = defaultdict(set)
    for row in contacts:
        if row["kind"] == "complaint":
            procedures[row["team"]].add(row["procedure"])
    assert procedures["Children's Social Care"] == {"children_1989"}
    assert procedures["Mental Health Team"] == {"adults_2009"}
    assert procedures["Housing Repairs"] == {"ho_code"}
    assert procedures["Sexual Health Services"] == {"public_health_2012"}
    # SEND uses the corporate procedure: the council's own until April 2026.
    assert procedures["SEND Team"] == {"corporate_21", "lgsco_code"}
    for row in contacts:
        if row["procedure"] == "corporate_21" and row["stage"] == "1":
            assert row["received"] < "2026-04-01"


def test_years_change_both_ways_for_the_comparison_sentences(demo):
    contacts, _ = demo
    counts = Counter(
        (row["directorate"], _year(row["received"]))
        for row in contacts
        if row["kind"] == "complaint" and row["stage"] == "1"
    )
    changes = {
        counts[(d, 2024)] - counts[(d, 2023)] for d in {d for d, _ in counts}
    } | {counts[(d, 2025)] - counts[(d, 2024)] for d in {d for d, _ in counts}}
    assert any(change > 0 for change in changes)
    assert any(change < 0 for change in changes)


def test_volumes_dip_in_august_and_december(demo):
    contacts, _ = demo
    months = Counter(
        row["received"][5:7]
        for row in contacts
        if row["received"][:4] in ("2024", "2025")
    )
    assert months["08"] < months["07"]
    assert months["08"] < months["09"]
    assert months["12"] < months["11"]


def test_the_current_year_has_open_cases_overdue_due_soon_and_unacknowledged(demo):
    contacts, _ = demo
    today = TODAY.isoformat()
    soon = (TODAY + dt.timedelta(days=10)).isoformat()
    open_stages = [
        r for r in contacts if r["kind"] == "complaint" and not r["responded"]
    ]
    assert all(not r["outcome"] for r in open_stages)
    assert any((r["extended_to"] or r["due"]) < today for r in open_stages)
    assert any(today <= r["due"] <= soon for r in open_stages)
    assert any(not r["acknowledged"] for r in open_stages)
    # Other contacts (compliments too) are answered within weeks, not left open.
    two_months_ago = (TODAY - dt.timedelta(days=60)).isoformat()
    for row in contacts:
        if row["kind"] != "complaint" and row["received"] < two_months_ago:
            assert row["responded"], row


def test_extensions_some_beyond_the_cap(demo):
    contacts, _ = demo
    cal = get_calendar()
    extended = [
        r
        for r in contacts
        if r["extended_to"] and r["procedure"] in ("lgsco_code", "ho_code")
    ]
    assert extended
    beyond = 0
    for row in extended:
        due = dt.date.fromisoformat(row["due"])
        cap = 10 if row["stage"] == "1" else 20
        if dt.date.fromisoformat(row["extended_to"]) > cal.add_working_days(due, cap):
            beyond += 1
    assert 0 < beyond < len(extended) / 2


def test_ombudsman_cases_follow_a_generated_complaint(demo):
    contacts, ombudsman = demo
    last_response = {}
    for row in contacts:
        if row["kind"] == "complaint" and row["responded"]:
            last_response[row["reference"]] = max(
                row["responded"], last_response.get(row["reference"], "")
            )
    linked = [r for r in ombudsman if r["complaint_reference"]]
    assert len(linked) > len(ombudsman) / 2
    for row in linked:
        assert row["complaint_reference"] in last_response
        assert row["received"] > last_response[row["complaint_reference"]]
    for row in ombudsman:
        assert bool(row["requirement"]) == bool(row["decision"])
        if row["decision"] in ("withdrawn", "outside_jurisdiction", "mediation"):
            assert "maladministration" not in row["requirement"]
        on_time = int(row["recommendations_on_time"] or 0)
        late = int(row["recommendations_late"] or 0)
        assert on_time + late <= int(row["recommendations"] or 0)
        if row["remedy_amount"]:
            assert row["decision"] in (
                "upheld",
                "maladministration",
                "severe_maladministration",
                "service_failure",
            )


def test_text_never_contains_personal_details(demo):
    contacts, ombudsman = demo
    texts = {
        r[c]
        for r in itertools.chain(contacts, ombudsman)
        for c in ("summary", "learning", "requirement", "lessons")
        if c in r
    }
    assert texts
    for text in texts:
        assert "@" not in text
        assert not any(title in text for title in ("Mr ", "Mrs ", "Ms ", "Miss "))


def test_the_fast_working_day_index_agrees_with_the_calendar():
    closure = [dt.date(2025, 12, 24)]
    generator = DemoGenerator(10, 1, TODAY, closure_days=closure)
    cal = get_calendar("england", closure)
    rng = random.Random(4)
    start = dt.date(2023, 3, 1)
    for _ in range(2000):
        day = start + dt.timedelta(days=rng.randint(0, 1500))
        n = rng.randint(0, 70)
        assert generator._wd(day, n) == cal.add_working_days(day, n)


def test_ombudsman_texts_read_as_sentences_and_vary(demo):
    """The dashboard shows "Outcome: ..." beside the requirement, so the requirement
    never repeats the outcome; a topic never follows a verb it already contains."""
    _contacts, ombudsman = demo
    found = [r for r in ombudsman if r["recommendations"]]
    assert found
    for row in ombudsman:
        assert not row["requirement"].startswith("Outcome"), row["requirement"]
        assert "handles handling" not in row["requirement"] + row["lessons"]
        assert "how it handles" not in row["lessons"]
    requirements = Counter(row["requirement"] for row in found)
    # Fault findings differ from one another, as the Ombudsman's decisions do.
    assert len(requirements) > len(found) / 2
    assert all(row["requirement"].startswith("Within one month: ") for row in found)
    assert all(row["lessons"][0].isupper() for row in found)
