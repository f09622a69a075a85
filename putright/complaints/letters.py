"""Letters to the complainant and the contents the Codes require in them.

docs/regulatory-rules.md §1.6 and §8.5: a stage response letter holds the stage, the complaint as understood,
the decision, the reasons, the remedy (what and by when), outstanding actions with due dates
and the escalation route; sending is blocked while any is missing. Extension letters give the
reason, the new date and the Ombudsman's contact details; refusals the reasons and the right
to go to the Ombudsman. Letters are HTML pages that print well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from putright.complaints import clocks, lifecycle
from putright.complaints.constants import (
    DECISION_OUTCOMES,
    Kind,
    Ombudsman,
    Outcome,
    RemedyType,
)
from putright.complaints.models import Remedy, Stage

LETTER_KINDS = {
    "acknowledgement": gettext_lazy("Acknowledgement letter"),
    "extension": gettext_lazy("Extension letter"),
    "not-accepted": gettext_lazy("Complaint not accepted letter"),
    "escalation-refused": gettext_lazy("Escalation refused letter"),
    "response": gettext_lazy("Stage response letter"),
}


@dataclass(frozen=True)
class OmbudsmanContact:
    name: str | Promise
    website: str
    telephone: str
    address: str
    time_limit: str | Promise


OMBUDSMAN_CONTACTS = {
    Ombudsman.LGSCO: OmbudsmanContact(
        gettext_lazy("Local Government and Social Care Ombudsman"),
        "www.lgo.org.uk",
        "0300 061 0614",
        "PO Box 4771, Coventry CV4 0EH",
        # Translators: the time limit for taking a complaint to the Ombudsman.
        gettext_lazy("12 months"),
    ),
    Ombudsman.HO: OmbudsmanContact(
        gettext_lazy("Housing Ombudsman Service"),
        "www.housing-ombudsman.org.uk",
        "0300 111 3000",
        "PO Box 152, Liverpool L33 7WQ",
        gettext_lazy("12 months"),
    ),
    Ombudsman.SPSO: OmbudsmanContact(
        gettext_lazy("Scottish Public Services Ombudsman"),
        "www.spso.org.uk",
        "0800 377 7330",
        "Freepost SPSO",
        gettext_lazy("12 months"),
    ),
    Ombudsman.PSOW: OmbudsmanContact(
        gettext_lazy("Public Services Ombudsman for Wales"),
        "www.ombudsman.wales",
        "0300 790 0203",
        "1 Ffordd yr Hen Gae, Pencoed CF35 5LJ",
        gettext_lazy("12 months"),
    ),
    Ombudsman.NIPSO: OmbudsmanContact(
        gettext_lazy("Northern Ireland Public Services Ombudsman"),
        "www.nipso.org.uk",
        "0800 34 34 24",
        "Freepost NIPSO",
        # Translators: the time limit for taking a complaint to the Ombudsman.
        gettext_lazy("6 months"),
    ),
}

# Remedies delivered by the letter itself; the others need a date for the action.
_IMMEDIATE_REMEDIES = {RemedyType.APOLOGY, RemedyType.EXPLANATION}


def ombudsman_for(stage: Stage) -> OmbudsmanContact:
    """The contact block of the Ombudsman that oversees the stage's procedure."""
    code = stage.procedure.ombudsman if stage.procedure is not None else Ombudsman.LGSCO
    return OMBUDSMAN_CONTACTS[Ombudsman(code)]


def next_stage_number(stage: Stage) -> int | None:
    """The stage the complainant may escalate to, or None when the Ombudsman is next."""
    if stage.procedure is None:
        return None
    if clocks.stage_rule(stage.procedure.rule(), stage.number + 1) is None:
        return None
    return stage.number + 1


def escalation_deadline(stage: Stage) -> dt.date | None:
    """The date by which to ask for the next stage: a council setting in working days."""
    if stage.responded is None or next_stage_number(stage) is None:
        return None
    days = getattr(settings, "PUTRIGHT_ESCALATION_WINDOW_WORKING_DAYS", 20)
    return clocks.council_calendar().add_working_days(stage.responded, days)


