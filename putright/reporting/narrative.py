"""Generated sentences of the annual report, in the plain English councils publish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from putright.core.presentation import (
    percent_text,
    plural,
    share_text,
    whole_days,
)
from putright.statistics.presentation import DAY_BASIS_LABELS

STAGE_WORDS = {1: "stage one", 2: "stage two", 3: "stage three"}


def change_sentence(
    *, comparison_sentence: str, current: int, previous: int, noun: str
) -> str:
    """The engine's year-on-year sentence, with the size of the change and its percentage."""
    difference = current - previous
    sentence = comparison_sentence.rstrip(".")
    if difference == 0:
        return f"{sentence}: {current:,} in both years."
    direction = "an increase" if difference > 0 else "a decrease"
    amount = plural(abs(difference), noun)
    if previous:
        return (
            f"{sentence}: {current:,} against {previous:,}, {direction} of {amount} "
            f"({share_text(abs(difference), previous)})."
        )
    return f"{sentence}: {current:,} against none, {direction} of {amount}."


def change_phrase(
    *, current: int, previous: int, noun: str, previous_label: str
) -> str:
    """ "an increase of 14 stage one complaints (26.4%) compared with 2024/2025, to 67"."""
    difference = current - previous
    if difference == 0:
        return f"no change from {previous_label} ({current:,})."
    direction = "an increase" if difference > 0 else "a decrease"
    text = f"{direction} of {plural(abs(difference), noun)}"
    if previous:
        text += f" ({share_text(abs(difference), previous)})"
    return f"{text} compared with {previous_label}, to {current:,}."


def outcome_sentence(
    *,
    received: int,
    outcomes: dict[str, Any],
    noun: str,
    fmt: Callable[[int, str], str] | None = None,
) -> str:
    """How the complaints of one stage ended: upheld, partly upheld, not upheld.

    `fmt(value, name)` writes each figure (`name` is "received" or the outcome), so the
    public report can write each one as what may be shown of it.
    """
    if not received:
        return f"No {noun} were received."

    def say(name: str, value: int) -> str:
        return fmt(value, name) if fmt is not None else f"{value:,}"

    undecided = outcomes.get("undecided", 0)
    text = (
        f"Of the {say('received', received)} {noun} received, "
        f"{say('upheld', outcomes.get('upheld', 0))} were upheld (at fault), "
        f"{say('partly_upheld', outcomes.get('partly_upheld', 0))} partly upheld "
        f"(partly at fault) and {say('not_upheld', outcomes.get('not_upheld', 0))} "
        "not upheld (not at fault)"
    )
    if undecided:
        text += f"; {say('undecided', undecided)} had no outcome recorded yet"
    return text + "."


def timeliness_sentence(
    *,
    name: str,
    received: int,
    average_days: float | None,
    day_basis: str,
    within_percent: float | None,
    target: float,
    fmt: Any = str,
) -> str:
    """Response times in the procedure's own day basis, against the council's target."""
    unit = DAY_BASIS_LABELS["calendar" if day_basis == "calendar" else "working"]
    counted = fmt(received)
    if counted == "1":
        parts = [f"1 complaint was handled under the {name}"]
    else:
        parts = [f"{counted} complaints were handled under the {name}"]
    if average_days is not None:
        parts.append(f"the average response time was {whole_days(average_days)} {unit}")
    if within_percent is not None:
        verdict = "meeting" if within_percent >= target else "below"
        parts.append(
            f"{percent_text(within_percent)} were answered within timescale, {verdict} the "
            f"target of {target:g}%"
        )
    return "; ".join(parts) + "."


def escalation_sentence(*, rates: dict[str, Any]) -> str:
    """How many complaints moved on to the next stage."""
    first = rates["1_to_2"]
    text = (
        f"Of the {first['received']:,} stage one complaints received, "
        f"{first['escalated']:,} went on to stage two"
    )
    if first["percent"] is not None:
        text += f" ({percent_text(first['percent'])})"
    second = rates["2_to_3"]
    if second["escalated"]:
        text += (
            f"; of the {second['received']:,} stage two complaints, "
            f"{second['escalated']:,} went on to stage three"
        )
        if second["percent"] is not None:
            text += f" ({percent_text(second['percent'])})"
    return text + "."


def top_team_sentence(*, teams: list[dict[str, Any]], fmt: Any = str) -> str:
    """The team with the most complaints, as the seeds' "highest figure" sentence."""
    if not teams:
        return ""
    top = teams[0]
    return f"The highest figure, {fmt(top['received'])}, referred to the {top['team']}."


def capitalise(text: str) -> str:
    """Upper-case the first letter, for sentences that start with a figure in words."""
    return text[:1].upper() + text[1:]
