"""Small-number suppression (§6.2): primary, and secondary so nothing can be worked out."""

import itertools

import pytest

from putright.statistics.disclosure import Disclosure, Hidden


def _recoverable(d: Disclosure, hidden: dict[str, Hidden], key: str) -> bool:
    """Brute force: does the shown output narrow a hidden count below its whole range?

    Tries every value for the hidden counts (primary 1..threshold-1, secondary 0..50)
    against the shown figures and every relation; a count is recovered when one value is
    left, and a primary count also when the shown figures bound it below threshold - 1
    (the Children Act "at most 2"; inside a total that is itself fewer than N every part
    is necessarily smaller, and that says nothing the reader was not told).
    """
    unknown = sorted(k for k in hidden if k in d.counts)
    ranges = [
        range(1, d.threshold) if hidden[k] is Hidden.PRIMARY else range(51)
        for k in unknown
    ]
    possible: set[int] = set()
    for combo in itertools.product(*ranges):
        values = {k: v for k, v in d.values.items() if k not in hidden}
        values.update(dict(zip(unknown, combo, strict=True)))
        ok = True
        for r in d.relations:
            if r.total not in values:
                continue
            total = sum(values[p] for p in r.parts)
            if (r.exact and total != values[r.total]) or total > values[r.total]:
                ok = False
                break
        if ok:
            possible.add(values[key])
    within_small_total = any(
        key in r.parts and hidden.get(r.total) is Hidden.PRIMARY for r in d.relations
    )
    if len(possible) == 1:
        return True
    if hidden[key] is Hidden.PRIMARY and not within_small_total:
        return max(possible) < d.threshold - 1
    # Inside a total that is itself fewer than N, every part is necessarily smaller:
    # what must not happen is that one value is left.
    return len(possible) == 1


def test_small_counts_are_hidden_and_zero_is_shown():
    d = Disclosure(threshold=5)
    for key, value in {"a": 0, "b": 1, "c": 4, "d": 5}.items():
        d.count(key, value)
    assert d.solve() == {"b": Hidden.PRIMARY, "c": Hidden.PRIMARY}


def test_upheld_at_a_rate_cannot_give_away_the_not_upheld_count():
    # "Not upheld: fewer than 5" followed from 10 upheld at 71.4%.
    d = Disclosure(threshold=5)
    d.count("investigated", 14)
    d.count("upheld", 10)
    d.count("not_upheld", 4)
    d.parts("investigated", ["upheld", "not_upheld"])
    d.derived("upheld_rate", ["upheld", "investigated"], 71.4)

    hidden = d.solve()

    assert hidden["not_upheld"] is Hidden.PRIMARY
    assert hidden["upheld"] is Hidden.SECONDARY
    assert hidden["upheld_rate"] is Hidden.SECONDARY
    assert not _recoverable(d, hidden, "not_upheld")
    assert not _recoverable(d, hidden, "upheld")


def test_received_beside_its_other_outcomes_cannot_bound_the_small_one():
    # A Children Act "Upheld: fewer than 5" beside 26 received, 16 partly and 8 not
    # upheld is at most 2.
    d = Disclosure(threshold=5)
    for key, value in {"received": 26, "upheld": 2, "partly": 16, "not": 8}.items():
        d.count(key, value)
    d.parts("received", ["upheld", "partly", "not"], exact=False)

    hidden = d.solve()

    assert hidden["upheld"] is Hidden.PRIMARY
    assert "not" in hidden  # the smallest shown part goes too
    assert not _recoverable(d, hidden, "upheld")


def test_a_rate_over_a_hidden_count_is_hidden():
    d = Disclosure(threshold=5)
    d.count("answered", 3)
    d.count("within", 3)
    d.derived("within_rate", ["within", "answered"], 100.0)
    d.derived("average_days", ["answered"], 12.0)
    hidden = d.solve()
    assert hidden["within_rate"] is Hidden.SECONDARY
    assert hidden["average_days"] is Hidden.SECONDARY


def test_with_no_part_left_to_hide_the_total_is_hidden_and_that_spreads_upwards():
    d = Disclosure(threshold=5)
    for key, value in {
        "all": 40,
        "stage1": 37,
        "stage2": 3,
        "s2_a": 3,
        "s2_b": 0,
    }.items():
        d.count(key, value)
    d.parts("stage2", ["s2_a", "s2_b"])
    d.parts("all", ["stage1", "stage2"])
    hidden = d.solve()
    assert hidden["s2_a"] is Hidden.PRIMARY
    assert hidden["stage2"] is Hidden.PRIMARY
    assert hidden["stage1"] is Hidden.SECONDARY
    for key in hidden:
        assert not _recoverable(d, hidden, key)


def test_a_part_is_hidden_before_the_total_readers_look_for():
    # The demo council's public report hid its stage 1 total because Public Health had
    # 4; the total took part in fewer other tables than the directorates did.
    # A directorate's count goes instead, and the headline stays.
    d = Disclosure(threshold=5, thorough=True)
    for key, value in {
        "stage1": 288,
        "adults": 41,
        "housing": 243,
        "public_health": 4,
        "adults_upheld": 10,
        "adults_not_upheld": 31,
        "housing_upheld": 80,
        "housing_not_upheld": 163,
    }.items():
        d.count(key, value)
    d.parts("stage1", ["adults", "housing", "public_health"])
    d.parts("adults", ["adults_upheld", "adults_not_upheld"])
    d.parts("housing", ["housing_upheld", "housing_not_upheld"])

    hidden = d.solve()

    assert hidden["public_health"] is Hidden.PRIMARY
    assert "stage1" not in hidden
    assert hidden["adults"] is Hidden.SECONDARY  # the smallest part in as few tables
    assert "adults_upheld" in hidden  # or 41 would be 10 + 31
    for key in hidden:
        assert not _recoverable(d, hidden, key)


def test_two_small_parts_adding_up_to_little_are_protected():
    d = Disclosure(threshold=5)
    for key, value in {"total": 22, "a": 1, "b": 1, "c": 20}.items():
        d.count(key, value)
    d.parts("total", ["a", "b", "c"])
    hidden = d.solve()
    assert hidden["c"] is Hidden.SECONDARY
    assert not _recoverable(d, hidden, "a")


def test_the_same_figure_twice_must_agree():
    d = Disclosure(threshold=5)
    d.count("a", 3)
    with pytest.raises(ValueError, match="registered as 3 and 4"):
        d.count("a", 4)


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_leave_nothing_recoverable(seed):
    import random

    rng = random.Random(seed)
    d = Disclosure(threshold=5)
    parts = [f"p{i}" for i in range(rng.randint(2, 4))]
    for key in parts:
        d.count(key, rng.choice([0, 1, 2, 3, 4, 6, 9, 15]))
    d.count("total", sum(d.values[p] for p in parts) + rng.choice([0, 0, 3]))
    d.parts("total", parts, exact=d.values["total"] == sum(d.values[p] for p in parts))
    hidden = d.solve()
    for key in hidden:
        if key in d.counts and hidden[key] is Hidden.PRIMARY:
            assert not _recoverable(d, hidden, key), (d.values, hidden)
