"""The three journeys: their question pages, in order, and the answers kept in the session.

Each journey's answers live in the session under its own key until it is sent; nothing is
stored in the database before the resident presses "Send".
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext_lazy as _

from putright.public import forms as public_forms

SESSION_KEY = "public_journeys"


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.Form]
    title: Any
    applies: Callable[[dict[str, Any]], bool] = lambda answers: True


def _not_myself(answers: dict[str, Any]) -> bool:
    return answers.get("who", {}).get("who", "myself") != "myself"


@dataclass(frozen=True)
class Journey:
    slug: str
    kind: str
    title: Any
    steps: tuple[Step, ...]

    def step(self, slug: str) -> Step | None:
        return next((step for step in self.steps if step.slug == slug), None)

    def applicable(self, answers: dict[str, Any]) -> list[Step]:
        return [step for step in self.steps if step.applies(answers)]

    def first_unanswered(self, answers: dict[str, Any]) -> Step | None:
        return next(
            (step for step in self.applicable(answers) if step.slug not in answers),
            None,
        )

    def previous(self, slug: str, answers: dict[str, Any]) -> Step | None:
        steps = self.applicable(answers)
        for index, step in enumerate(steps):
            if step.slug == slug:
                return steps[index - 1] if index else None
        return None


JOURNEYS: dict[str, Journey] = {
    "complaint": Journey(
        slug="complaint",
        kind="complaint",
        title=_("Make a complaint"),
        steps=(
            Step("service", public_forms.ServiceForm, _("Which service is it about?")),
            Step("what-happened", public_forms.WhatHappenedForm, _("What happened?")),
            Step(
                "put-right",
                public_forms.PutRightForm,
                _("What would put things right?"),
            ),
            Step("who", public_forms.WhoForm, _("Who is making the complaint?")),
            Step(
                "person",
                public_forms.PersonForm,
                _("Who is the complaint about?"),
                _not_myself,
            ),
            Step("contact", public_forms.ContactForm, _("Your contact details")),
            Step(
                "adjustments",
                public_forms.AdjustmentsForm,
                _("Do you need anything to help you take part?"),
            ),
            Step(
                "documents",
                public_forms.DocumentsForm,
                _("Do you want to send any documents?"),
            ),
            Step(
                "equality",
                public_forms.EqualityForm,
                _("Equality monitoring (optional)"),
            ),
        ),
    ),
    "compliment": Journey(
        slug="compliment",
        kind="compliment",
        title=_("Pay a compliment"),
        steps=(
            Step("service", public_forms.ServiceForm, _("Which service is it about?")),
            Step("message", public_forms.MessageForm, _("Your compliment")),
            Step("contact", public_forms.OptionalContactForm, _("Your details")),
        ),
    ),
    "comment": Journey(
        slug="comment",
        kind="comment",
        title=_("Leave a comment or suggestion"),
        steps=(
            Step("service", public_forms.ServiceForm, _("Which service is it about?")),
            Step("message", public_forms.MessageForm, _("Your comment")),
            Step("contact", public_forms.OptionalContactForm, _("Your details")),
        ),
    ),
}


def answers_get(session: SessionBase, journey: Journey) -> dict[str, Any]:
    return dict(session.get(SESSION_KEY, {}).get(journey.slug, {}).get("answers", {}))


def _store(session: SessionBase, journey: Journey, entry: dict[str, Any]) -> None:
    journeys = dict(session.get(SESSION_KEY, {}))
    journeys[journey.slug] = entry
    session[SESSION_KEY] = journeys


def answers_save(
    session: SessionBase, journey: Journey, step: Step, data: dict[str, Any]
) -> None:
    entry = dict(session.get(SESSION_KEY, {}).get(journey.slug, {}))
    answers = dict(entry.get("answers", {}))
    answers[step.slug] = data
    entry["answers"] = answers
    # Changing an answer after the token was issued issues a new one on the check page.
    entry.pop("token", None)
    _store(session, journey, entry)


def journey_key(session: SessionBase, journey: Journey) -> str:
    """The random key tying this journey's pending documents to this session."""
    entry = dict(session.get(SESSION_KEY, {}).get(journey.slug, {}))
    if not entry.get("uploads"):
        entry["uploads"] = secrets.token_urlsafe(24)
        _store(session, journey, entry)
    return str(entry["uploads"])


def documents_get(session: SessionBase, journey: Journey) -> list[dict[str, Any]]:
    """The documents chosen so far: [{"id", "name", "size"}], in the order added."""
    return list(answers_get(session, journey).get("documents", {}).get("files", []))


def token_issue(session: SessionBase, journey: Journey) -> str:
    """The one-time token of this set of answers (the same one until they change)."""
    entry = dict(session.get(SESSION_KEY, {}).get(journey.slug, {}))
    if not entry.get("token"):
        entry["token"] = secrets.token_urlsafe(32)
        _store(session, journey, entry)
    return str(entry["token"])


def journey_finish(session: SessionBase, journey: Journey, reference: str) -> None:
    """Forget the answers; remember the reference for the confirmation page."""
    _store(session, journey, {"answers": {}, "sent": reference})


def sent_reference(session: SessionBase, journey: Journey) -> str | None:
    return session.get(SESSION_KEY, {}).get(journey.slug, {}).get("sent")
