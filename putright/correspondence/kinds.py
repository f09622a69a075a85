"""The kinds of letter and notice, who each goes to, and the words a council starts with.

Each kind has a default subject and body (marked for translation, so a Welsh letter starts
from the Welsh catalogue) written in the placeholder language of `placeholders.py`, and the
placeholders it may use and must use. The council edits its own copy (`LetterTemplate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    EXTENSION = "extension", _("Extension")
    RESPONSE = "response", _("Stage response")
    ESCALATION_ACKNOWLEDGEMENT = (
        "escalation_acknowledgement",
        _("Escalation acknowledgement"),
    )
    ALLOCATION = "allocation", _("Allocation notice")
    APPROVAL_REQUEST = "approval_request", _("Approval request")
    APPROVAL_DECISION = "approval_decision", _("Approval decision")


class Audience(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    STAFF = "staff", _("Staff")


# Placeholders every letter to the complainant may use, with what each holds.
COMPLAINANT_PLACEHOLDERS = {
    "council": _("the council's name"),
    "reference": _("the case reference"),
    "name": _("the name the letter is addressed to (Sir or Madam when none)"),
    "stage": _("the stage number"),
    "date": _("the date of the letter"),
    "officer": _("the officer handling the stage (the complaints team when none)"),
    "officer_contact": _("how to reach the officer: email address"),
    "contact_name": _(
        "who to contact, within a sentence: the officer, or the complaints team"
    ),
}
STAFF_PLACEHOLDERS = {
    "council": _("the council's name"),
    "reference": _("the case reference"),
    "stage": _("the stage number"),
    "link": _("the link to the case page"),
}


@dataclass(frozen=True)
class KindSpec:
    audience: str
    title: Promise
    subject: Promise
    paragraphs: tuple[Promise, ...]
    placeholders: dict[str, Promise]
    # The letterhead of every letter carries the reference; a notice's body must.
    required: frozenset[str]

    def default_body(self) -> str:
        return "\n\n".join(str(p) for p in self.paragraphs)


_SIGN_OFF = (
    _("Yours sincerely,"),
    _("((officer))\n((council))"),
)
_CONTACT = _("You can contact ((contact_name)) at ((officer_contact)).")

SPECS: dict[str, KindSpec] = {
    LetterKind.ACKNOWLEDGEMENT: KindSpec(
        Audience.COMPLAINANT,
        _("Acknowledgement letter"),
        _("We have received your complaint: ((reference))"),
        (
            _("Dear ((name)),"),
            _("# Your complaint"),
            _(
                "Thank you for contacting ((council)). We received your complaint on "
                "((received)) and have given it the reference ((reference))."
            ),
            _("# Our understanding of your complaint"),
            _("((understanding))"),
            _("You told us you would like this outcome: ((outcome_sought))"),
            _("If we have misunderstood anything, please tell us as soon as you can."),
            _("# What happens next"),
            _("We will send you our full response by ((due))."),
            _CONTACT,
            _("You can see where your complaint stands online: ((follow_link))"),
            *_SIGN_OFF,
        ),
        {
            **COMPLAINANT_PLACEHOLDERS,
            "received": _("the date the complaint was received"),
            "understanding": _(
                "the council's understanding, written for the complainant"
            ),
            "outcome_sought": _("what the complainant would like to happen (optional)"),
            "due": _("the date the response is due"),
            "follow_link": _("the link to follow the case online (email only)"),
        },
        frozenset({"understanding", "due"}),
    ),
    LetterKind.ESCALATION_ACKNOWLEDGEMENT: KindSpec(
        Audience.COMPLAINANT,
        _("Escalation acknowledgement letter"),
        _("Your complaint at stage ((stage)): ((reference))"),
        (
            _("Dear ((name)),"),
            _("# Your complaint: stage ((stage))"),
            _(
                "We received your request on ((received)) to take your complaint to "
                "stage ((stage)) of our complaints procedure. Someone who did not deal "
                "with it at stage ((previous_stage)) will look at it again."
            ),
            _("# What we will look at"),
            _("((understanding))"),
            _("If we have misunderstood anything, please tell us as soon as you can."),
            _("# What happens next"),
            _("We will send you our stage ((stage)) response by ((due))."),
            _CONTACT,
            _("You can see where your complaint stands online: ((follow_link))"),
            *_SIGN_OFF,
        ),
        {
            **COMPLAINANT_PLACEHOLDERS,
            "received": _("the date the request was received"),
            "previous_stage": _("the number of the stage before"),
            "understanding": _("the matters the stage will consider"),
            "due": _("the date the response is due"),
            "follow_link": _("the link to follow the case online (email only)"),
        },
        frozenset({"stage", "understanding", "due"}),
    ),
    LetterKind.EXTENSION: KindSpec(
        Audience.COMPLAINANT,
        _("Extension letter"),
        _("We need more time to respond to your complaint: ((reference))"),
        (
            _("Dear ((name)),"),
            _("# We need more time to respond to your complaint"),
            _(
                "We told you we would respond by ((previous_due)). We are sorry, but "
                "we need more time."
            ),
            _("# Why we need more time"),
            _("((reason))"),
            _("We will now respond by ((new_due))."),
            _CONTACT,
            _("# If you are unhappy with the delay"),
            _("You can contact the Ombudsman:"),
            _("((ombudsman))"),
            *_SIGN_OFF,
        ),
        {
            **COMPLAINANT_PLACEHOLDERS,
            "previous_due": _("the date the response was due before"),
            "new_due": _("the new date"),
            "reason": _("the reason for the extension, written for the complainant"),
            "ombudsman": _("the Ombudsman's name, website, telephone and address"),
        },
        frozenset({"new_due", "reason", "ombudsman"}),
    ),
    LetterKind.RESPONSE: KindSpec(
        Audience.COMPLAINANT,
        _("Stage response letter"),
        _("Our stage ((stage)) response to your complaint: ((reference))"),
        (
            _("Dear ((name)),"),
            _("# Our stage ((stage)) response to your complaint"),
            _("This is our response at stage ((stage)) of the ((procedure))."),
            _("# Your complaint"),
            _("((understanding))"),
            _("# Our decision"),
            _("((decision))"),
            _("# Our reasons"),
            _("((reasons))"),
            _("# Putting things right"),
            _("((earlier_remedies))"),
            _("((remedies))"),
            _("# Outstanding actions"),
            _("((actions))"),
            _("# If you are not satisfied"),
            _("((next_step))"),
            _CONTACT,
            *_SIGN_OFF,
        ),
        {
            **COMPLAINANT_PLACEHOLDERS,
            "procedure": _("the name of the complaints procedure"),
            "understanding": _("the complaint as understood"),
            "decision": _("the decision, as a sentence"),
            "reasons": _("the reasons for the decision"),
            "earlier_remedies": _("what earlier stages agreed to put right (if any)"),
            "remedies": _("the remedies offered at this stage, with dates"),
            "actions": _("outstanding actions with their dates (if any)"),
            "next_step": _(
                "how to escalate, or the Ombudsman's details at the final stage"
            ),
        },
        frozenset(
            {
                "stage",
                "understanding",
                "decision",
                "reasons",
                "remedies",
                "next_step",
                "officer",
            }
        ),
    ),
    LetterKind.ALLOCATION: KindSpec(
        Audience.STAFF,
        _("Allocation notice"),
        _("Case allocated to you: ((reference))"),
        (
            _("Case ((reference)), stage ((stage)), has been allocated to you."),
            _("Acknowledge by: ((acknowledge_due))"),
            _("Respond by: ((due))"),
            _("((link))"),
        ),
        {
            **STAFF_PLACEHOLDERS,
            "acknowledge_due": _(
                "the date to acknowledge by (if not yet acknowledged)"
            ),
            "due": _("the date the response is due"),
        },
        frozenset({"reference", "link"}),
    ),
    LetterKind.APPROVAL_REQUEST: KindSpec(
        Audience.STAFF,
        _("Approval request"),
        _("Response awaiting your approval: ((reference))"),
        (
            _(
                "The stage ((stage)) response on case ((reference)) is awaiting "
                "approval. It was sent for approval by ((requested_by))."
            ),
            _("Respond by: ((due))"),
            _("((link))"),
        ),
        {
            **STAFF_PLACEHOLDERS,
            "requested_by": _("who asked for approval"),
            "due": _("the date the response is due"),
        },
        frozenset({"reference", "link"}),
    ),
    LetterKind.APPROVAL_DECISION: KindSpec(
        Audience.STAFF,
        _("Approval decision"),
        _("Response ((decision)): ((reference))"),
        (
            _("The stage ((stage)) response on case ((reference)) was ((decision))."),
            _("((link))"),
        ),
        {
            **STAFF_PLACEHOLDERS,
            "decision": _("approved, or returned for changes"),
        },
        frozenset({"reference", "decision", "link"}),
    ),
}


def spec_for(kind: str) -> KindSpec:
    return SPECS[LetterKind(kind)]
