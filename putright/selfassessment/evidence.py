"""The statistics' Code evidence as rows a page, a form or the report can lay out.

Every row is (what is measured, count, out of): the counting is in
`putright.statistics.code_evidence`; this only names the figures. `base` is None where a
count has no natural base (a longest extension in days is a `days` row).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from putright.core.periods import Period
from putright.core.presentation import count_text, share_text
from putright.statistics import code_evidence


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None
    base: int | None = None
    unit: str = "count"  # count or days
    # What the count and the base measure: rows that share a base name the same figure, so
    # the public report's disclosure control sees one figure, not copies of it.
    key: str = ""
    base_key: str = ""

    @property
    def text(self) -> str:
        if self.count is None:
            return f"{self.label}: none"
        if self.unit == "days":
            return f"{self.label}: {count_text(self.count)} working days"
        if self.base is None:
            return f"{self.label}: {count_text(self.count)}"
        return (
            f"{self.label}: {count_text(self.count)} of {count_text(self.base)} "
            f"({share_text(self.count, self.base)})"
        )


def _rate(label: str, rate: dict[str, Any], key: str, base_key: str) -> Row:
    return Row(label, rate["count"], rate["of"], key=key, base_key=base_key)


def _stage_rows(ev: dict[str, Any], number: int) -> list[Row]:
    figures = ev["timeliness"][str(number)]
    return [
        _rate(
            f"Stage {number} responses within {figures['limit_days']} working days",
            figures["responded_within"],
            f"s{number}_in_time",
            f"s{number}_responded",
        )
    ]


def _extension_rows(ev: dict[str, Any]) -> list[Row]:
    rows = []
    for number in ("1", "2"):
        ext = ev["extensions"][number]
        rows += [
            Row(
                f"Stage {number} deadlines extended",
                ext["extended"],
                ext["received"],
                key=f"s{number}_extended",
                base_key=f"s{number}_all",
            ),
            _rate(
                f"Stage {number} extensions with a reason recorded",
                ext["with_reason"],
                f"s{number}_ext_reason",
                f"s{number}_extended",
            ),
            Row(
                f"Stage {number} extensions beyond the procedure's cap",
                ext["beyond_cap"],
                ext["extended"],
                key=f"s{number}_ext_cap",
                base_key=f"s{number}_extended",
            ),
            Row(
                f"Stage {number} extensions longer than the Code allows",
                ext["over_code_limit"],
                ext["extended"],
                key=f"s{number}_ext_over",
                base_key=f"s{number}_extended",
            ),
            Row(f"Stage {number} longest extension", ext["longest_days"], unit="days"),
        ]
    return rows


def _reason_rows(
    prefix: str, reasons: list[dict[str, Any]], total: int, base_key: str
) -> list[Row]:
    return [
        Row(
            f"{prefix}: {r['label']}",
            r["count"],
            total,
            key=f"{base_key}:{r['label']}",
            base_key=base_key,
        )
        for r in reasons
    ]


def rows_by_measure(ev: dict[str, Any]) -> dict[str, list[Row]]:
    """Each evidence measure of `provisions.EVIDENCE` as its rows."""
    t1, t2 = ev["timeliness"]["1"], ev["timeliness"]["2"]
    esc, exc = ev["escalations"], ev["exclusions"]
    rem, lrn, fin = ev["remedies"], ev["learning"], ev["final_letters"]
    sr = ev["service_requests"]
    return {
        "service_requests": [
            Row("Service requests recorded", sr["recorded"], key="sr"),
            Row(
                "Complaints that grew from a service request",
                sr["became_complaints"],
                key="sr_converted",
            ),
        ],
        "exclusions": [
            Row(
                "Complaints not accepted",
                exc["refused"],
                exc["received"],
                key="refused",
                base_key="s12_all",
            ),
            *_reason_rows("Not accepted", exc["reasons"], exc["refused"], "refused"),
        ],
        "acknowledged": [
            _rate(
                "Stage 1 acknowledged within 5 working days",
                t1["acknowledged_within"],
                "s1_ack",
                "s1_accepted",
            ),
            _rate(
                "Stage 2 acknowledged within 5 working days",
                t2["acknowledged_within"],
                "s2_ack",
                "s2_accepted",
            ),
        ],
        "stage1": _stage_rows(ev, 1),
        "stage2": _stage_rows(ev, 2),
        "extensions": _extension_rows(ev),
        "escalations": [
            Row(
                "Escalation requests accepted",
                esc["accepted"],
                esc["requests"],
                key="s2_all",
                base_key="esc_requests",
            ),
            Row(
                "Escalation requests refused",
                esc["refused"],
                esc["requests"],
                key="esc_refused",
                base_key="esc_requests",
            ),
            *_reason_rows(
                "Refused", esc["refused_reasons"], esc["refused"], "esc_refused"
            ),
        ],
        "final_letters": [
            Row(
                "Final responses with a letter on the case",
                fin["with_letter"],
                fin["final_responses"],
                key="finals_letter",
                base_key="finals",
            ),
            _rate(
                "Final response letters naming the Ombudsman",
                fin["with_ombudsman_details"],
                "finals_ombudsman",
                "finals",
            ),
        ],
        "remedies": [
            Row(
                "Remedies delivered by the date promised",
                rem["on_time"],
                rem["with_date"],
                key="rem_on_time",
                base_key="rem_dated",
            ),
            Row(
                "Remedies delivered late",
                rem["late"],
                rem["with_date"],
                key="rem_late",
                base_key="rem_dated",
            ),
            Row(
                "Remedies not yet delivered",
                rem["outstanding"],
                rem["with_date"],
                key="rem_outstanding",
                base_key="rem_dated",
            ),
        ],
        "learning": [
            Row(
                "Learning actions completed",
                lrn["completed"],
                lrn["actions"],
                key="lrn_completed",
                base_key="lrn_actions",
            ),
            Row(
                "Learning actions completed by their due date",
                lrn["on_time"],
                lrn["actions"],
                key="lrn_on_time",
                base_key="lrn_actions",
            ),
        ],
    }


def for_period(period: Period) -> dict[str, list[Row]]:
    return rows_by_measure(code_evidence.evidence(period))
