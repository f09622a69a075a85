"""The public front door: no sign-in, no staff views, and nothing stored before "Send"."""

from __future__ import annotations

import copy
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from putright.complaints.models import Stage
from putright.organisation.models import Council
from putright.public import journey as journeys
from putright.public.forms import SubmitForm
from putright.public.models import FrontDoorContact
from putright.public.services import (
    SubmissionRefused,
    public_submission_reference,
    public_submission_send,
    service_choices,
)
from putright.public.summary import summary_rows
from putright.signin.throttle import client_address


def _journey(slug: str) -> journeys.Journey:
    journey = journeys.JOURNEYS.get(slug)
    if journey is None:
        raise Http404
    return journey


def _form(step: journeys.Step, data: Any = None, initial: Any = None) -> Any:
    kwargs: dict[str, Any] = {"data": data, "initial": initial}
    if step.slug == "service":
        kwargs["choices"] = service_choices()
    return step.form(**kwargs)


def _render(
    request: HttpRequest,
    template: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Every public page can say how else to reach the complaints team, and names the
    council, in the page's language (the Welsh text on Welsh pages, where there is some)."""
    context = {
        "contact": FrontDoorContact.load().in_language(translation.get_language()),
        "council": _council_named(translation.get_language()),
        **(context or {}),
    }
    return render(request, template, context, status=status)


def _council_named(language: str) -> Council | None:
    council = Council.current()
    if council is None or council.name_in(language) == council.name:
        return council
    named = copy.copy(council)  # for display only: never saved
    named.name = council.name_in(language)
    return named


def start(request: HttpRequest) -> HttpResponse:
    return _render(request, "public/start.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return _render(request, "public/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return _render(request, "public/accessibility.html")


def journey_start(request: HttpRequest, journey: str) -> HttpResponse:
    current = _journey(journey)
    return redirect("public:question", journey=current.slug, step=current.steps[0].slug)


@never_cache
def question(request: HttpRequest, journey: str, step: str) -> HttpResponse:
    current = _journey(journey)
    answers = journeys.answers_get(request.session, current)
    this = current.step(step)
    if this is None or not this.applies(answers):
        raise Http404
    first_gap = current.first_unanswered(answers)
    applicable = current.applicable(answers)
    if first_gap is not None and applicable.index(first_gap) < applicable.index(this):
        return redirect("public:question", journey=current.slug, step=first_gap.slug)
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = _form(this, data=request.POST)
        if form.is_valid():
            journeys.answers_save(request.session, current, this, form.cleaned_data)
            return redirect(_next_url(current, this, request.session, changing))
    else:
        form = _form(this, initial=answers.get(this.slug))
    previous = current.previous(this.slug, answers)
    back = (
        reverse("public:check", args=[current.slug])
        if changing
        else reverse("public:question", args=[current.slug, previous.slug])
        if previous
        else reverse("public:start")
    )
    return _render(
        request,
        "public/question.html",
        {"journey": current, "step": this, "form": form, "back_url": back},
    )


def _next_url(
    current: journeys.Journey, this: journeys.Step, session: Any, changing: bool
) -> str:
    answers = journeys.answers_get(session, current)
    gap = current.first_unanswered(answers)
    if gap is not None:
        suffix = "?change=1" if changing else ""
        return reverse("public:question", args=[current.slug, gap.slug]) + suffix
    if changing:
        return reverse("public:check", args=[current.slug])
    steps = current.applicable(answers)
    index = steps.index(this)
    if index + 1 < len(steps):
        return reverse("public:question", args=[current.slug, steps[index + 1].slug])
    return reverse("public:check", args=[current.slug])


@never_cache
def check(request: HttpRequest, journey: str) -> HttpResponse:
    current = _journey(journey)
    answers = journeys.answers_get(request.session, current)
    if request.method == "POST":
        return _send(request, current, answers)
    gap = current.first_unanswered(answers)
    if gap is not None:
        if journeys.sent_reference(request.session, current):
            return redirect("public:sent", journey=current.slug)
        return redirect("public:question", journey=current.slug, step=gap.slug)
    return _check_page(request, current, answers)


def _check_page(
    request: HttpRequest,
    current: journeys.Journey,
    answers: dict[str, Any],
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return _render(
        request,
        "public/check.html",
        {
            "journey": current,
            "rows": summary_rows(current, answers),
            "token": journeys.token_issue(request.session, current),
            "error": error,
        },
        status=status,
    )


def _send(
    request: HttpRequest, current: journeys.Journey, answers: dict[str, Any]
) -> HttpResponse:
    form = SubmitForm(data=request.POST)
    if not form.is_valid():
        return _check_page(
            request,
            current,
            answers,
            _("The form could not be sent. Check your answers and press Send again."),
            400,
        )
    token = form.cleaned_data["token"]
    reference = public_submission_reference(token)
    if reference is None and current.first_unanswered(answers) is not None:
        # The session ended, or these answers were already sent and forgotten.
        return redirect("public:journey_start", journey=current.slug)
    if reference is None and form.cleaned_data["website"]:
        return _check_page(
            request,
            current,
            answers,
            _(
                "The form could not be sent because a hidden field meant for "
                "programs was filled in. Clear it, or telephone the council."
            ),
            400,
        )
    if reference is None:
        try:
            reference, _created = public_submission_send(
                journey=current,
                answers=answers,
                token=token,
                address=client_address(request),
                language=translation.get_language(),
            )
        except SubmissionRefused as refused:
            return _check_page(
                request, current, answers, refused.message, refused.status
            )
    journeys.journey_finish(request.session, current, reference)
    return redirect("public:sent", journey=current.slug)


@never_cache
def sent(request: HttpRequest, journey: str) -> HttpResponse:
    current = _journey(journey)
    reference = journeys.sent_reference(request.session, current)
    if not reference:
        return redirect("public:journey_start", journey=current.slug)
    stage = (
        Stage.objects.filter(case__reference=reference, number=1)
        .only("acknowledge_due", "due")
        .first()
    )
    return _render(
        request,
        "public/sent.html",
        {"journey": current, "reference": reference, "stage": stage},
    )


def follow(request: HttpRequest, token: str) -> HttpResponse:
    """The complainant's page for following their case (built next)."""
    raise Http404
