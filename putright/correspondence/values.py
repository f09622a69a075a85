"""The values a letter's placeholders are filled with, from the case and its stages.

Only what is meant for the letter is handed in: the council's understanding written for the
complainant (never the staff summary or notes), the decision, the reasons, the remedies.
Call inside `translation.override(language)`: dates, labels and sentences follow it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext

from putright.complaints import letters as complaint_letters
from putright.complaints import lifecycle
from putright.complaints.constants import Family, Language, Outcome, RemedyType
from putright.complaints.follow import follow_url
from putright.complaints.models import Remedy, Stage
from putright.core.presentation import long_date, money
from putright.correspondence.kinds import LetterKind
from putright.correspondence.placeholders import Block, Value
from putright.organisation.models import Council

# The extension service appends the officer's justification for passing the procedure's
# cap to the reason; that is for the record and the reports, not for the letter.
GOOD_REASON_MARKER = "\nGood reason for exceeding the limit:"


def _base_url() -> str:
    return getattr(settings, "PUTRIGHT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def _person(user: Any) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.username


def _common(stage: Stage) -> dict[str, Value]:
    from django.utils import timezone

    case = stage.case
    handler = stage.handler
    officer = _person(handler) or gettext("The complaints team")
    contact = (handler.email if handler is not None else "") or getattr(
        settings, "PUTRIGHT_COMPLAINTS_EMAIL", settings.DEFAULT_FROM_EMAIL
    )
    return {
        "council": Council.load().name_in(get_language()),
        "reference": case.reference,
        "name": case.representative_name
        or case.contact_name
        or gettext("Sir or Madam"),
        "stage": str(stage.number),
        "date": long_date(timezone.localdate()),
        "officer": officer,
        "officer_contact": contact,
        "contact_name": _person(handler) or gettext("the complaints team"),
    }


def ombudsman_blocks(stage: Stage) -> list[Block]:
    contact = complaint_letters.ombudsman_for(stage)
    return [
        Block(
            "paragraph",
            (
                str(contact.name),
                gettext("Website: %(website)s") % {"website": contact.website},
                gettext("Telephone: %(telephone)s") % {"telephone": contact.telephone},
                gettext("Post: %(address)s") % {"address": contact.address},
            ),
        )
    ]


def _remedy_line(remedy: Remedy) -> str:
    label = str(RemedyType(remedy.type).label)
    if remedy.amount:
        label = gettext("%(remedy)s of %(amount)s") % {
            "remedy": label,
            "amount": money(remedy.amount),
        }
    if remedy.delivered_on:
        return gettext("%(remedy)s (done on %(date)s)") % {
            "remedy": label,
            "date": long_date(remedy.delivered_on),
        }
    if remedy.due:
        return gettext("%(remedy)s, by %(date)s") % {
            "remedy": label,
            "date": long_date(remedy.due),
        }
    return label


def _remedy_blocks(remedies: list[Remedy]) -> list[Block]:
    blocks = [Block("list", tuple(_remedy_line(r) for r in remedies))]
    described = [r.description.strip() for r in remedies if r.description.strip()]
    if described:
        blocks.append(Block("paragraph", tuple(dict.fromkeys(described))))
    return blocks


def earlier_remedies(stage: Stage) -> list[Block]:
    """What earlier stages agreed to put right: a later letter never contradicts it."""
    blocks: list[Block] = []
    earlier = Stage.objects.filter(case_id=stage.case_id, number__lt=stage.number)
    for previous in earlier.order_by("number"):
        remedies = list(previous.remedies.all())
        if not remedies:
            continue
        blocks.append(
            Block(
                "paragraph",
                (
                    gettext(
                        "At stage %(number)s we found that things had gone wrong and "
                        "agreed to put them right:"
                    )
                    % {"number": previous.number},
                ),
            )
        )
        blocks += _remedy_blocks(remedies)
        blocks.append(
            Block(
                "paragraph",
                (gettext("That still stands: this letter does not change it."),),
            )
        )
    return blocks


def _decision(stage: Stage) -> str:
    sentences: dict[str, str] = {
        Outcome.UPHELD: gettext("We have upheld your complaint."),
        Outcome.PARTLY_UPHELD: gettext("We have upheld part of your complaint."),
        Outcome.NOT_UPHELD: gettext("We have not upheld your complaint."),
    }
    return sentences.get(stage.outcome, "")


def _stage_remedies(stage: Stage, has_earlier: bool) -> list[Block]:
    remedies = list(stage.remedies.all())
    if remedies:
        intro = gettext("To put things right, we are offering:")
        return [Block("paragraph", (intro,)), *_remedy_blocks(remedies)]
    if has_earlier:
        text = gettext("We are not offering anything further at this stage.")
    elif stage.outcome == Outcome.NOT_UPHELD:
        text = gettext("As we have not found fault, we are not offering a remedy.")
    else:
        return []
    return [Block("paragraph", (text,))]


def _actions(stage: Stage) -> list[Block]:
    items = stage.learning_actions.filter(
        status__in=lifecycle.LEARNING_OPEN_STATUSES, due__isnull=False
    )
    lines = tuple(
        gettext("%(action)s (by %(date)s)")
        % {"action": item.description.strip(), "date": long_date(item.due)}
        for item in items
        if item.description.strip() and item.due is not None
    )
    return [Block("list", lines)] if lines else []


def _next_step(stage: Stage) -> list[Block]:
    number = complaint_letters.next_stage_number(stage)
    if number is not None:
        deadline = complaint_letters.escalation_deadline(stage)
        text = gettext(
            "You can ask us to look at your complaint again at stage %(number)s."
        ) % {"number": number}
        if deadline:
            text += " " + gettext("Please tell us by %(date)s.") % {
                "date": long_date(deadline)
            }
        text += " " + gettext(
            "You do not have to give reasons, but it helps us to know what you are "
            "still unhappy about."
        )
        return [Block("paragraph", (text,))]
    contact = complaint_letters.ombudsman_for(stage)
    final = gettext(
        "This is our final response. If you remain unhappy, you can ask the Ombudsman "
        "to look at your complaint. You should normally do this within %(limit)s of "
        "this letter."
    ) % {"limit": contact.time_limit}
    return [Block("paragraph", (final,)), *ombudsman_blocks(stage)]


def _procedure(stage: Stage) -> str:
    """The procedure's name; in Welsh its family's (a procedure has no Welsh name)."""
    if stage.procedure is None:
        return gettext("our complaints procedure")
    if get_language() == Language.WELSH:
        return str(Family(stage.procedure.family).label)
    return stage.procedure.name


def _response(stage: Stage) -> dict[str, Value]:
    earlier = earlier_remedies(stage)
    return {
        "procedure": _procedure(stage),
        "understanding": stage.understanding.strip(),
        "decision": _decision(stage),
        "reasons": stage.response_reasons.strip(),
        "earlier_remedies": earlier,
        "remedies": _stage_remedies(stage, bool(earlier)),
        "actions": _actions(stage),
        "next_step": _next_step(stage),
    }


def _acknowledgement(stage: Stage, channel: str) -> dict[str, Value]:
    case = stage.case
    due = stage.effective_due
    link = follow_url(case) if channel == "email" and case.contact_email else ""
    return {
        "received": long_date(stage.received),
        "understanding": stage.understanding.strip(),
        "outcome_sought": case.outcome_sought.strip() if stage.number == 1 else "",
        "due": long_date(due) if due else "",
        "previous_stage": str(stage.number - 1),
        "follow_link": link,
    }


def _extension(stage: Stage) -> dict[str, Value]:
    reason = stage.extension_reason.split(GOOD_REASON_MARKER, 1)[0].strip()
    return {
        "previous_due": long_date(stage.due) if stage.due else "",
        "new_due": long_date(stage.extended_to) if stage.extended_to else "",
        "reason": reason,
        "ombudsman": ombudsman_blocks(stage),
    }


def complainant_values(stage: Stage, kind: str, channel: str) -> dict[str, Value]:
    values = _common(stage)
    if kind in (LetterKind.ACKNOWLEDGEMENT, LetterKind.ESCALATION_ACKNOWLEDGEMENT):
        values.update(_acknowledgement(stage, channel))
    elif kind == LetterKind.EXTENSION:
        values.update(_extension(stage))
    elif kind == LetterKind.RESPONSE:
        values.update(_response(stage))
    return values


def staff_values(stage: Stage, kind: str, **extra: Any) -> dict[str, Value]:
    """References, dates and a link: no name, no words from the case."""
    link = _base_url() + reverse("complaints:case_detail", args=[stage.case.reference])
    due = stage.effective_due
    values: dict[str, Value] = {
        "council": Council.load().name_in(get_language()),
        "reference": stage.case.reference,
        "stage": str(stage.number),
        "link": link,
        "due": long_date(due) if due else "",
        "acknowledge_due": long_date(stage.acknowledge_due)
        if stage.acknowledge_due and stage.acknowledged is None
        else "",
    }
    values.update(extra)
    return values
