"""Small-number suppression for everything the public and staff without case access see.

docs/counting-rules.md §6.2: a count from 1 to threshold - 1 is shown as "fewer than N"
(primary suppression), and so is hidden anything from which a hidden count could be worked
out (secondary suppression): a percentage, an average, a difference or a case list built on
it, a total whose other parts are shown, and, across the tables of one output, the same
figure shown elsewhere (one key per figure, so it is hidden everywhere or nowhere).

An output registers its figures and how they relate, then asks `solve()` which to hide:

    d = Disclosure(threshold=5)
    d.count("investigated", 14)
    d.count("upheld", 10)
    d.count("not_upheld", 4)
    d.parts("investigated", ["upheld", "not_upheld"])         # exactly the sum
    d.derived("upheld_rate", ["upheld", "investigated"])      # a rate of them
    hidden = d.solve()      # {"not_upheld": PRIMARY, "upheld": SECONDARY, "upheld_rate": ...}

Relations: `parts(total, parts, exact=True)` says total = sum(parts) (`exact=False`: at
least the sum, as "received" is to its main outcomes); `derived(key, inputs)` is a figure
computed from inputs (a rate, an average, a difference, a case list), hidden whenever an
input is hidden. In every relation whose total is shown, the hidden parts keep their whole
range: a primary cell could still be anything from 1 to threshold - 1, and no single hidden
part can be worked out. Where that fails, the smallest shown part is hidden too
(complementary suppression), or, when no part is left to hide, the total. This is the
usual cell-suppression rule of official statistics, applied until nothing changes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Hidden(enum.StrEnum):
    PRIMARY = "primary"  # a small count: shown as "fewer than N"
    SECONDARY = "secondary"  # hidden to protect a small count: shown as "not shown"


@dataclass
class _Parts:
    total: str
    parts: list[str]
    exact: bool | None  # None: exact when the values add up


@dataclass
class Disclosure:
    threshold: int
    values: dict[str, int | float | None] = field(default_factory=dict)
    counts: set[str] = field(default_factory=set)
    shown: set[str] = field(default_factory=set)  # counts the output shows
    relations: list[_Parts] = field(default_factory=list)
    derivations: dict[str, set[str]] = field(default_factory=dict)
    forced: set[str] = field(default_factory=set)
    # The annual report's rules (`thorough`): a part hidden before its total (its headline
    # totals are what readers look for), leaks covered further away and every leak tried,
    # "fewer than N" turned to "not shown" as a last resort. The dashboard's figures, whose
    # totals are sums of quarters and of directorates at once, keep the nearest cheapest
    # figure: with the report's rules they hid every quarter of a council's year.
    thorough: bool = False

    def count(self, key: str, value: int, *, shown: bool = True) -> str:
        """Register a count (the same key twice must carry the same value).

        `shown=False`: the output does not show it (a rate's base, a row left out), so a
        reader does not know it; it is still protected if it is small.
        """
        known = self.values.get(key)
        if key in self.counts and known != value:
            raise ValueError(f"Figure {key!r} was registered as {known} and {value}.")
        self.values[key] = value
        self.counts.add(key)
        if shown:
            self.shown.add(key)
        return key

    def _unknown(self, key: str, hidden: dict[str, Hidden]) -> bool:
        """Whether a reader does not know this figure (hidden, or never shown).

        A count never shown is still known when a figure shown is computed from it (a
        rate shown beside its numerator gives its base away).
        """
        if key in hidden:
            return True
        if key not in self.counts or key in self.shown:
            return False
        return not any(d not in hidden for d in self._uses().get(key, ()))

    def _uses(self) -> dict[str, list[str]]:
        if getattr(self, "_used_by", None) is None:
            used: dict[str, list[str]] = {}
            for derived, inputs in self.derivations.items():
                for key in inputs:
                    used.setdefault(key, []).append(derived)
            self._used_by = used
        return self._used_by

    def derived(self, key: str, inputs: list[str], value: float | None = None) -> str:
        """Register a figure computed from `inputs`; hidden whenever one of them is."""
        self.values.setdefault(key, value)
        self.derivations.setdefault(key, set()).update(inputs)
        return key

    def parts(self, total: str, parts: list[str], *, exact: bool | None = True) -> None:
        """`total` is the sum of `parts` (exact) or at least their sum (not exact).

        `exact=None` takes it as exact when the registered values add up, so a total that
        happens to equal its listed parts is protected as one.
        """
        parts = [p for p in dict.fromkeys(parts) if p != total]
        if parts:
            self.relations.append(_Parts(total, parts, exact))

    def hide(self, key: str) -> None:
        """Hide a figure whatever its value (for example a case list shown elsewhere)."""
        self.forced.add(key)

    def is_small(self, value: int | float | None) -> bool:
        return isinstance(value, int) and 0 < value < self.threshold

    def solve(self) -> dict[str, Hidden]:
        """Which figures to hide, and why; figures not in the answer are shown."""
        hidden: dict[str, Hidden] = {
            key: Hidden.PRIMARY
            for key in self.counts
            if self.is_small(self.values[key])
        }
        for key in self.forced:
            hidden.setdefault(key, Hidden.SECONDARY)
        while True:
            changed = True
            while changed:
                changed = self._derive(hidden)
                for relation in self.relations:
                    while self._protect(relation, hidden):
                        changed = True
            # What a reader could still work out, with every relation at once.
            # Each leak in turn: one whose neighbours cannot be hidden must not stop
            # the rest from being covered.
            leaks = self._leaks(hidden)
            if not self.thorough:
                leaks = leaks[:1]
            if not any(self._cover(leak, hidden) for leak in leaks):
                break
        return hidden

    INFINITY = 10**12

    def bounds(self, hidden: dict[str, Hidden]) -> dict[str, tuple[int, int]]:
        """What the shown figures and the relations allow for each figure a reader lacks.

        A shown small count could be 1 to N-1; any other unknown 0 upwards. Each
        relation total = sum(parts) (or total >= sum) tightens the bounds until nothing
        changes: the bounds always contain the true values.
        """
        inf = self.INFINITY
        bounds: dict[str, tuple[int, int]] = {}
        for key in self.counts:
            if not self._unknown(key, hidden):
                bounds[key] = (self._value(key), self._value(key))
            elif key in self.shown and hidden.get(key) is Hidden.PRIMARY:
                bounds[key] = (1, self.threshold - 1)
            else:
                bounds[key] = (0, inf)
        relations = [r for r in self.relations if r.total in bounds]
        for _ in range(100):
            changed = False
            for r in relations:
                parts = [p for p in r.parts if p in bounds]
                t_lo, t_hi = bounds[r.total]
                lo_sum = sum(bounds[p][0] for p in parts)
                hi_sum = sum(bounds[p][1] for p in parts)
                updates = {
                    r.total: (max(t_lo, lo_sum), min(t_hi, hi_sum) if r.exact else t_hi)
                }
                for p in parts:
                    p_lo, p_hi = bounds[p]
                    high = min(p_hi, t_hi - (lo_sum - p_lo))
                    low = max(p_lo, t_lo - (hi_sum - p_hi)) if r.exact else p_lo
                    updates[p] = (low, high)
                for key, value in updates.items():
                    if value != bounds[key]:
                        bounds[key] = value
                        changed = True
            if not changed:
                break
        return bounds

    def _leaks(self, hidden: dict[str, Hidden]) -> list[str]:
        """The figures a reader could still pin down, or bound below N - 1 when small."""
        bounds = self.bounds(hidden)
        # Parts of a total the reader is told (or can work out) is fewer than N: each
        # is necessarily smaller, which says nothing the total did not.
        small_totals = {
            p
            for r in self.relations
            if (hidden.get(r.total) is Hidden.PRIMARY and r.total in self.shown)
            or (
                self.thorough
                and r.total in hidden
                and bounds[r.total][1] < self.threshold
            )
            for p in r.parts
        }
        found = []
        for key in sorted(self.counts):
            if not self._unknown(key, hidden):
                continue
            small = self.is_small(self.values[key])
            if key not in hidden and not small:
                continue
            lo, hi = bounds[key]
            if lo == hi or (
                small and hi < self.threshold - 1 and key not in small_totals
            ):
                found.append(key)
        return found

    def _cover(self, key: str, hidden: dict[str, Hidden]) -> bool:
        """Hide one more shown figure related to `key`; False when there is none.

        A part beside it is preferred to a total (totals are what readers look for),
        the most detailed figure to a headline one, and then the smallest. When every
        figure beside `key` is already unknown (a small directorate's only channel, say,
        whose total is hidden but worked out through other tables), the search goes on
        through the relations of those unknown figures, nearest first. A shown 0 is
        hidden only when nothing else is left: it pins its neighbours as well as any count.
        """
        if not self.thorough:
            return self._cover_from(key, hidden, zeros=False, near_only=True)
        return (
            self._cover_from(key, hidden, zeros=False)
            or self._cover_from(key, hidden, zeros=True)
            or self._unmark(key, hidden)
        )

    def _unmark(self, key: str, hidden: dict[str, Hidden]) -> bool:
        """Show a small count as "not shown" rather than "fewer than N".

        "Fewer than N" tells the reader the count is at least 1: four such cells under
        a total of at most 4 are each exactly 1. When nothing is left to hide, the leaked
        figure (or a small one beside it) stops saying so.
        """
        related = [key] + [
            m
            for r in self._relations_of().get(key, ())
            for m in (r.total, *r.parts)
            if m != key
        ]
        for member in related:
            if hidden.get(member) is Hidden.PRIMARY:
                hidden[member] = Hidden.SECONDARY
                return True
        return False

    def _cover_from(
        self,
        key: str,
        hidden: dict[str, Hidden],
        *,
        zeros: bool,
        near_only: bool = False,
    ) -> bool:
        seen = {key}
        frontier = [key]
        while frontier:
            candidates: dict[str, tuple[int, int, int, str]] = {}
            unknown: list[str] = []
            for near in frontier:
                for r in self._relations_of().get(near, ()):
                    for member in (r.total, *r.parts):
                        if member in seen or member not in self.counts:
                            continue
                        if self._unknown(member, hidden):
                            seen.add(member)
                            unknown.append(member)
                            continue
                        if self._value(member) <= 0 and not zeros:
                            continue
                        is_total = int(member == r.total or near == r.total)
                        rank = (
                            is_total,
                            -member.count("|"),
                            self._value(member),
                            member,
                        )
                        candidates[member] = min(candidates.get(member, rank), rank)
            if candidates:
                hidden[min(candidates, key=candidates.__getitem__)] = Hidden.SECONDARY
                return True
            frontier = [] if near_only else unknown
        return False

    def _relations_of(self) -> dict[str, list[_Parts]]:
        if getattr(self, "_member_of", None) is None:
            member_of: dict[str, list[_Parts]] = {}
            for r in self.relations:
                for member in dict.fromkeys((r.total, *r.parts)):
                    member_of.setdefault(member, []).append(r)
            self._member_of = member_of
        return self._member_of

    def _derive(self, hidden: dict[str, Hidden]) -> bool:
        changed = False
        for key, inputs in self.derivations.items():
            if key not in hidden and inputs & hidden.keys():
                hidden[key] = Hidden.SECONDARY
                changed = True
        return changed

    def _value(self, key: str) -> int:
        value = self.values.get(key)
        return value if isinstance(value, int) else 0

    def _protect(self, relation: _Parts, hidden: dict[str, Hidden]) -> bool:
        """Hide one more figure if this relation gives a hidden one away; True if so."""
        if relation.exact is None:
            relation.exact = self._value(relation.total) == sum(
                self._value(p) for p in relation.parts
            )
        if self._unknown(relation.total, hidden):
            # A hidden total is the sum of its parts when every part is shown; a total
            # never shown needs protecting only when it is small.
            needs = relation.total in hidden
            if not (needs and relation.exact):
                return False
            if any(self._unknown(p, hidden) for p in relation.parts):
                return False
            return self._hide_smallest(relation, hidden, fallback=None)
        primary = [p for p in relation.parts if hidden.get(p) is Hidden.PRIMARY]
        secondary = [p for p in relation.parts if hidden.get(p) is Hidden.SECONDARY]
        unseen = [
            p for p in relation.parts if p not in hidden and self._unknown(p, hidden)
        ]
        if not primary and not (relation.exact and len(secondary) == 1 and not unseen):
            return False
        if self._safe(relation, primary, secondary + unseen):
            return False
        return self._hide_smallest(relation, hidden, fallback=relation.total)

    def _hide_smallest(
        self, relation: _Parts, hidden: dict[str, Hidden], fallback: str | None
    ) -> bool:
        """Hide the shown figure of the relation that costs least: a part before the total
        (a total is what readers look for first), then the one in fewest other relations
        (it spreads least), then the smallest."""
        shown = [
            p
            for p in relation.parts
            if not self._unknown(p, hidden) and self._value(p) > 0
        ]
        if fallback is not None and not self._unknown(fallback, hidden):
            shown.append(fallback)
        if not shown:
            return False
        degree = self._degree()
        chosen = min(
            shown,
            key=lambda m: (
                self.thorough and m == fallback,
                degree.get(m, 0),
                self._value(m),
                m,
            ),
        )
        hidden[chosen] = Hidden.SECONDARY
        return True

    def _degree(self) -> dict[str, int]:
        if getattr(self, "_degrees", None) is None:
            counts: dict[str, int] = {}
            for r in self.relations:
                for member in (r.total, *r.parts):
                    counts[member] = counts.get(member, 0) + 1
            self._degrees = counts
        return self._degrees

    def _safe(self, relation: _Parts, primary: list[str], secondary: list[str]) -> bool:
        """Whether the shown total and parts leave every hidden part its whole range."""
        shown_sum = sum(
            self._value(p) for p in relation.parts if p not in primary + secondary
        )
        slack = self._value(relation.total) - shown_sum  # what the hidden parts add to
        top = self.threshold - 1
        if primary and slack - (len(primary) - 1) < top:
            return False  # a primary part would be at most something below N - 1
        if relation.exact:
            if len(primary) + len(secondary) == 1:
                return False  # the one hidden part is the total minus the rest
            if not secondary and slack - (len(primary) - 1) * top > 1:
                return False  # a primary part would be at least something above 1
        return True


# -- the §5 figures (dashboard, API, `putright stats`) for staff without case access --------

COUNT_FIELDS = (
    "received",
    "responded",
    "responded_within_timescale",
    "responded_within_extended_timescale",
)
RATE_FIELDS = (
    "within_timescale_percent",
    "within_extended_timescale_percent",
    "average_response_calendar_days",
    "average_response_working_days",
    "average_response_days",
)

# The outcomes the upheld rate rests on, with `received` (docs/counting-rules.md §5.4).
UPHELD_RATE_OUTCOMES = ("upheld", "partly_upheld", "undecided")


def _group(d: Disclosure, figures: dict[str, Any], path: str) -> None:
    """One stage, family or procedure: counts, outcomes and the rates built on them."""
    for name in COUNT_FIELDS:
        if name in figures:
            d.count(f"{path}.{name}", figures[name])
    outcomes = figures.get("outcomes", {})
    for name, value in outcomes.items():
        d.count(f"{path}.outcomes.{name}", value)
    d.parts(f"{path}.received", [f"{path}.outcomes.{o}" for o in outcomes])
    d.parts(f"{path}.received", [f"{path}.responded"], exact=False)
    for within in ("responded_within_timescale", "responded_within_extended_timescale"):
        d.parts(f"{path}.responded", [f"{path}.{within}"], exact=False)
    bases = [f"{path}.received", f"{path}.responded"]
    for name in RATE_FIELDS:
        if name in figures:
            extra = (
                [f"{path}.{n}" for n in COUNT_FIELDS[2:]] if "percent" in name else []
            )
            d.derived(f"{path}.{name}", bases + extra, figures[name])
    if "upheld_percent" in figures:
        d.derived(
            f"{path}.upheld_percent",
            [
                f"{path}.received",
                *(f"{path}.outcomes.{o}" for o in UPHELD_RATE_OUTCOMES),
            ],
            figures["upheld_percent"],
        )


def _year_on_year(d: Disclosure, figures: dict[str, Any], path: str) -> None:
    previous = figures["previous_year"]
    d.count(f"{path}.previous_year.received", previous["received"])
    inputs = [f"{path}.received", f"{path}.previous_year.received"]
    if "to_date" in previous:
        # A period not yet over is compared with the same part of the year before.
        d.count(
            f"{path}.previous_year.to_date.received", previous["to_date"]["received"]
        )
        d.parts(
            f"{path}.previous_year.received",
            [f"{path}.previous_year.to_date.received"],
            exact=False,
        )
        inputs.append(f"{path}.previous_year.to_date.received")
    for name in ("difference", "direction", "sentence"):
        d.derived(f"{path}.{name}", inputs, figures[name])
    quarters = [f"{path}.by_quarter.{q}" for q in figures.get("by_quarter", {})]
    for q, value in figures.get("by_quarter", {}).items():
        d.count(f"{path}.by_quarter.{q}", value)
    d.parts(f"{path}.received", quarters)
    for q, value in figures.get("year_by_quarter", {}).items():
        # The chart of the whole year: the chosen quarter is the selection's own count.
        d.count(f"{path}.year_by_quarter.{q}", value)
        d.parts(f"{path}.year_by_quarter.{q}", [f"{path}.by_quarter.{q}"], exact=False)


def _day_bases(d: Disclosure, group: dict[str, Any], path: str) -> None:
    """A family's records split by day basis: each basis a group, summing to the family."""
    bases = group.get("by_day_basis", {})
    for basis, figures in bases.items():
        _group(d, figures, f"{path}.by_day_basis.{basis}")
    if group.get("day_basis") in bases:
        # The family's headline average is that of its own basis's records.
        basis_path = f"{path}.by_day_basis.{group['day_basis']}"
        d.derived(
            f"{path}.average_response_days",
            [f"{basis_path}.received", f"{basis_path}.responded"],
        )
    measures = [*COUNT_FIELDS, *(f"outcomes.{o}" for o in group.get("outcomes", {}))]
    for measure in measures if bases else []:
        d.parts(
            f"{path}.{measure}",
            [f"{path}.by_day_basis.{basis}.{measure}" for basis in bases],
        )


def _register_statistics(
    d: Disclosure, stats: dict[str, Any], prefix: str = ""
) -> None:
    for stage, figures in stats["stages"].items():
        path = f"{prefix}stages.{stage}"
        _group(d, figures, path)
        _year_on_year(d, figures, path)
        for split in ("by_family", "by_procedure"):
            groups = figures.get(split, {})
            for name, group in groups.items():
                _group(d, group, f"{path}.{split}.{name}")
                _day_bases(d, group, f"{path}.{split}.{name}")
            measures = [*COUNT_FIELDS, *(f"outcomes.{o}" for o in figures["outcomes"])]
            for measure in measures if groups else []:
                # A stage's count is the sum of its families' (or procedures') counts.
                d.parts(
                    f"{path}.{measure}",
                    [f"{path}.{split}.{name}.{measure}" for name in groups],
                )
    for kind, figures in stats["contacts"].items():
        path = f"{prefix}contacts.{kind}"
        d.count(f"{path}.received", figures["received"])
        _year_on_year(d, figures, path)
    for code, figures in stats["ombudsman"].items():
        path = f"{prefix}ombudsman.{code}"
        for name in ("received", "investigations", "decided"):
            d.count(f"{path}.{name}", figures[name])
        d.parts(f"{path}.received", [f"{path}.investigations"], exact=False)
        for decision, value in figures["decisions"].items():
            d.count(f"{path}.decisions.{decision}", value)
        d.parts(
            f"{path}.decided", [f"{path}.decisions.{k}" for k in figures["decisions"]]
        )


def _walk(
    value: Any,
    path: str,
    hidden: dict[str, Hidden],
    marks: dict[str, str],
    threshold: int,
    as_text: bool = False,
) -> Any:
    why = hidden.get(path)
    if why is not None:
        marks[path] = hidden_label(why, threshold)
        if not as_text:
            return None
        if path.endswith(".sentence"):
            return (
                "The comparison with the previous year is not shown, because the "
                "numbers are small"
            )
        return marks[path]
    if isinstance(value, dict):
        return {
            k: _walk(
                v, f"{path}.{k}" if path else str(k), hidden, marks, threshold, as_text
            )
            for k, v in value.items()
        }
    return value


def register_statistics(d: Disclosure, stats: dict[str, Any], prefix: str) -> None:
    """Register one selection's §5 figures under `prefix` (for outputs of many tables)."""
    _register_statistics(d, stats, prefix)


def disclosed_walk(
    stats: dict[str, Any],
    *,
    prefix: str,
    hidden: dict[str, Hidden],
    threshold: int,
    as_text: bool = False,
) -> dict[str, Any]:
    """One selection's figures with the jointly solved `hidden` applied (see above)."""
    marks: dict[str, str] = {}
    root = prefix.rstrip(".")
    out = _walk(stats, root, hidden, marks, threshold, as_text)
    out["suppressed"] = {key[len(prefix) :]: mark for key, mark in marks.items()}
    out["small_number_threshold"] = threshold
    return out


def hidden_label(why: Hidden, threshold: int) -> str:
    """How a hidden figure reads: "fewer than 5" for a small count, else "not shown"."""
    return f"fewer than {threshold}" if why is Hidden.PRIMARY else "not shown"


def statistics_disclosed(
    stats: dict[str, Any], *, threshold: int, as_text: bool = False
) -> dict[str, Any]:
    """The §5 figures with §6.2 applied: each hidden figure None, and listed in `suppressed`.

    With `as_text` (the dashboard), a hidden figure is instead the text it reads as.

    `suppressed` maps a figure's dotted path (`stages.1.outcomes.upheld`) to how it reads
    ("fewer than 5" or "not shown"); `small_number_threshold` is the council's threshold.
    """
    d = Disclosure(threshold=threshold)
    _register_statistics(d, stats)
    hidden = d.solve()
    marks: dict[str, str] = {}
    out = _walk(stats, "", hidden, marks, threshold, as_text)
    out["suppressed"] = marks
    out["small_number_threshold"] = threshold
    return out
