"""The likely-complaint rule: which service requests and informal complaints read like a
complaint that was not handled as one (issue 11 item 5; docs/running/benchmarks-and-sampling.md).

The Complaint Handling Codes define a complaint as an expression of dissatisfaction,
however made, about the standard of service, actions or lack of action. A contact logged
as a service request or an informal complaint is flagged when any of these signals holds:

1. `word`: its summary uses a word that names a complaint or its next steps: "complain"
   (complaint, complained, complaining), "unacceptable", "ombudsman", "compensation",
   "escalate".
2. `dissatisfaction`: its summary uses wording of dissatisfaction: "not happy",
   "unhappy", "dissatisfied", "disappointed", "fed up", "disgusted", "appalled",
   "still waiting", "still not", "no one has", "nobody has", "not good enough",
   "poor service", "ignored", "third time", "yet again", "keep having to",
   "no response", "not been fixed", "not been done".
3. `repeat`: the same person (the same email address, or failing that the same name)
   had already contacted the same team within the 90 days before, with a contact of any
   kind: asking again about the same matter is dissatisfaction with the first answer.

Matching ignores case and works on whole words; the rule does not read negation ("not
unacceptable" still matches). `RULE_VERSION` changes whenever the rule does, and every
sample records the version it was drawn with.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

RULE_VERSION = "2026-12"
REPEAT_WINDOW_DAYS = 90

# Word stems: each matches a whole word that starts with it.
WORDS = ("complain", "unacceptab", "ombudsman", "compensat", "escalat")
DISSATISFACTION = (
    "not happy",
    "unhappy",
    "dissatisfied",
    "disappointed",
    "fed up",
    "disgusted",
    "appalled",
    "still waiting",
    "still not",
    "no one has",
    "nobody has",
    "not good enough",
    "poor service",
    "ignored",
    "third time",
    "yet again",
    "keep having to",
    "no response",
    "not been fixed",
    "not been done",
)

_WORDS = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in WORDS) + r")\w*", re.IGNORECASE
)
_DISSATISFACTION = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in DISSATISFACTION)
    + r")\b",
    re.IGNORECASE,
)


def signals(text: str, *, repeat: bool = False) -> list[str]:
    """The rule's signals for one contact: a subset of `word`, `dissatisfaction`, `repeat`.

    `repeat` says whether the same person contacted the same team in the window before.
    """
    found = []
    if _WORDS.search(text or ""):
        found.append("word")
    if _DISSATISFACTION.search(text or ""):
        found.append("dissatisfaction")
    if repeat:
        found.append("repeat")
    return found


def is_likely_complaint(text: str, *, repeat: bool = False) -> bool:
    return bool(signals(text, repeat=repeat))


def person_key(email: str, name: str) -> str:
    """Who made a contact, for the repeat signal: the email, else the name ("" if neither)."""
    email = (email or "").strip().casefold()
    if email:
        return f"email:{email}"
    name = " ".join((name or "").split()).casefold()
    return f"name:{name}" if name else ""


def repeats(contacts: Iterable[tuple[Any, str, Any, dt.date]]) -> set[Any]:
    """The ids of contacts that repeat an earlier one (signal 3).

    `contacts` are `(id, person_key, team, received)`; a contact repeats when the same
    person contacted the same team on an earlier day within `REPEAT_WINDOW_DAYS`.
    """
    by_person: dict[tuple[str, Any], list[tuple[dt.date, Any]]] = defaultdict(list)
    for ident, person, team, received in contacts:
        if person:
            by_person[(person, team)].append((received, ident))
    found: set[Any] = set()
    window = dt.timedelta(days=REPEAT_WINDOW_DAYS)
    for days in by_person.values():
        days.sort(key=lambda d: d[0])
        previous: dt.date | None = None
        for received, ident in days:
            if previous is not None and received - window <= previous < received:
                found.add(ident)
            previous = received
    return found
