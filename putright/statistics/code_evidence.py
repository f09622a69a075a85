"""The evidence the records give for the Complaint Handling Code self-assessment.

docs/regulatory-rules.md §1.5 and §1.8: for the complaints of the Code's procedures (the
corporate family, and records with no procedure) received in a period, how many were
acknowledged within 5 working days, answered within 10 working days at stage 1 and 20 at
stage 2 (from the acknowledgement, or from receipt when none is recorded), how deadlines were
extended, how escalation requests were accepted or refused and why, whether remedies were
delivered by their date, whether final responses carried the Ombudsman's details, which
exclusions were applied, and whether learning actions were completed on time. The counts of
restrictions for unreasonable behaviour, by directorate, are here too.

Working days come from the council's calendar, so the two working-day measures read the
(received, acknowledged, responded) dates of the period's records and count in Python; every
other measure is one SQL aggregation. Nothing here returns free text or a person.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet

from putright.complaints import clocks, letters
from putright.complaints.constants import (
    Family,
    Kind,
    LearningStatus,
    Ombudsman,
    Outcome,
)
from putright.complaints.models import LearningAction, Remedy, Restriction, Stage
from putright.core.periods import Period
from putright.correspondence.kinds import LetterKind
from putright.correspondence.models import Letter
from putright.statistics.engine import percent

ACKNOWLEDGE_DAYS = 5
RESPONSE_DAYS = {1: 10, 2: 20}
EXTENSION_LIMIT_DAYS = {1: 10, 2: 20}
NOT_RECORDED = "Not recorded"


def code_stages(period: Period) -> QuerySet[Stage]:
    """Complaint stages 1 and 2 of the Code's procedures received in the period."""
    return Stage.objects.filter(
        kind=Kind.COMPLAINT,
        number__in=(1, 2),
        received__range=(period.start, period.end),
    ).filter(Q(procedure__isnull=True) | Q(procedure__family=Family.CORPORATE))


def _rate(part: int, whole: int) -> dict[str, Any]:
    return {"count": part, "of": whole, "percent": percent(part, whole)}


def timeliness(period: Period) -> dict[str, dict[str, Any]]:
    """Per stage: acknowledged within 5 working days, responded within 10 (stage 1) or 20."""
    cal = clocks.council_calendar()
    out: dict[str, dict[str, Any]] = {}
    for number in (1, 2):
        rows = (
            code_stages(period).filter(number=number).exclude(outcome=Outcome.REFUSED)
        )
        received = acknowledged = ack_within = responded = resp_within = 0
        for got, ack, answered in rows.values_list(
            "received", "acknowledged", "responded"
        ):
            received += 1
            if ack is not None:
                acknowledged += 1
                ack_within += cal.working_days_between(got, ack) <= ACKNOWLEDGE_DAYS
            if answered is not None:
                responded += 1
                start = ack or got
                took = cal.working_days_between(start, answered)
                resp_within += took <= RESPONSE_DAYS[number]
        out[str(number)] = {
            "received": received,
            "acknowledged": acknowledged,
            "acknowledged_within": _rate(ack_within, received),
            "responded": responded,
            "responded_within": _rate(resp_within, responded),
            "limit_days": RESPONSE_DAYS[number],
        }
    return out


def extensions(period: Period) -> dict[str, dict[str, Any]]:
    """Per stage: extensions agreed, with a reason, beyond the procedure's cap, and their
    lengths in working days past the original due date (longest, and over the Code's 10 or
    20 working days)."""
    cal = clocks.council_calendar()
    out: dict[str, dict[str, Any]] = {}
    for number in (1, 2):
        rows = code_stages(period).filter(number=number, extended_to__isnull=False)
        lengths = []
        count = with_reason = beyond_cap = 0
        for due, extended_to, reason, beyond in rows.values_list(
            "due", "extended_to", "extension_reason", "extension_beyond_cap"
        ):
            count += 1
            with_reason += bool(reason.strip())
            beyond_cap += bool(beyond)
            if due is not None and extended_to is not None:
                lengths.append(cal.working_days_between(due, extended_to))
        out[str(number)] = {
            "received": code_stages(period).filter(number=number).count(),
            "extended": count,
            "with_reason": _rate(with_reason, count),
            "beyond_cap": beyond_cap,
            "longest_days": max(lengths) if lengths else None,
            "over_code_limit": sum(
                1 for n in lengths if n > EXTENSION_LIMIT_DAYS[number]
            ),
        }
    return out


def escalations(period: Period) -> dict[str, Any]:
    """Requests for stage 2 received in the period: accepted (a stage 2 record) and refused,
    with the refusal reasons counted."""
    accepted = code_stages(period).filter(number=2).count()
    refused_rows = (
        Stage.objects.filter(
            kind=Kind.COMPLAINT,
            escalation_refused_on__range=(period.start, period.end),
        )
        .filter(Q(procedure__isnull=True) | Q(procedure__family=Family.CORPORATE))
        .values(reason=F("escalation_refusal_reason__name"))
        .annotate(count=Count("id"))
        .order_by("-count", "reason")
    )
    reasons = [
        {"label": r["reason"] or NOT_RECORDED, "count": r["count"]}
        for r in refused_rows
    ]
    refused = sum(r["count"] for r in reasons)
    return {
        "requests": accepted + refused,
        "accepted": accepted,
        "refused": refused,
        "refused_reasons": reasons,
    }


