"""The public front door: no sign-in, no staff views, and nothing stored before "Send"."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from putright.audit.constants import ReadKind
from putright.audit.services import audit_read
from putright.complaints import follow, letters, lifecycle, services
from putright.complaints.constants import Outcome
from putright.complaints.models import Case, Stage
from putright.complaints.services.intake import PUBLIC_ACTOR
from putright.core.errors import ServiceError
from putright.correspondence.kinds import spec_for
from putright.correspondence.selectors import (
    letter_for_complainant,
    letters_for_complainant,
)
from putright.organisation.models import Council
from putright.public import journey as journeys
from putright.public.forms import (
    FollowAddForm,
    FollowReviewForm,
    FreshLinkForm,
    SubmitForm,
)
from putright.public.models import FrontDoorContact
from putright.public.services import (
    SubmissionRefused,
    follow_information_add,
    follow_link_request,
    pending_upload_remove,
    pending_uploads_add,
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


def _form(
    step: journeys.Step, data: Any = None, initial: Any = None, files: Any = None
) -> Any:
    kwargs: dict[str, Any] = {"data": data, "initial": initial, "files": files}
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
        form = _form(this, data=request.POST, files=request.FILES)
        if form.is_valid() and _answer_save(request, current, this, form):
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
        {
            "journey": current,
            "step": this,
            "form": form,
            "back_url": back,
            "documents": journeys.documents_get(request.session, current),
        },
    )


def _answer_save(
    request: HttpRequest, current: journeys.Journey, this: journeys.Step, form: Any
) -> bool:
    """Keep the answer in the session; documents are kept as pending uploads first."""
    data = form.cleaned_data
    if this.slug == "documents":
        chosen = journeys.documents_get(request.session, current)
        try:
            added = pending_uploads_add(
                journey_key=journeys.journey_key(request.session, current),
                uploads=data["documents"],
                already=len(chosen),
            )
        except SubmissionRefused as refused:
            form.add_service_error(refused)
            return False
        data = {
            "files": chosen
            + [
                {"id": row.pk, "name": row.original_name, "size": row.size}
                for row in added
            ]
        }
    journeys.answers_save(request.session, current, this, data)
    return True


@require_POST
def document_remove(request: HttpRequest, journey: str) -> HttpResponse:
    """Remove a document chosen on the complaint form (check answers or its own page)."""
    current = _journey(journey)
    step = current.step("documents")
    if step is None:
        raise Http404
    chosen = journeys.documents_get(request.session, current)
    wanted = request.POST.get("document", "")
    if wanted.isdigit():
        pending_upload_remove(
            journey_key=journeys.journey_key(request.session, current), pk=int(wanted)
        )
        chosen = [entry for entry in chosen if str(entry["id"]) != wanted]
        journeys.answers_save(request.session, current, step, {"files": chosen})
    if request.POST.get("next") == "check":
        return redirect("public:check", journey=current.slug)
    return redirect("public:question", journey=current.slug, step=step.slug)


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
            "documents": answers.get("documents", {}).get("files", []),
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
                journey_key=journeys.journey_key(request.session, current),
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


# Following a case: the complainant's page behind a signed, expiring link (no account).

# The decision of a stage, in the complainant's words.
OUTCOME_WORDS: dict[str, Any] = {
    Outcome.UPHELD: gettext_lazy("We found that we got things wrong"),
    Outcome.PARTLY_UPHELD: gettext_lazy("We found that we got some things wrong"),
    Outcome.NOT_UPHELD: gettext_lazy("We found that we did not get things wrong"),
    Outcome.WITHDRAWN: gettext_lazy("You withdrew the complaint"),
    Outcome.REFUSED: gettext_lazy("We could not accept the complaint"),
    Outcome.OUT_OF_JURISDICTION: gettext_lazy(
        "The complaint was about something the council's complaints procedure "
        "cannot look into"
    ),
    Outcome.OTHER: gettext_lazy("We sent you our answer"),
}


_Response = TypeVar("_Response", HttpResponse, FileResponse)


def _private(response: _Response) -> _Response:
    """Follow pages: never cached, never indexed, the link never sent to another site as a referrer (a POST still needs its Origin)."""
    patch_cache_control(response, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def letters_sent(case: Case, token: str) -> list[dict[str, Any]]:
    """The letters sent to the complainant, newest first, for `public/_letters.html`."""
    return [
        {
            "title": spec_for(letter.kind).title,
            "sent_on": timezone.localdate(letter.sent_at) if letter.sent_at else None,
            "url": reverse("public:follow_letter", args=[token, letter.pk])
            if letter.pdf
            else "",
        }
        for letter in letters_for_complainant(case)
    ]


@never_cache
@require_GET
def follow_letter(
    request: HttpRequest, token: str, pk: int
) -> HttpResponse | FileResponse:
    """A letter the complainant was sent, as the PDF they received."""
    case = follow.case_for_token(token)
    if case is None:
        return _follow_expired(request)
    letter = letter_for_complainant(case, pk)
    if letter is None or not letter.pdf:
        raise Http404
    audit_read(
        user=PUBLIC_ACTOR,
        kind=ReadKind.LETTER_DOWNLOADED,
        target=letter.stage,
        case=case,
        details={"letter": letter.kind, "format": "pdf"},
    )
    response = FileResponse(
        letter.pdf.open("rb"),
        as_attachment=True,
        filename=f"{letter.file_stem}.pdf",
        content_type="application/pdf",
    )
    return _private(response)


def _stage_rows(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "stage": stage,
            "answer": OUTCOME_WORDS.get(stage.outcome, OUTCOME_WORDS[Outcome.OTHER])
            if stage.responded
            else None,
        }
        for stage in case.stages.select_related("procedure").order_by("number")
    ]


def _follow_page(
    request: HttpRequest,
    case: Case,
    token: str,
    *,
    add_form: Any = None,
    review_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    rows = _stage_rows(case)
    current = rows[-1]["stage"]
    offer = services.stage_review_offer(case)
    audit_read(
        user=PUBLIC_ACTOR, kind=ReadKind.FOLLOW_PAGE_VIEWED, target=case, case=case
    )
    progress = lifecycle.complainant_progress(
        status=current.status, number=current.number, case_closed=case.is_closed
    )
    response = _render(
        request,
        "public/follow.html",
        {
            "case": case,
            "token": token,
            "progress": progress,
            "progress_label": lifecycle.PROGRESS_LABELS[progress],
            "current": current,
            "due": current.effective_due if current.is_open else None,
            "acknowledge_due": current.acknowledge_due
            if lifecycle.awaits_acknowledgement(current.status)
            else None,
            "rows": rows,
            "letters": letters_sent(case, token),
            "offer": offer,
            "ombudsman": letters.ombudsman_for(current),
            "add_form": add_form or FollowAddForm(),
            "review_form": review_form or FollowReviewForm(),
            "done": request.GET.get("done", ""),
            "link_days": follow.link_days(),
        },
        status=status,
    )
    return _private(response)


def _follow_expired(request: HttpRequest) -> HttpResponse:
    return _private(_render(request, "public/follow_expired.html", status=404))


@never_cache
@require_GET
def follow_case(request: HttpRequest, token: str) -> HttpResponse:
    """Where the complainant's case stands, what we sent, and what they can do next."""
    case = follow.case_for_token(token)
    if case is None:
        return _follow_expired(request)
    return _follow_page(request, case, token)


