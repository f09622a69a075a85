"""The interchange columns of docs/interchange-format.md §4, in the order exports write them."""

from __future__ import annotations

CONTACTS = "contacts"
OMBUDSMAN = "ombudsman"

CONTACT_COLUMNS = (
    "reference",
    "kind",
    "stage",
    "procedure",
    "directorate",
    "team",
    "received",
    "acknowledged",
    "due",
    "extended_to",
    "responded",
    "outcome",
    "refusal_reason",
    "channel",
    "complainant_type",
    "issue_natures",
    "root_causes",
    "remedies",
    "financial_remedy",
    "learning",
    "commissioned",
    "constituency",
    "summary",
)
CONTACT_REQUIRED = ("reference", "kind", "directorate", "received")

OMBUDSMAN_COLUMNS = (
    "reference",
    "ombudsman",
    "complaint_reference",
    "directorate",
    "team",
    "category",
    "received",
    "investigation",
    "decided",
    "decision",
    "satisfactory_remedy_by_council",
    "remedy_amount",
    "recommendations",
    "recommendations_on_time",
    "recommendations_late",
    "requirement",
    "lessons",
    "summary",
)
OMBUDSMAN_REQUIRED = ("reference", "ombudsman", "received")

COLUMNS = {CONTACTS: CONTACT_COLUMNS, OMBUDSMAN: OMBUDSMAN_COLUMNS}
REQUIRED = {CONTACTS: CONTACT_REQUIRED, OMBUDSMAN: OMBUDSMAN_REQUIRED}

# Cells holding several values, separated by ";".
MULTI_VALUE = frozenset({"issue_natures", "root_causes", "remedies"})
# Free text keeps its spaces exactly; every other cell is trimmed.
FREE_TEXT = frozenset(
    {"learning", "summary", "requirement", "lessons", "category", "constituency"}
)
SEPARATOR = ";"


def file_kind(header: list[str]) -> str | None:
    """Tell a contacts file from an Ombudsman file by its (mapped) columns."""
    names = set(header)
    if "kind" in names:
        return CONTACTS
    if "ombudsman" in names:
        return OMBUDSMAN
    return None
