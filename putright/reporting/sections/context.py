"""What every section builder is given: the years, scope, council, audience and figures.

In the public version every figure a builder shows goes through this context: `n()` for a
count in a table, `say()` for a count in a sentence, `derived()` / `derived_text()` for a
percentage, an average, a difference or a sentence built on counts, and `parts()` for how
counts add up. They are registered with one `Disclosure` for the whole report, keyed by
what they measure (so the same figure in two tables is hidden in both or neither), and
`putright.reporting.disclosure_control` resolves them once every section is built. In the
internal version they are the plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any, TypeVar

from putright.core.periods import Period
from putright.core.presentation import count_text
from putright.organisation.models import Council, Directorate
from putright.reporting.blocks import PUBLIC, Block, Figure
from putright.statistics.disclosure import UPHELD_RATE_OUTCOMES, Disclosure

B = TypeVar("B", bound=Block)
TOKEN_OPEN, TOKEN_CLOSE = "\u27e6", "\u27e7"  # ⟦key⟧ marks a figure in text


@dataclass
class ReportContext:
    """What every section builder needs: the years, scope, council, audience and figures."""

    period: Period
    periods: list[Period]  # oldest first, the report year last
    directorate: Directorate | None
    council: Council
    audience: str
    stats: dict[str, dict[str, Any]]  # engine figures by year label
    progress: Callable[[int, str], None]
    disclosure: Disclosure | None = None
    # Pieces of text shown only while every figure they rest on is shown: key -> (text, fallback).
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Blocks shown only while a figure is shown (a case list): (block, key, fallback).
    guards: list[tuple[Block, str, str]] = field(default_factory=list)
    _serial: Any = field(default_factory=count)

    def __post_init__(self) -> None:
        if self.public and self.disclosure is None:
            self.disclosure = Disclosure(threshold=self.threshold, thorough=True)

    @property
    def public(self) -> bool:
        return self.audience == PUBLIC

    @property
    def threshold(self) -> int:
        return self.council.small_number_threshold

    @staticmethod
    def k(*bits: Any) -> str:
        """A figure's key, from what it measures: year, scope, stage, measure..."""
        return "|".join(str(b) for b in bits)

    def _auto(self, key: str | None) -> str:
        return key if key is not None else f"_auto{next(self._serial)}"

    def count(self, key: str, value: int, *, shown: bool = False) -> str:
        """Register a count the output rests on, shown or not (e.g. a rate's base)."""
        if self.disclosure is not None:
            self.disclosure.count(key, int(value), shown=shown)
        return key

    def n(self, value: int, key: str | None = None) -> Any:
        """A count for a table cell or chart: in the public version, a `Figure`."""
        if self.disclosure is None:
            return value
        key = self.count(self._auto(key), value, shown=True)
        return Figure(key, value)

    def say(self, value: int, key: str | None = None) -> str:
        """A count for a sentence: in the public version, a token resolved later."""
        if self.disclosure is None:
            return count_text(value)
        key = self.count(self._auto(key), value, shown=True)
        return f"{TOKEN_OPEN}{key}{TOKEN_CLOSE}"

    def derived(self, value: Any, inputs: list[str], key: str | None = None) -> Any:
        """A percentage, average or amount computed from counts, for a table cell."""
        if self.disclosure is None:
            return value
        key = self.disclosure.derived(self._auto(key), inputs)
        return Figure(key, value)

    def derived_text(
        self, text: str, inputs: list[str], fallback: str = "", key: str | None = None
    ) -> str:
        """Text built on counts (a change, a rate, a sentence): `fallback` if one is hidden."""
        if self.disclosure is None:
            return text
        key = self.disclosure.derived(self._auto(key), inputs)
        self.texts[key] = (text, fallback)
        return f"{TOKEN_OPEN}{key}{TOKEN_CLOSE}"

    def guard(self, block: B, inputs: list[str], fallback: str) -> B:
        """Show `block` (a case list) only while every figure it would reveal is shown."""
        if self.disclosure is not None:
            key = self.disclosure.derived(self._auto(None), inputs)
            self.guards.append((block, key, fallback))
        return block

    def parts(self, total: str, parts: list[str], *, exact: bool | None = None) -> None:
        """`total` is the sum of `parts` (or, not exact, at least their sum; by default
        exact when the values add up)."""
        if self.disclosure is not None:
            self.disclosure.parts(total, parts, exact=exact)

    def stage(self, figures: dict[str, Any], *scope: Any) -> dict[str, str]:
        """Register one stage's counts (received, outcomes, answered, in time) for a scope.

        Returns their keys; received is the sum of the outcomes, answered at most
        received, and answered in time at most answered.
        """
        keys = {
            "received": self.count(self.k(*scope, "received"), figures["received"]),
            "responded": self.count(
                self.k(*scope, "responded"), figures.get("responded", 0)
            ),
            "within": self.count(
                self.k(*scope, "within"), figures.get("responded_within_timescale", 0)
            ),
        }
        outcomes = figures.get("outcomes", {})
        for outcome, value in outcomes.items():
            keys[outcome] = self.count(self.k(*scope, outcome), value)
        self.parts(keys["received"], [keys[o] for o in outcomes])
        self.parts(keys["received"], [keys["responded"]], exact=False)
        self.parts(keys["responded"], [keys["within"]], exact=False)
        keys["within_percent"] = self.k(*scope, "within_percent")
        if self.disclosure is not None:
            self.disclosure.derived(
                keys["within_percent"],
                [keys["received"], keys["responded"], keys["within"]],
            )
            self.disclosure.derived(
                self.k(*scope, "average"), [keys["received"], keys["responded"]]
            )
        keys["average"] = self.k(*scope, "average")
        # The engine's upheld rate: upheld and partly upheld of those with an outcome.
        keys["upheld_percent"] = self.k(*scope, "upheld_percent")
        if self.disclosure is not None:
            self.disclosure.derived(
                keys["upheld_percent"],
                [
                    keys["received"],
                    *(keys[o] for o in UPHELD_RATE_OUTCOMES if o in keys),
                ],
            )
        return keys

    def hide(self, key: str) -> None:
        if self.disclosure is not None:
            self.disclosure.hide(key)

    @property
    def target(self) -> float:
        return float(self.council.timescale_target_percent)
