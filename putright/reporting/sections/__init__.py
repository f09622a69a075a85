"""The sections of the annual report: each builder turns figures into blocks and sentences.

`BUILDERS` lists them in reading order with the progress reached after each. Every figure
that docs/counting-rules.md §5 defines comes from the statistics engine (already counted in
`ReportContext.stats`, or the engine's `*_by_directorate` reads for every directorate at
once); the rest from `putright.statistics.breakdowns`. No builder queries once per
directorate, team or case (`tests/test_report_queries.py`). Counts in breakdowns pass through `ctx.n` / `ctx.say`,
which suppress small numbers in the public version.
"""

from __future__ import annotations

from collections.abc import Callable

from putright.reporting.blocks import Block, Section
from putright.reporting.sections import more
from putright.reporting.sections.contacts import compliments_section, methods_section
from putright.reporting.sections.context import ReportContext
from putright.reporting.sections.directorates import (
    directorates_section,
    issues_section,
)
from putright.reporting.sections.ombudsman import ombudsman_section
from putright.reporting.sections.outcomes import (
    escalation_section,
    learning_section,
    refusals_section,
    remedies_section,
)
from putright.reporting.sections.overview import (
    procedures_section,
    summary_section,
    trends_section,
)
from putright.reporting.sections.selfassessment import self_assessment_section

BUILDERS: list[tuple[str, Callable[[ReportContext], Section | None], int]] = [
    ("self_assessment", self_assessment_section, 8),
    ("summary", summary_section, 10),
    ("trends", trends_section, 20),
    ("procedures", procedures_section, 30),
    ("directorates", directorates_section, 45),
    ("issues", issues_section, 55),
    ("escalation", escalation_section, 60),
    ("refusals", refusals_section, 65),
    ("remedies", remedies_section, 70),
    ("learning", learning_section, 75),
    ("ombudsman", ombudsman_section, 80),
    ("compliments", compliments_section, 85),
    ("methods", methods_section, 88),
]

# More blocks appended to a section after its builder has run (issue 11 item 2), in order.
EXTRAS: dict[str, list[Callable[[ReportContext], list[Block]]]] = {
    "directorates": [more.teams_over_years],
    "issues": [more.natures_over_years, more.nature_examples],
    "escalation": [more.escalation_by_directorate],
    "remedies": [more.remedies_by_directorate],
    "learning": [more.learning_by_stage],
    "ombudsman": [
        more.ombudsman_investigations,
        more.ombudsman_categories,
        more.ombudsman_not_investigated,
    ],
}
