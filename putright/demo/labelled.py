"""Which demo service requests and informal complaints were really complaints.

For measuring the likely-complaint rule (`putright.statistics.likely_complaint`;
`bench/sampling_bench.py`). With `DemoGenerator(..., label_complaints=True)` every service
request and informal complaint row gets `really_complaint` ("1" or "0"); a few rows get a
summary written as a resident would put a complaint, and a few others a summary that uses
complaint words without being one. The choice comes from its own random stream, seeded by
the seed and the row's reference, so every other value (and every figure) of the demo is
the same with the flag on or off; the flag is off by default.

These are synthetic labels written for the demo: the rule's precision measured on them
says how the rule behaves on this mix of wordings, not on a real council's records.
"""

from __future__ import annotations

import random
from typing import Any

LABELLED_KINDS = frozenset({"service_request", "informal_complaint"})
REALLY_COMPLAINT_SHARE = 0.05
MISLEADING_SHARE = 0.02

# Complaints logged as something else: some in words the rule knows, some not.
HIDDEN_COMPLAINTS = (
    "Third time I have reported the missed bin collection; this is unacceptable.",
    "I want to complain that nobody has called me back about the repair.",
    "Still waiting for the pothole outside my house to be filled after two months.",
    "Not happy with how the assessment was handled and wants it looked at again.",
    "Disappointed that the appointment was cancelled without notice yet again.",
    "If this is not sorted out I will take it to the Ombudsman.",
    "Asked why the work promised last month has still not started.",
    "Says the officer was rude on the phone and wants an apology.",
    "The repair was done badly and water is coming through the ceiling again.",
    "Says the letter sent to him was wrong and cost him money.",
)
# Requests that use the rule's words and are not complaints.
MISLEADING = (
    "Asked how to complain to a private landlord about repairs.",
    "Wanted the Ombudsman's address for a matter about a private care home.",
    "Asked whether fly-tipping reports can be escalated to the Environment Agency.",
    "Asked for the claim form for compensation after pothole damage to a car.",
    "Resident unhappy with a neighbour's hedge: asked what the council can do.",
)


def label_row(seed: Any, row: dict[str, str]) -> None:
    """Add `really_complaint` to a service request or informal complaint row, rewording
    its summary when the draw says it was a hidden complaint or a misleading request."""
    if row.get("kind") not in LABELLED_KINDS:
        return
    rng = random.Random(f"{seed}:labelled:{row['reference']}")  # noqa: S311
    draw = rng.random()
    if draw < REALLY_COMPLAINT_SHARE:
        row["summary"] = rng.choice(HIDDEN_COMPLAINTS)
        row["really_complaint"] = "1"
        return
    if draw < REALLY_COMPLAINT_SHARE + MISLEADING_SHARE:
        row["summary"] = rng.choice(MISLEADING)
    row["really_complaint"] = "0"