@never_cache
@require_POST
def follow_add(request: HttpRequest, token: str) -> HttpResponse:
    case = follow.case_for_token(token)
    if case is None:
        return _follow_expired(request)
    form = FollowAddForm(data=request.POST, files=request.FILES)
    if form.is_valid():
        try:
            follow_information_add(
                case=case,
                text=form.cleaned_data["text"],
                uploads=form.cleaned_data["documents"],
                address=client_address(request),
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            return _private(redirect(_follow_done(token, "added")))
    return _follow_page(request, case, token, add_form=form, status=400)


@never_cache
@require_POST
def follow_review(request: HttpRequest, token: str) -> HttpResponse:
    case = follow.case_for_token(token)
    if case is None:
        return _follow_expired(request)
    form = FollowReviewForm(data=request.POST)
    if form.is_valid():
        try:
            services.stage_escalation_request_public(
                case=case, reasons=form.cleaned_data["reasons"]
            )
        except services.CaseworkError as error:
            form.add_service_error(error)
        else:
            return _private(redirect(_follow_done(token, "review")))
    return _follow_page(request, case, token, review_form=form, status=400)


def _follow_done(token: str, what: str) -> str:
    return reverse("public:follow", args=[token]) + f"?done={what}#top"


@never_cache
def follow_request(request: HttpRequest) -> HttpResponse:
    """Ask for a fresh follow link with the reference and the email address."""
    form = FreshLinkForm(data=request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            follow_link_request(
                reference=form.cleaned_data["reference"],
                email=form.cleaned_data["email"],
                address=client_address(request),
            )
        except SubmissionRefused as refused:
            error, status = refused.message, refused.status
        else:
            return redirect("public:follow_asked")
    elif request.method == "POST":
        status = 400
    return _private(
        _render(
            request,
            "public/follow_request.html",
            {"form": form, "error": error},
            status=status,
        )
    )


@never_cache
def follow_asked(request: HttpRequest) -> HttpResponse:
    """The one answer to every fresh-link request, whether or not the details matched."""
    return _private(_render(request, "public/follow_asked.html"))
