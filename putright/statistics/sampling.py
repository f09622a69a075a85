"""Sampling closed service requests and informal complaints for ones that were really
complaints (issue 11 item 5), the complaints team's review of them, and the evidence the
Code self-assessment reads (`sampling_evidence`).

A sample is reproducible: the same period, size and seed over the same records give the
same contacts (ids sorted, then `random.Random(seed).sample`). Every flagged contact of
the period is added to the random ones (the rule is in `likely_complaint`), up to
`FLAGGED_LIMIT`, beyond which a seeded choice of them is taken. Drawing and reviewing go
through the services here, which audit them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from putright.audit.services import audit_record
from putright.complaints.constants import Kind
from putright.complaints.models import Stage
from putright.core.errors import ServiceError
from putright.core.periods import Period, parse_year
from putright.core.presentation import share
from putright.organisation.models import Council
from putright.statistics import likely_complaint
from putright.statistics.benchmark_models import ContactSample, SampledContact

SAMPLED_KINDS = (Kind.SERVICE_REQUEST, Kind.INFORMAL_COMPLAINT)
FLAGGED_LIMIT = 200
MAX_SIZE = 1000


def closed_contacts(start: dt.date, end: dt.date) -> Any:
    """The closed service requests and informal complaints received in the period."""
    return Stage.objects.filter(
        kind__in=SAMPLED_KINDS, received__gte=start, received__lte=end
    ).filter(Q(responded__isnull=False) | Q(case__is_closed=True))


def flagged(start: dt.date, end: dt.date) -> dict[int, list[str]]:
    """The rule's signals for every closed contact of the period that it flags."""
    window = dt.timedelta(days=likely_complaint.REPEAT_WINDOW_DAYS)
    history = Stage.objects.filter(
        received__gte=start - window, received__lte=end, number=1
    ).values_list(
        "id",
        "case__contact_email",
        "case__contact_name",
        "team_id",
        "directorate_id",
        "received",
    )
    repeated = likely_complaint.repeats(
        (i, likely_complaint.person_key(email, name), team or f"d{directorate}", day)
        for i, email, name, team, directorate, day in history.iterator()
    )
    found: dict[int, list[str]] = {}
    rows = closed_contacts(start, end).values_list("id", "summary")
    for ident, summary in rows.iterator():
        signals = likely_complaint.signals(summary, repeat=ident in repeated)
        if signals:
            found[ident] = signals
    return found


def _check(start: Any, end: Any, size: Any, seed: Any) -> None:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise ServiceError(
            "Enter the first and last days of the period.", field="start"
        )
    if end < start:
        raise ServiceError(
            "The period must end on or after its first day.", field="end"
        )
    if end > timezone.localdate():
        raise ServiceError("The period must end by today.", field="end")
    if not isinstance(size, int) or not 1 <= size <= MAX_SIZE:
        raise ServiceError(
            f"The sample size must be a whole number from 1 to {MAX_SIZE}.",
            field="size",
        )
    if not str(seed).strip() or len(str(seed)) > 50:
        raise ServiceError("Enter a seed of 1 to 50 characters.", field="seed")


