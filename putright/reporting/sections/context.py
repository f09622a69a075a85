"""What every section builder is given: the years, scope, council, audience and figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from putright.core.periods import Period
from putright.organisation.models import Council, Directorate
from putright.reporting.blocks import PUBLIC, Suppressed, format_cell


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

    @property
    def public(self) -> bool:
        return self.audience == PUBLIC

    @property
    def threshold(self) -> int:
        return self.council.small_number_threshold

    def n(self, value: int) -> int | Suppressed:
        """A breakdown count, suppressed in the public report when small (but not zero)."""
        if self.public and 0 < value < self.threshold:
            return Suppressed(self.threshold)
        return value

    def say(self, value: int) -> str:
        return format_cell(self.n(value), "count")

    @property
    def target(self) -> float:
        return float(self.council.timescale_target_percent)
