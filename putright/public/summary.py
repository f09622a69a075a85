"""The check-your-answers rows: each answer in words, with the page that changes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from putright.public import forms as public_forms
from putright.public.journey import Journey
from putright.public.models import EQUALITY_QUESTIONS
from putright.public.services import service_choices


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    change_url: str
    change_label: str


def _service_name(choice: str) -> str:
    return dict(service_choices()).get(choice, _("No longer listed"))


def _service(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_("Service"), _service_name(answer["service"]))]


def _what_happened(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_("What happened"), answer["what_happened"])]


def _put_right(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_("What would put things right"), answer["put_right"])]


def _who(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_("Who is complaining"), str(dict(public_forms.WHO_CHOICES)[answer["who"]]))
    ]


def _person(answer: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [(_("Person the complaint is about"), answer["person_name"])]
    if answer.get("relationship"):
        rows.append((_("Your relationship or organisation"), answer["relationship"]))
    rows.append((_("Their agreement"), _("They agree to the complaint")))
    return rows


def _contact(answer: dict[str, Any]) -> list[tuple[str, str]]:
    not_given = _("Not given")
    if "contact_by" not in answer:  # a compliment's or comment's optional details
        return [
            (_("Your name"), answer.get("full_name") or not_given),
            (_("Email address"), answer.get("email") or not_given),
        ]
    by = dict(public_forms.CONTACT_BY_CHOICES)[answer["contact_by"]]
    return [
        (_("Your name"), answer["full_name"]),
        (_("Email address"), answer.get("email") or not_given),
        (_("Telephone number"), answer.get("phone") or not_given),
        (_("Postal address"), answer.get("address") or not_given),
        (_("Contact by"), str(by)),
    ]


def _adjustments(answer: dict[str, Any]) -> list[tuple[str, str]]:
    labels = dict(public_forms.NEEDS_CHOICES)
    chosen = [str(labels[need]) for need in answer.get("needs", [])]
    rows = [(_("Help you need"), "\n".join(chosen) or _("None"))]
    if answer.get("details"):
        rows.append((_("More about what you need"), answer["details"]))
    return rows


def _documents(answer: dict[str, Any]) -> list[tuple[str, str]]:
    names = [entry["name"] for entry in answer.get("files", [])]
    return [(_("Documents"), "\n".join(names) or _("None"))]


def _message(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_("Your message"), answer["message"])]


def _equality(answer: dict[str, Any]) -> list[tuple[str, str]]:
    lines = []
    for name, choices in EQUALITY_QUESTIONS:
        if answer.get(name):
            lines.append(
                f"{public_forms.EQUALITY_LABELS[name]} {choices(answer[name]).label}"
            )
    return [(_("Equality monitoring"), "\n".join(lines) or _("Not answered"))]


# (question, answer) pairs of each page.
_VALUES: dict[str, Callable[[dict[str, Any]], list[tuple[str, str]]]] = {
    "service": _service,
    "what-happened": _what_happened,
    "put-right": _put_right,
    "who": _who,
    "person": _person,
    "contact": _contact,
    "adjustments": _adjustments,
    "documents": _documents,
    "message": _message,
    "equality": _equality,
}


def summary_rows(journey: Journey, answers: dict[str, Any]) -> list[Row]:
    rows = []
    for step in journey.applicable(answers):
        if step.slug not in answers:
            continue
        url = reverse("public:question", args=[journey.slug, step.slug]) + "?change=1"
        for key, value in _VALUES[step.slug](answers[step.slug]):
            rows.append(
                Row(key=key, value=value, change_url=url, change_label=key.lower())
            )
    return rows