@transaction.atomic
def draw_sample(
    *, actor: Any, start: dt.date, end: dt.date, size: int, seed: str
) -> ContactSample:
    """Draw and record a sample, audited; raises ServiceError on a bad request."""
    _check(start, end, size, seed)
    seed = str(seed).strip()
    population = sorted(closed_contacts(start, end).values_list("id", flat=True))
    if not population:
        raise ServiceError(
            "No closed service requests or informal complaints were received in that "
            "period.",
            field="start",
        )
    rng = random.Random(seed)  # noqa: S311 (a reproducible sample, not a secret)
    chosen = set(rng.sample(population, min(size, len(population))))
    signals = flagged(start, end)
    rule_ids = sorted(signals)
    if len(rule_ids) > FLAGGED_LIMIT:
        rule_ids = sorted(rng.sample(rule_ids, FLAGGED_LIMIT))
    sample = ContactSample.objects.create(
        start=start,
        end=end,
        size=size,
        seed=seed,
        rule_version=likely_complaint.RULE_VERSION,
        population=len(population),
        drawn_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    items = []
    for ident in sorted(chosen | set(rule_ids)):
        in_random, in_rule = ident in chosen, ident in set(rule_ids)
        reason = (
            SampledContact.Reason.BOTH
            if in_random and in_rule
            else SampledContact.Reason.RANDOM
            if in_random
            else SampledContact.Reason.RULE
        )
        items.append(
            SampledContact(
                sample=sample,
                stage_id=ident,
                reason=reason,
                signals=",".join(signals.get(ident, [])),
            )
        )
    SampledContact.objects.bulk_create(items)
    audit_record(
        actor=actor,
        verb="sample.drawn",
        target=sample,
        after={
            "start": start,
            "end": end,
            "size": size,
            "seed": seed,
            "rule_version": sample.rule_version,
            "population": len(population),
            "random": len(chosen),
            "flagged": len(rule_ids),
        },
    )
    return sample


@transaction.atomic
def review_contact(
    *, actor: Any, item: SampledContact, was_complaint: Any, action: str
) -> SampledContact:
    """Record the complaints team's answer for one sampled contact, audited."""
    if was_complaint not in (True, False):
        raise ServiceError(
            "Say whether this contact was a complaint.", field="was_complaint"
        )
    if action not in SampledContact.Action.values:
        raise ServiceError("Choose what was done.", field="action")
    if was_complaint is False and action == SampledContact.Action.TREATED:
        raise ServiceError(
            "A contact that was not a complaint is not then handled as one: choose "
            "another action.",
            field="action",
        )
    item = SampledContact.objects.select_for_update().get(pk=item.pk)
    before = {"was_complaint": item.was_complaint, "action": item.action}
    item.was_complaint = was_complaint
    item.action = action
    item.reviewed_at = timezone.now()
    item.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    item.save()
    audit_record(
        actor=actor,
        verb="sample.reviewed",
        target=item,
        case=item.stage.case,
        before=before,
        after={"was_complaint": was_complaint, "action": action},
    )
    return item


def _within(year: Period) -> Any:
    return SampledContact.objects.filter(
        sample__start__gte=year.start, sample__end__lte=year.end
    )


def sampling_evidence(year: Period | str) -> dict[str, Any]:
    """What the year's samples show, for the report and the Code self-assessment (the
    Code's definition of a complaint, section 1): how many contacts were reviewed, how many
    were complaints, and what was done. A contact in two samples counts once, with its
    latest answer. `rule_precision` is the percentage of reviewed flagged contacts that
    were complaints (None before any is reviewed)."""
    if isinstance(year, str):
        year = parse_year(year, Council.load().financial_year_start_month)
    items = _within(year).order_by("stage_id", "-sample__drawn_at")
    samples = set()
    seen: dict[int, SampledContact] = {}
    for item in items.select_related("sample"):
        samples.add(item.sample_id)
        if item.stage_id not in seen or (
            seen[item.stage_id].reviewed_at is None and item.reviewed_at is not None
        ):
            seen[item.stage_id] = item
    chosen = list(seen.values())
    reviewed = [i for i in chosen if i.was_complaint is not None]
    complaints = [i for i in reviewed if i.was_complaint]
    rule = {SampledContact.Reason.RULE, SampledContact.Reason.BOTH}
    random_ = {SampledContact.Reason.RANDOM, SampledContact.Reason.BOTH}
    flagged_reviewed = [i for i in reviewed if i.reason in rule]
    random_reviewed = [i for i in reviewed if i.reason in random_]
    actions = dict.fromkeys(SampledContact.Action.values, 0)
    for item in reviewed:
        actions[item.action] += 1
    return {
        "year": year.label,
        "samples": len(samples),
        "contacts": len(chosen),
        "random": sum(1 for i in chosen if i.reason in random_),
        "flagged": sum(1 for i in chosen if i.reason in rule),
        "reviewed": len(reviewed),
        "awaiting_review": len(chosen) - len(reviewed),
        "were_complaints": len(complaints),
        "random_reviewed": len(random_reviewed),
        "random_were_complaints": sum(1 for i in random_reviewed if i.was_complaint),
        "flagged_reviewed": len(flagged_reviewed),
        "flagged_were_complaints": sum(1 for i in flagged_reviewed if i.was_complaint),
        "rule_precision": share(
            sum(1 for i in flagged_reviewed if i.was_complaint), len(flagged_reviewed)
        ),
        "actions": actions,
        "rule_version": likely_complaint.RULE_VERSION,
    }
