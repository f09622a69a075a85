"""Output schemas of the API: the docs/counting-rules.md §5 structure, documented in OpenAPI."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class FieldErrorOut(Schema):
    field: str = Field(description="The parameter at fault, e.g. `year`.")
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="What was wrong, written for a person.")
    errors: list[FieldErrorOut] | None = Field(
        None, description="For a refused selection: each parameter at fault."
    )


# A count or rate is null when it is hidden to protect small numbers (see `suppressed`).


class Outcomes(Schema):
    upheld: int | None
    partly_upheld: int | None
    not_upheld: int | None
    withdrawn: int | None
    refused: int | None
    out_of_jurisdiction: int | None
    other: int | None
    undecided: int | None = Field(description="Records with no outcome yet.")


class BasisFigures(Schema):
    """Figures of one day basis's records within a family."""

    received: int | None
    outcomes: Outcomes
    responded: int | None
    responded_within_timescale: int | None
    responded_within_extended_timescale: int | None
    within_timescale_percent: float | None
    within_extended_timescale_percent: float | None
    upheld_percent: float | None = Field(
        None,
        description="Upheld or partly upheld, of the records with an outcome; null "
        "when none has one.",
    )
    average_response_calendar_days: float | None
    average_response_working_days: float | None
    day_basis: str
    average_response_days: float | None = Field(
        description="The average of this basis's records, in this basis."
    )


class GroupFigures(Schema):
    """Figures for a family or a procedure within one stage."""

    received: int | None
    outcomes: Outcomes
    responded: int | None
    responded_within_timescale: int | None = Field(description="responded <= due")
    responded_within_extended_timescale: int | None = Field(
        description="responded <= extended_to when an extension was agreed, else due"
    )
    within_timescale_percent: float | None = Field(
        description="Of responded, 1 decimal place; null when none responded."
    )
    within_extended_timescale_percent: float | None
    upheld_percent: float | None = Field(
        None,
        description="Upheld or partly upheld, of the records with an outcome; null "
        "when none has one.",
    )
    average_response_calendar_days: float | None
    average_response_working_days: float | None
    day_basis: str = Field(description="`calendar` or `working`: the headline basis.")
    average_response_days: float | None = Field(
        description="The average in the group's own day basis (a family's: over its "
        "records of that basis only)."
    )
    by_day_basis: dict[str, BasisFigures] | None = Field(
        None,
        description="Families only: `working` and `calendar` (each basis the family's "
        "procedures use), each averaged over its own records.",
    )


class ToDate(Schema):
    start: str
    end: str = Field(description="The same day of the year as `as_of`, a year earlier.")
    received: int | None


class PreviousYear(Schema):
    year: str
    received: int | None
    to_date: ToDate | None = Field(
        None,
        description="Only when the selection is not over (`complete` false): the "
        "previous year cut at the same day; the comparison is with this.",
    )


class StageFigures(Schema):
    received: int | None
    outcomes: Outcomes
    responded: int | None
    responded_within_timescale: int | None
    responded_within_extended_timescale: int | None
    within_timescale_percent: float | None
    within_extended_timescale_percent: float | None
    upheld_percent: float | None = Field(
        None,
        description="Upheld or partly upheld, of the records with an outcome; null "
        "when none has one.",
    )
    average_response_calendar_days: float | None
    average_response_working_days: float | None
    by_family: dict[str, GroupFigures] = Field(
        description="`corporate` and `statutory`, always both."
    )
    by_procedure: dict[str, GroupFigures] = Field(
        description="Per procedure code with records in the selection."
    )
    by_quarter: dict[str, int | None] = Field(
        description="Received per quarter, Q1 to Q4."
    )
    year_by_quarter: dict[str, int | None] = Field(
        description="Received per quarter of the whole year, also when one quarter is "
        "chosen."
    )
    previous_year: PreviousYear
    difference: int | None
    direction: str | None = Field(description="`increase`, `decrease` or `no change`.")
    sentence: str | None


class ContactFigures(Schema):
    received: int | None
    by_quarter: dict[str, int | None]
    year_by_quarter: dict[str, int | None]
    previous_year: PreviousYear
    difference: int | None
    direction: str | None
    sentence: str | None


class OmbudsmanFigures(Schema):
    received: int | None = Field(description="Enquiries received in the period.")
    investigations: int | None = Field(description="Of those, detailed investigations.")
    decided: int | None = Field(description="Decisions made in the period.")
    decisions: dict[str, int | None] = Field(
        description="Decisions made, by decision code."
    )


class StatsOut(Schema):
    year: str = Field(examples=["2022/2023"])
    quarter: str | None = Field(examples=[None])
    directorate: str | None = Field(examples=["Children's"])
    team: str | None
    start: str = Field(examples=["2022-04-01"])
    end: str = Field(examples=["2023-03-31"])
    complete: bool = Field(
        description="False while the selection has not ended (docs/counting-rules.md §5)."
    )
    as_of: str | None = Field(
        description="Today's date when the selection is incomplete, else null."
    )
    timescale_target_percent: float
    stages: dict[str, StageFigures] = Field(description="Keys `1`, `2` and `3`.")
    contacts: dict[str, ContactFigures]
    ombudsman: dict[str, OmbudsmanFigures]
    suppressed: dict[str, str] | None = Field(
        None,
        description="For staff without case access (docs/counting-rules.md §6.2): each "
        "hidden figure's path, such as `stages.1.outcomes.upheld`, and how it reads "
        "(`fewer than 5` or `not shown`); those figures are null.",
    )
    small_number_threshold: int | None = Field(
        None,
        description="The council's small-number threshold, when figures are hidden.",
    )
