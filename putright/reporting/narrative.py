"""Generated sentences of the annual report, in the plain English councils publish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from putright.core.presentation import (
    agreeing,
    counted,
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
    upheld = say("upheld", outcomes.get("upheld", 0))
    text = (
        f"Of the {say('received', received)} {noun} received, "
        f"{upheld} {agreeing(upheld, 'was', 'were')} upheld (at fault), "
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
    previous: dict[str, Any] | None = None,
) -> str:
    """Response times in the procedure's own day basis, against the council's target.

    `previous`: `{"year", "average_days", "within_percent"}` of the year before, each
    figure added in brackets when there is one.
    """
    unit = DAY_BASIS_LABELS["calendar" if day_basis == "calendar" else "working"]
    written = fmt(received)
    parts = [
        f"{counted(written, 'complaint')} {agreeing(written, 'was', 'were')} handled "
        f"under the {name}"
    ]
    if average_days is not None:
        average = f"the average response time was {whole_days(average_days)} {unit}"
        if previous is not None and previous.get("average_days") is not None:
            average += (
                f", compared with {whole_days(previous['average_days'])} in "
                f"{previous['year']}"
            )
        parts.append(average)
    if within_percent is not None:
        verdict = "meeting" if within_percent >= target else "below"
        answered = (
            f"{percent_text(within_percent)} were answered within timescale, {verdict} "
            f"the target of {target:g}%"
        )
        if previous is not None and previous.get("within_percent") is not None:
            answered += (
                f" ({percent_text(previous['within_percent'])} in {previous['year']})"
            )
        parts.append(answered)
    return "; ".join(parts) + "."


def rate_sentence(
    *,
    percent: float | None,
    subject: str,
    measure: str,
    previous_percent: float | None = None,
    previous_label: str | None = None,
    after: str = "",
) -> str:
    """ "42.1% of stage one complaints were upheld or partly upheld, compared with 38.0%
    in 2024/2025." Without `previous_label`, no comparison; with it but no figure for
    that year, the sentence says so. `after` ends the sentence (" (the target is 90%)")."""
    if percent is None:
        return ""
    text = f"{percent_text(percent)} of {subject} {measure}"
    if previous_label is not None:
        if previous_percent is not None:
            text += (
                f", compared with {percent_text(previous_percent)} in {previous_label}"
            )
        else:
            text += f" (no figure for {previous_label} to compare with)"
    return text + after + "."


def outcome_shares_sentence(
    *,
    outcomes: dict[str, int],
    noun: str,
    fmt: Callable[[int, str], str] | None = None,
) -> str:
    """The outcomes of the complaints with one, each with its share of them:

    "Of the 41 stage one complaints with an outcome, 10 (24.4%) were upheld, 17 (41.5%)
    partly upheld and 14 (34.1%) not upheld." Withdrawn, refused and the rest are one
    further share, so the shares are of the same base as the engine's upheld rate.
    """
    base = sum(v for k, v in outcomes.items() if k != "undecided")
    if not base:
        return ""

    def say(name: str, value: int) -> str:
        return fmt(value, name) if fmt is not None else f"{value:,}"

    def part(name: str) -> str:
        value = outcomes.get(name, 0)
        return f"{say(name, value)} ({share_text(value, base)})"

    upheld = say("upheld", outcomes.get("upheld", 0))
    rest = base - sum(outcomes.get(k, 0) for k in MAIN_OUTCOMES)
    text = (
        f"Of the {say('with_outcome', base)} {noun} with an outcome, "
        f"{part('upheld')} {agreeing(upheld, 'was', 'were')} upheld, "
        f"{part('partly_upheld')} partly upheld and {part('not_upheld')} not upheld"
    )
    if rest:
        text += (
            f"; {say('other_outcome', rest)} ({share_text(rest, base)}) "
            "ended otherwise (withdrawn, refused or another outcome)"
        )
    return text + "."


MAIN_OUTCOMES = ("upheld", "partly_upheld", "not_upheld")


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
