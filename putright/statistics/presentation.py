"""Labels for the §5 figures and the `putright stats` tables (seed 000's wording).

The one home of every label set the dashboard, `putright stats` and the annual report show.
A vocabulary's own labels are its `TextChoices` labels (`complaints.constants`,
`ombudsman.models`); this module only adds the report wording (explained outcomes, short
Ombudsman names, contact headings). The formatting of figures and dates is
`putright.core.presentation` (half up, one rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Choices
from django.utils import translation

from putright.complaints.constants import (
    Channel,
    Family,
    Kind,
    LearningCategory,
    LearningStatus,
    Ombudsman,
    Outcome,
    RemedyType,
)
from putright.core.presentation import (
    NO_FIGURE,
    decimal_text,
    long_date,
    whole_days,
)
from putright.ombudsman.models import Decision, Recommendation


def _english(vocabulary: Iterable[Choices]) -> dict[str, str]:
    """A vocabulary's labels keyed by code, as plain English text.

    Some labels are marked for translation (letters to a Welsh complainant name them in
    Welsh); the figures, reports and open data stay in English and go into JSON.
    """
    with translation.override(None):  # no catalogue: the English as written
        return {str(item): str(item.label) for item in vocabulary}


# The vocabularies' own labels, keyed by code.
OUTCOME_LABELS = _english(Outcome)
FAMILY_LABELS = _english(Family)
OMBUDSMAN_LABELS = _english(Ombudsman)
DECISION_LABELS = _english(Decision)
CHANNEL_LABELS = _english(Channel)
REMEDY_LABELS = _english(RemedyType)
LEARNING_LABELS = _english(LearningStatus)
LEARNING_CATEGORY_LABELS = {**_english(LearningCategory), "": "Not categorised"}
RECOMMENDATION_LABELS = _english(Recommendation.Type)

# Seed 000 explains each outcome in plain words (the dashboard and `putright stats`).
OUTCOME_EXPLAINED = {
    "not_upheld": "Not upheld (council is not at fault)",
    "partly_upheld": "Part upheld (council is partly at fault)",
    "upheld": "Upheld (council is at fault)",
    "withdrawn": "Withdrawn",
    "refused": "Not accepted (refused)",
    "out_of_jurisdiction": "Out of jurisdiction",
    "other": "Other outcome",
    "undecided": "Not yet decided",
}
# The three outcomes always shown; the others only when there are some.
MAIN_OUTCOMES = ("not_upheld", "partly_upheld", "upheld")
DAY_BASIS_LABELS = {"calendar": "calendar days", "working": "working days"}
CONTACT_LABELS = {
    Kind.INFORMAL_COMPLAINT: "Informal complaints",
    Kind.SERVICE_REQUEST: "Service requests",
    Kind.COMPLIMENT: "Compliments",
    Kind.COMMENT: "Comments",
    Kind.MP_ENQUIRY: "MP enquiries",
    Kind.MEMBER_ENQUIRY: "Member enquiries",
}
OMBUDSMAN_SHORT = {
    "lgsco": "LGSCO",
    "ho": "Housing Ombudsman",
    "spso": "SPSO",
    "psow": "PSOW",
    "nipso": "NIPSO",
}


def selection_title(stats: dict[str, Any]) -> str:
    """`2022/2023, Q3, Children's` style heading for a selection."""
    parts = [stats["year"]]
    if stats["quarter"]:
        parts.append(stats["quarter"])
    parts.append(stats["team"] or stats["directorate"] or "all services")
    return ", ".join(parts)


def _cell(value: Any) -> str:
    if value is None:
        return NO_FIGURE
    if isinstance(value, float):
        return decimal_text(value, 1)
    return str(value)


def text_table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain-text table: first column left-aligned, the figures right-aligned."""
    cells = [headers, *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    # Words (directions, decisions) read left to right; figures line up on the right.
    numeric = [
        i > 0 and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]
    lines = []
    for index, row in enumerate(cells):
        line = "  ".join(
            cell.rjust(widths[i]) if numeric[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        )
        lines.append(line.rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def text_report(stats: dict[str, Any]) -> str:
    """The statistics as readable tables for the command line."""
    stages = stats["stages"]
    keys = list(stages)
    out = [
        f"Complaints statistics: {selection_title(stats)}",
        f"Records received from {long_date(stats['start'])} to "
        f"{long_date(stats['end'])}",
        "",
    ]
    if stats.get("as_of"):
        to_date = stages["1"]["previous_year"]["to_date"]
        out[2:2] = [
            f"Not over yet: figures to {long_date(stats['as_of'])}, compared with "
            f"{stages['1']['previous_year']['year']} to {long_date(to_date['end'])}.",
            "",
        ]
    rows: list[list[Any]] = [["Received", *(stages[k]["received"] for k in keys)]]
    for outcome, label in OUTCOME_EXPLAINED.items():
        rows.append([label, *(stages[k]["outcomes"][outcome] for k in keys)])
    rows += [
        ["Responded", *(stages[k]["responded"] for k in keys)],
        [
            "Responded within timescale",
            *(stages[k]["responded_within_timescale"] for k in keys),
        ],
        [
            "Within timescale (%)",
            *(stages[k]["within_timescale_percent"] for k in keys),
        ],
        [
            "Responded within agreed extension",
            *(stages[k]["responded_within_extended_timescale"] for k in keys),
        ],
        [
            "Within agreed extension (%)",
            *(stages[k]["within_extended_timescale_percent"] for k in keys),
        ],
        [
            "Average response (calendar days)",
            *(whole_days(stages[k]["average_response_calendar_days"]) for k in keys),
        ],
        [
            "Average response (working days)",
            *(whole_days(stages[k]["average_response_working_days"]) for k in keys),
        ],
    ]
    for family, label in FAMILY_LABELS.items():
        rows.append(
            [
                f"{label}: received",
                *(stages[k]["by_family"][family]["received"] for k in keys),
            ]
        )
        rows.append(
            [
                f"{label}: average response days",
                *(_family_average(stages[k]["by_family"][family]) for k in keys),
            ]
        )
    previous = stages[keys[0]]["previous_year"]["year"]
    rows.append(
        [
            f"Received in {previous}",
            *(stages[k]["previous_year"]["received"] for k in keys),
        ]
    )
    if stats.get("as_of"):
        rows.append(
            [
                f"Received in {previous} to the same day",
                *(stages[k]["previous_year"]["to_date"]["received"] for k in keys),
            ]
        )
    rows.append(["Difference", *(stages[k]["difference"] for k in keys)])
    out.append(text_table(["", *(f"Stage {k}" for k in keys)], rows))
    out.append("")
    out.extend(f"{stages[k]['sentence']}." for k in keys)
    out.append("")
    out.append(
        text_table(
            ["Received by quarter", "Q1", "Q2", "Q3", "Q4"],
            [[f"Stage {k}", *stages[k]["by_quarter"].values()] for k in keys],
        )
    )
    out.append("")
    out.append(
        text_table(
            [
                "Other contacts",
                "Received",
                f"In {previous}" + (" so far" if stats.get("as_of") else ""),
                "Difference",
                "Direction",
            ],
            [
                [
                    CONTACT_LABELS.get(kind, kind),
                    figures["received"],
                    figures["previous_year"].get("to_date", figures["previous_year"])[
                        "received"
                    ],
                    figures["difference"],
                    figures["direction"],
                ]
                for kind, figures in stats["contacts"].items()
            ],
        )
    )
    out.append("")
    ombudsman_rows = []
    for code, figures in stats["ombudsman"].items():
        if code not in ("lgsco", "ho") and not (
            figures["received"] or figures["decided"]
        ):
            continue
        decided = ", ".join(
            f"{DECISION_LABELS.get(d, d).lower()} {n}"
            for d, n in figures["decisions"].items()
            if n
        )
        ombudsman_rows.append(
            [
                OMBUDSMAN_SHORT.get(code, code),
                figures["received"],
                figures["investigations"],
                figures["decided"],
                decided or "–",
            ]
        )
    out.append(
        text_table(
            ["Ombudsman", "Received", "Investigations", "Decided", "Decisions"],
            ombudsman_rows,
        )
    )
    return "\n".join(out) + "\n"


def _family_average(figures: dict[str, Any]) -> str:
    value = figures["average_response_days"]
    if value is None:
        return NO_FIGURE
    return f"{whole_days(value)} ({DAY_BASIS_LABELS[figures['day_basis']]})"
