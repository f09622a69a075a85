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
    relations: list[_Parts] = field(default_factory=list)
    derivations: dict[str, set[str]] = field(default_factory=dict)
    forced: set[str] = field(default_factory=set)

    def count(self, key: str, value: int) -> str:
        """Register a count (the same key twice must carry the same value)."""
        known = self.values.get(key)
        if key in self.counts and known != value:
            raise ValueError(f"Figure {key!r} was registered as {known} and {value}.")
        self.values[key] = value
        self.counts.add(key)
        return key

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
        changed = True
        while changed:
            changed = self._derive(hidden)
            for relation in self.relations:
                while self._protect(relation, hidden):
                    changed = True
        return hidden

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
        """Hide one more figure if this relation gives a hidden part away; True if so."""
        if relation.total in hidden:
            return False
        primary = [p for p in relation.parts if hidden.get(p) is Hidden.PRIMARY]
        secondary = [p for p in relation.parts if hidden.get(p) is Hidden.SECONDARY]
        if not primary and not (relation.exact is not False and len(secondary) == 1):
            return False
        if relation.exact is None:
            relation.exact = self._value(relation.total) == sum(
                self._value(p) for p in relation.parts
            )
        if self._safe(relation, primary, secondary):
            return False
        shown = [p for p in relation.parts if p not in hidden and self._value(p) > 0]
        if shown:
            # The smallest shown part hides the least; ties go to the first listed.
            chosen = min(shown, key=self._value)
            hidden[chosen] = Hidden.SECONDARY
        else:
            hidden[relation.total] = Hidden.SECONDARY
        return True

    def _safe(self, relation: _Parts, primary: list[str], secondary: list[str]) -> bool:
        """Whether the shown total and parts leave every hidden part its whole range."""
        shown_sum = sum(
            self._value(p) for p in relation.parts if p not in primary + secondary
        )
        slack = self._value(relation.total) - shown_sum  # what the hidden parts add to
        top = self.threshold - 1
        if primary and slack - (len(primary) - 1) < top:
            return (
                False  # a primary part would be at most something below the threshold
            )
        if relation.exact:
            if len(primary) + len(secondary) == 1:
                return False  # the one hidden part is the total minus the rest
            if not secondary and slack - (len(primary) - 1) * top > 1:
                return False  # a primary part would be at least something above 1
        return True
