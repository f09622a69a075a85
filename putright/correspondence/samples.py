"""Made-up values for every placeholder: the admin's preview and the template check."""

from __future__ import annotations

from typing import Any

from putright.correspondence.kinds import LetterKind, spec_for
from putright.correspondence.placeholders import Block


def sample_values(kind: str) -> dict[str, Any]:
    """Made-up values for the preview: every placeholder filled, no real case read."""
    date = "15 June 2026"
    sample: dict[str, Any] = {
        "council": "Example Borough Council",
        "reference": "CMP-2026-000123",
        "name": "Pat Example",
        "stage": "1",
        "previous_stage": "1",
        "date": date,
        "officer": "Sam Officer",
        "officer_contact": "sam.officer@council.example",
        "contact_name": "Sam Officer",
        "received": "1 June 2026",
        "understanding": "You told us the repair to your boiler was booked twice and "
        "nobody came.",
        "outcome_sought": "The repair done, and an apology.",
        "due": "29 June 2026",
        "acknowledge_due": "8 June 2026",
        "previous_due": "29 June 2026",
        "new_due": "13 July 2026",
        "follow_link": "https://council.example/feedback/follow/…",
        "reason": "We are waiting for the contractor's records.",
        "procedure": "LGSCO Complaint Handling Code",
        "decision": "We have upheld your complaint.",
        "reasons": "Our repairs policy says we attend within 5 working days.",
        "earlier_remedies": [],
        "remedies": [Block("list", ("Apology", "Financial remedy of £50.00"))],
        "actions": [Block("list", ("Retrain the booking team (by 31 July 2026)",))],
        "next_step": [
            Block("paragraph", ("You can ask us to look at your complaint again.",))
        ],
        "ombudsman": [
            Block("paragraph", ("The Ombudsman", "Website: www.example.org.uk"))
        ],
        "link": "https://council.example/cases/CMP-2026-000123/",
        "requested_by": "Sam Officer",
    }
    if kind == LetterKind.APPROVAL_DECISION:
        sample["decision"] = "approved"
    allowed = set(spec_for(kind).placeholders)
    return {name: value for name, value in sample.items() if name in allowed}
