"""Synthetic interchange rows for tests and the import benchmark (no personal data).

Deterministic for a seed. The demo council's own generator (`putright.demo`) is richer; this
one only has to exercise every column and rule of the importer at any volume.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from putright.imports.columns import CONTACT_COLUMNS, OMBUDSMAN_COLUMNS

DIRECTORATES = {
    "Children's": ["SEND Team", "Children in Care", "Early Help"],
    "Adults": ["Mental Health Team", "Reablement"],
    "Corporate": ["Council Tax", "Waste", "Highways", "Housing Repairs"],
    "Public Health": ["Sexual Health"],
}
PROCEDURE = {
    "Children's": "children_1989",
    "Adults": "adults_2009",
    "Corporate": "lgsco_code",
    "Public Health": "public_health_2012",
}
NATURES = [
    "Service Delay",
    "Communication and Information",
    "Staff Conduct",
    "Quality of Service",
    "Policy Decision",
]
CAUSES = ["Process not followed", "Resource pressure", "Training need", "System error"]
OUTCOMES = ["upheld", "partly_upheld", "not_upheld", "withdrawn", "refused"]
CHANNELS = ["email", "web_form", "letter", "telephone", "in_person"]
TYPES = ["parent", "advocate", "resident", "relative", "tenant"]
KINDS = [
    ("complaint", 40),
    ("informal_complaint", 15),
    ("service_request", 15),
    ("comment", 5),
    ("compliment", 15),
    ("mp_enquiry", 5),
    ("member_enquiry", 5),
]


def _date(day: dt.date) -> str:
    return day.isoformat()


def contact_rows(
    count: int, *, seed: int = 1, start: dt.date = dt.date(2020, 4, 1), years: int = 4
) -> Iterator[dict[str, str]]:
    """`count` contacts rows (complaints get 1 to 3 stages) received over `years` years."""
    rng = random.Random(seed)  # noqa: S311 - test data
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    span = 365 * years
    made = 0
    serial = 0
    while made < count:
        serial += 1
        reference = f"SYN-{seed}-{serial:07d}"
        kind = rng.choices(kinds, weights)[0]
        directorate = rng.choice(list(DIRECTORATES))
        team = rng.choice(DIRECTORATES[directorate])
        received = start + dt.timedelta(days=rng.randrange(span))
        procedure = PROCEDURE[directorate]
        stages = 1
        if kind == "complaint":
            most = {"children_1989": 3, "lgsco_code": 2}.get(procedure, 1)
            stages = min(most, rng.choices([1, 2, 3], [80, 15, 5])[0], count - made)
        for number in range(1, stages + 1):
            responded = received + dt.timedelta(days=rng.randrange(3, 60))
            is_open = number == stages and rng.random() < 0.05
            row = dict.fromkeys(CONTACT_COLUMNS, "")
            row.update(
                reference=reference,
                kind=kind,
                directorate=directorate,
                team=team,
                received=_date(received),
                acknowledged=_date(received + dt.timedelta(days=rng.randrange(0, 6))),
                responded="" if is_open else _date(responded),
                channel=rng.choice(CHANNELS),
                summary=f"Synthetic record {serial} stage {number}.",
            )
            if kind == "complaint":
                remedies = rng.sample(["apology", "explanation", "financial"], 2)
                row.update(
                    stage=str(number),
                    procedure=procedure,
                    outcome="" if is_open else rng.choice(OUTCOMES),
                    complainant_type=rng.choice(TYPES),
                    issue_natures=";".join(rng.sample(NATURES, rng.randrange(1, 3))),
                    root_causes=rng.choice(CAUSES),
                    remedies=";".join(remedies),
                    financial_remedy="150.00" if "financial" in remedies else "",
                    commissioned=rng.choice(["true", "false"]),
                )
            if kind == "mp_enquiry":
                row["constituency"] = "Demo North"
            yield row
            made += 1
            received = responded + dt.timedelta(days=rng.randrange(1, 20))


def ombudsman_rows(
    count: int, *, seed: int = 1, complaint_references: list[str] | None = None
) -> Iterator[dict[str, str]]:
    """`count` LGSCO rows, linked in turn to the given complaint references."""
    rng = random.Random(seed)  # noqa: S311 - test data
    references = complaint_references or []
    for index in range(count):
        received = dt.date(2021, 4, 1) + dt.timedelta(days=rng.randrange(900))
        decided = received + dt.timedelta(days=rng.randrange(20, 200))
        row = dict.fromkeys(OMBUDSMAN_COLUMNS, "")
        row.update(
            reference=f"{22 + index // 1000} {index % 1000:03d} {seed:03d}",
            ombudsman="lgsco",
            complaint_reference=references[index] if index < len(references) else "",
            directorate=rng.choice(list(DIRECTORATES)),
            category="Education and Children's Services",
            received=_date(received),
            investigation=rng.choice(["true", "false"]),
            decided=_date(decided),
            decision=rng.choice(
                ["upheld", "not_upheld", "closed_after_initial_enquiries"]
            ),
            recommendations="2",
            recommendations_on_time="1",
            recommendations_late="0",
        )
        yield row


def write_csv(
    path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, str]]
) -> int:
    """Write rows as an interchange CSV (UTF-8 with BOM); returns the number written."""
    count = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
