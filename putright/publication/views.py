"""The published-wording page for the complaints team: write, approve or withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from putright.accounts.policy import AuthenticatedHttpRequest, Capability, role_required
from putright.complaints.models import LearningAction, Stage
from putright.core.errors import ServiceError
from putright.ombudsman.models import OmbudsmanCase
from putright.publication import services
from putright.publication.forms import WordingForm
from putright.publication.models import PublishedText

Purpose = PublishedText.Purpose


def _source(purpose: str, pk: int) -> tuple[services.Source, str, str, Any]:
    """The record, its text as typed, where to go back to, and its case."""
    if purpose in (Purpose.CASE_SUMMARY, Purpose.COMPLIMENT_QUOTE):
        stage = get_object_or_404(Stage.objects.select_related("case"), pk=pk)
        return stage, stage.summary, stage.case.get_absolute_url(), stage.case
    if purpose == Purpose.LEARNING_EXAMPLE:
        action = get_object_or_404(
            LearningAction.objects.select_related("stage__case"), pk=pk
        )
        case = action.stage.case
        return action, action.description, case.get_absolute_url(), case
    if purpose == Purpose.OMBUDSMAN_FINDING:
        item = get_object_or_404(OmbudsmanCase, pk=pk)
        typed = "\n\n".join(t for t in (item.requirement, item.lessons) if t.strip())
        return item, typed, item.get_absolute_url(), item.case
    raise Http404("No such kind of published wording.")


@require_http_methods(["GET", "POST"])
@role_required(Capability.PUBLICATION)
def published_text(
    request: AuthenticatedHttpRequest, purpose: str, pk: int
) -> HttpResponse:
    """Show the text as typed beside its published version; write, approve, withdraw."""
    source, typed, back, case = _source(purpose, pk)
    current = services.published_text_current(purpose=purpose, source=source)
    form = WordingForm(initial={"wording": current.wording if current else ""})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "write")
        form = WordingForm(request.POST) if action == "write" else form
        try:
            if action == "write" and form.is_valid():
                services.published_text_write(
                    purpose=purpose,
                    source=source,
                    wording=form.cleaned_data["wording"],
                    by=request.user,
                )
                messages.success(
                    request, "Published wording saved: it now needs approving."
                )
                return redirect(request.path)
            if action in ("approve", "withdraw") and current is not None:
                service = (
                    services.published_text_approve
                    if action == "approve"
                    else services.published_text_withdraw
                )
                service(text=current, by=request.user)
                messages.success(
                    request,
                    "Published wording approved."
                    if action == "approve"
                    else "Published wording withdrawn: it no longer appears anywhere.",
                )
                return redirect(request.path)
            if action not in ("write", "approve", "withdraw") or current is None:
                form.add_error(None, "Choose to save, approve or withdraw the wording.")
        except ServiceError as error:
            form.add_error(None, error.message)
        status = 400
    context = {
        "purpose_label": Purpose(purpose).label,
        "source": source,
        "typed": typed,
        "back": back,
        "case": case,
        "current": current,
        "form": form,
        "may_approve": current is not None
        and current.approved_at is None
        and current.written_by_id != request.user.pk,
    }
    return render(request, "publication/published_text.html", context, status=status)