class LetterGap(NamedTuple):
    """Something the stage response letter lacks: the response form's field that gives
    it (None: it is given elsewhere on the case), what is missing, and the field's error."""

    field: str | None
    missing: str
    error: str


def response_letter_gaps(stage: Stage) -> list[LetterGap]:
    """What the stage response letter still lacks; empty when it may be sent (§8.5)."""
    gaps = []
    if not stage.understanding.strip():
        gaps.append(
            LetterGap(
                "understanding",
                gettext("the description of the complaint as understood"),
                gettext("Enter the complaint as you understand it"),
            )
        )
    if stage.outcome not in DECISION_OUTCOMES:
        gaps.append(
            LetterGap(
                "outcome",
                gettext("the decision on the complaint"),
                gettext("Select the decision on the complaint"),
            )
        )
    if not stage.response_reasons.strip():
        gaps.append(
            LetterGap(
                "response_reasons",
                gettext("the reasons for the decision"),
                gettext("Enter the reasons for the decision"),
            )
        )
    gaps.extend(_remedy_gaps(stage))
    if stage.learning_actions.filter(
        due__isnull=True, status__in=lifecycle.LEARNING_OPEN_STATUSES
    ).exists():
        gaps.append(
            LetterGap(
                None,
                gettext("due dates for the outstanding actions"),
                gettext("Give each outstanding action a due date on the case page"),
            )
        )
    if not stage.procedure_id:
        gaps.append(
            LetterGap(
                None,
                gettext("the procedure, which sets the escalation route"),
                gettext("Choose the procedure first (Change the procedure)"),
            )
        )
    return gaps


def _remedy_gaps(stage: Stage) -> list[LetterGap]:
    gaps = []
    remedies = list(stage.remedies.all())
    if stage.outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD) and not remedies:
        gaps.append(
            LetterGap(
                "remedies",
                gettext("the remedy offered to put things right"),
                gettext("Select the remedy offered to put things right"),
            )
        )
    if remedies and not any(remedy.description.strip() for remedy in remedies):
        gaps.append(
            LetterGap(
                "remedy_description",
                gettext("what the remedy is"),
                gettext("Enter what the remedy is"),
            )
        )
    if any(
        remedy.type not in _IMMEDIATE_REMEDIES and remedy.due is None
        for remedy in remedies
    ):
        gaps.append(
            LetterGap(
                "remedy_due",
                gettext("when the remedy will be delivered"),
                gettext("Enter the date the remedy will be delivered by"),
            )
        )
    return gaps


def response_letter_missing(stage: Stage) -> list[str]:
    """What the stage response letter still lacks, as phrases; empty when it may be sent."""
    return [gap.missing for gap in response_letter_gaps(stage)]


def letter_context(stage: Stage, kind: str) -> dict[str, Any]:
    """Everything a letter template needs; personal data stays within the case."""
    from putright.organisation.models import Council

    case = stage.case
    return {
        "kind": kind,
        "title": LETTER_KINDS[kind],
        "council": Council.load(),
        "case": case,
        "stage": stage,
        "is_complaint": stage.kind == Kind.COMPLAINT,
        "ombudsman": ombudsman_for(stage),
        "next_stage": next_stage_number(stage),
        "escalation_deadline": escalation_deadline(stage),
        "remedies": list(stage.remedies.all()),
        # Remedies agreed at earlier stages still stand: a later letter never says none.
        "earlier_remedies": list(
            Remedy.objects.filter(
                stage__case_id=stage.case_id, stage__number__lt=stage.number
            )
        ),
        "actions": list(
            stage.learning_actions.filter(status__in=lifecycle.LEARNING_OPEN_STATUSES)
        ),
        "missing": response_letter_missing(stage) if kind == "response" else [],
    }


def letter_available(stage: Stage, kind: str) -> bool:
    """Whether the stage has what that letter is about."""
    if kind == "acknowledgement":
        return stage.acknowledged is not None
    if kind == "extension":
        return stage.extended_to is not None
    if kind == "not-accepted":
        return stage.outcome == Outcome.REFUSED
    if kind == "escalation-refused":
        return stage.escalation_refused_on is not None
    if kind == "response":
        return stage.kind == Kind.COMPLAINT and stage.outcome != Outcome.REFUSED
    return False
