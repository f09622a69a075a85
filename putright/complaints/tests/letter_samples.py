"""Letter contexts covering every branch of every letter, for the translation tests.

Plain objects stand in for the case and stage so the samples follow the templates, not the
services. `data_values` lists what comes from the case (names, free text, references,
choice labels), which a translation leaves as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext_lazy

from putright.complaints import letters
from putright.complaints.constants import Ombudsman

RECEIVED = dt.date(2026, 6, 1)
DUE = dt.date(2026, 6, 29)
EXTENDED_TO = dt.date(2026, 7, 13)
REMEDY_DUE = dt.date(2026, 7, 31)
ACTION_DUE = dt.date(2026, 8, 14)
ESCALATION_DEADLINE = dt.date(2026, 7, 27)
DATES = [RECEIVED, DUE, EXTENDED_TO, REMEDY_DUE, ACTION_DUE, ESCALATION_DEADLINE]


def _case(**overrides: Any) -> SimpleNamespace:
    data = {
        "reference": "CMP-000123",
        "contact_name": "Pat Example",
        "representative_name": "Sam Advocate",
        "contact_address": "1 High Street\nTownsville AB1 2CD",
        "outcome_sought": "A reply to every letter.",
        "get_absolute_url": "/cases/CMP-000123/",
    }
    data.update(overrides)
    return SimpleNamespace(**data)


def _stage(**overrides: Any) -> SimpleNamespace:
    data = {
        "number": 1,
        "get_kind_display": "Complaint",
        "get_outcome_display": "Partly upheld",
        "received": RECEIVED,
        "due": DUE,
        "effective_due": DUE,
        "extended_to": EXTENDED_TO,
        "handler": "Bob Officer",
        "understanding": "Pat says nobody replied about the plan.",
        "extension_reason": "The school's records are late.",
        "refusal_reason": "Legal proceedings started",
        "refusal_details": "A claim was filed at court.",
        "escalation_refusal_reason": "Nothing new raised",
        "escalation_refusal_details": "The request repeats stage 1.",
        "procedure": SimpleNamespace(name="LGSCO Complaint Handling Code"),
        "response_reasons": "Policy 4.2 requires a reply within 10 days.",
    }
    data.update(overrides)
    return SimpleNamespace(**data)


REMEDIES = [
    SimpleNamespace(
        get_type_display="Financial remedy",
        amount=Decimal("150.00"),
        due=REMEDY_DUE,
        description="A payment for the time and trouble.",
    ),
    SimpleNamespace(
        get_type_display="Apology", amount=None, due=None, description="We apologise."
    ),
]
ACTIONS = [SimpleNamespace(description="Train the SEND team", due=ACTION_DUE)]


def _context(kind: str, **overrides: Any) -> dict[str, Any]:
    context = {
        "kind": kind,
        "title": letters.LETTER_KINDS[kind],
        "council": SimpleNamespace(name="Exampleshire Council"),
        "case": _case(),
        "stage": _stage(),
        "is_complaint": True,
        "ombudsman": letters.OMBUDSMAN_CONTACTS[Ombudsman.LGSCO],
        "next_stage": 2,
        "escalation_deadline": ESCALATION_DEADLINE,
        "remedies": REMEDIES,
        "actions": ACTIONS,
        "missing": [],
    }
    context.update(overrides)
    return context


def samples() -> dict[str, dict[str, Any]]:
    """One context per branch of the letter templates."""
    return {
        "acknowledgement": _context("acknowledgement"),
        "acknowledgement-stage-2": _context(
            "acknowledgement", stage=_stage(number=2, handler=None)
        ),
        "acknowledgement-compliment": _context(
            "acknowledgement",
            is_complaint=False,
            case=_case(
                representative_name="",
                contact_name="",
                contact_address="",
                outcome_sought="",
            ),
            stage=_stage(get_kind_display="Compliment", effective_due=None),
        ),
        "extension": _context("extension"),
        "not-accepted": _context(
            "not-accepted", ombudsman=letters.OMBUDSMAN_CONTACTS[Ombudsman.HO]
        ),
        "escalation-refused": _context(
            "escalation-refused", ombudsman=letters.OMBUDSMAN_CONTACTS[Ombudsman.PSOW]
        ),
        "response": _context(
            "response",
            missing=[
                gettext_lazy("the reasons for the decision"),
                gettext_lazy("what the remedy is"),
            ],
        ),
        "response-no-deadline": _context(
            "response",
            escalation_deadline=None,
            stage=_stage(procedure=None, handler=None),
        ),
        "response-final": _context(
            "response",
            next_stage=None,
            escalation_deadline=None,
            remedies=[],
            actions=[],
            ombudsman=letters.OMBUDSMAN_CONTACTS[Ombudsman.NIPSO],
        ),
    }


def data_values(context: dict[str, Any]) -> list[str]:
    """Text a letter copies from the case and the council, longest first."""
    case, stage = context["case"], context["stage"]
    values = [
        context["council"].name,
        case.reference,
        case.contact_name,
        case.representative_name,
        *case.contact_address.splitlines(),
        case.outcome_sought,
        str(stage.handler or ""),
        stage.understanding,
        stage.extension_reason,
        stage.refusal_reason,
        stage.refusal_details,
        stage.escalation_refusal_reason,
        stage.escalation_refusal_details,
        stage.response_reasons,
        stage.get_kind_display,
        stage.get_kind_display.lower(),
        stage.get_outcome_display.lower(),
        stage.procedure.name if stage.procedure else "",
    ]
    for remedy in context["remedies"]:
        values += [remedy.get_type_display, remedy.description]
    values += [item.description for item in context["actions"]]
    ombudsman = context["ombudsman"]
    values += [ombudsman.website, ombudsman.telephone, ombudsman.address]
    return sorted({value for value in values if value}, key=len, reverse=True)