def exclusions(period: Period) -> dict[str, Any]:
    """Complaints not accepted (Code section 2), by reason."""
    rows = (
        code_stages(period)
        .filter(outcome=Outcome.REFUSED)
        .values(reason=F("refusal_reason__name"))
        .annotate(count=Count("id"))
        .order_by("-count", "reason")
    )
    reasons = [
        {"label": r["reason"] or NOT_RECORDED, "count": r["count"]} for r in rows
    ]
    return {
        "received": code_stages(period).count(),
        "refused": sum(r["count"] for r in reasons),
        "reasons": reasons,
    }


def remedies(period: Period) -> dict[str, Any]:
    """Remedies with a due date: delivered by it, delivered late, not delivered."""
    qs = Remedy.objects.filter(stage__in=code_stages(period), due__isnull=False)
    totals = qs.aggregate(
        with_date=Count("id"),
        on_time=Count("id", filter=Q(delivered_on__lte=F("due"))),
        late=Count("id", filter=Q(delivered_on__gt=F("due"))),
        outstanding=Count("id", filter=Q(delivered_on__isnull=True)),
    )
    totals["on_time_percent"] = percent(totals["on_time"], totals["with_date"])
    return totals


def final_letters(period: Period) -> dict[str, Any]:
    """Final responses (no further stage in the procedure) to the period's complaints, how
    many have a stage response letter, and how many letters name the Ombudsman (its website
    in the text as sent). A fixed number of queries, however many records."""
    rules = clocks.procedure_rules()
    responded = (
        code_stages(period)
        .filter(responded__isnull=False)
        .exclude(outcome=Outcome.REFUSED)
    )
    sent = {
        letter["stage_id"]: letter["text"]
        for letter in Letter.objects.filter(
            kind=LetterKind.RESPONSE, stage__in=responded
        ).values("stage_id", "text")
    }
    finals = with_letter = with_details = 0
    for stage_id, procedure_id, number, code in responded.values_list(
        "id", "procedure_id", "number", "procedure__ombudsman"
    ):
        rule = rules.get(procedure_id) if procedure_id is not None else None
        if rule is not None and clocks.stage_rule(rule, number + 1) is not None:
            continue  # the complainant may still ask for the next stage
        finals += 1
        with_letter += stage_id in sent
        contact = letters.OMBUDSMAN_CONTACTS[Ombudsman(code or Ombudsman.LGSCO)]
        with_details += contact.website in sent.get(stage_id, "")
    return {
        "final_responses": finals,
        "with_letter": with_letter,
        "with_ombudsman_details": _rate(with_details, finals),
    }


def learning(period: Period) -> dict[str, Any]:
    """Learning actions from the period's complaints: completed by their due date."""
    qs = LearningAction.objects.filter(stage__in=code_stages(period))
    totals = qs.aggregate(
        actions=Count("id"),
        completed=Count("id", filter=Q(status=LearningStatus.COMPLETE)),
        on_time=Count(
            "id",
            filter=Q(
                status=LearningStatus.COMPLETE,
                completed_on__isnull=False,
                due__isnull=False,
                completed_on__lte=F("due"),
            ),
        ),
    )
    totals["on_time_percent"] = percent(totals["on_time"], totals["actions"])
    return totals


def service_requests(period: Period) -> dict[str, Any]:
    """Service requests recorded in the period, and complaints that grew from one (Code 1)."""
    requests = Stage.objects.filter(
        kind=Kind.SERVICE_REQUEST, received__range=(period.start, period.end)
    ).count()
    converted = code_stages(period).filter(number=1, case__converted_from__isnull=False)
    return {"recorded": requests, "became_complaints": converted.count()}


def restrictions_by_directorate(period: Period) -> list[dict[str, Any]]:
    """Restrictions for unreasonable behaviour starting in the period, by the directorate of
    the case's first record, in name order."""
    rows = (
        Restriction.objects.filter(
            starts_on__range=(period.start, period.end),
            case__stages__number=1,
        )
        .values(directorate=F("case__stages__directorate__name"))
        .annotate(count=Count("id", distinct=True))
        .order_by("directorate")
    )
    return [{"label": r["directorate"], "count": r["count"]} for r in rows]


def evidence(period: Period) -> dict[str, Any]:
    """Every measure, keyed as `putright.selfassessment.provisions` names them."""
    return {
        "timeliness": timeliness(period),
        "extensions": extensions(period),
        "escalations": escalations(period),
        "exclusions": exclusions(period),
        "remedies": remedies(period),
        "final_letters": final_letters(period),
        "learning": learning(period),
        "service_requests": service_requests(period),
    }
