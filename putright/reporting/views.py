"""The Reports page: generate the annual, quarterly or half-year report, follow its
progress, download it."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from putright.accounts import policy
from putright.accounts.policy import AuthenticatedHttpRequest, Capability, role_required
from putright.reporting.blocks import PUBLIC
from putright.reporting.forms import CommentaryForm, ReportForm
from putright.reporting.models import ReportRun
from putright.reporting.parameters import ReportError, report_parameters
from putright.reporting.renderers import CONTENT_TYPES
from putright.reporting.selectors import (
    commentary_for_year,
    report_run_get,
    report_run_list,
    user_can_write_commentary,
)
from putright.reporting.services import (
    commentary_save,
    report_run_downloaded,
    report_run_start,
)
from putright.statistics.engine import years_with_records

# Signed-in complaints team, managers, reporting viewers and administrators only.
report_access_required = role_required(Capability.REPORTS)


def _years() -> list[str]:
    return [p.label for p in years_with_records()]


def _last_complete_year() -> str | None:
    """The most recent year that has ended: the one an annual report is usually for."""
    today = timezone.localdate()
    ended = [p.label for p in years_with_records() if p.year_end < today]
    return ended[-1] if ended else None


def _index_page(
    request: AuthenticatedHttpRequest, form: ReportForm, status: int = 200
) -> HttpResponse:
    if not policy.can(request.user, Capability.INTERNAL_REPORT):
        # Only the public version is offered; run_start refuses the other anyway.
        audience = cast(forms.ChoiceField, form.fields["audience"])
        audience.choices = [
            (value, label)
            for value, label in ReportRun.Audience.choices
            if value == PUBLIC
        ]
    context = {
        "form": form,
        "runs": report_run_list(user=request.user),
        "can_write_commentary": user_can_write_commentary(request.user),
    }
    return render(request, "reporting/index.html", context, status=status)


@require_GET
@report_access_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ReportForm(years=_years(), default_year=_last_complete_year())
    return _index_page(request, form)


@require_POST
@report_access_required
def run_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ReportForm(request.POST, years=_years())
    if not form.is_valid():
        return _index_page(request, form, status=400)
    try:
        parameters = report_parameters(
            year=form.cleaned_data["year"],
            period=form.cleaned_data["period"],
            directorate=form.cleaned_data["directorate"],
            fmt=form.cleaned_data["format"],
            audience=form.cleaned_data["audience"],
            user=request.user,
        )
    except ReportError as error:
        form.add_error(None, str(error))
        return _index_page(request, form, status=400)
    run = report_run_start(user=request.user, parameters=parameters)
    return redirect(run.get_absolute_url())


def _run_or_404(request: AuthenticatedHttpRequest, pk: int) -> ReportRun:
    run = report_run_get(user=request.user, pk=pk)
    if run is None:
        raise Http404("No such report.")
    return run


@require_GET
@report_access_required
def run_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    return render(request, "reporting/run_detail.html", {"run": run})


@require_GET
@report_access_required
def run_status(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    run = _run_or_404(request, pk)
    return JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "progress": run.progress,
            "message": run.progress_message,
            "error": run.error,
            "download_url": reverse("reporting:run_download", args=[run.pk])
            if run.status == ReportRun.Status.DONE
            else None,
        }
    )


@require_GET
@report_access_required
def run_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    run = _run_or_404(request, pk)
    if run.status != ReportRun.Status.DONE or not run.output:
        raise Http404("This report is not ready.")
    report_run_downloaded(user=request.user, run=run)
    return FileResponse(
        run.output.open("rb"),
        as_attachment=True,
        filename=run.filename,
        content_type=CONTENT_TYPES[run.format],
    )


@require_http_methods(["GET", "POST"])
@report_access_required
def commentary(request: AuthenticatedHttpRequest) -> HttpResponse:
    years = _years()
    fallback = _last_complete_year() or (years[-1] if years else "")
    year = request.GET.get("year") or fallback
    if year not in years:
        year = fallback
    can_write = user_can_write_commentary(request.user)
    if request.method == "POST":
        if not can_write:
            return policy.forbidden(request, (Capability.REPORT_COMMENTARY,))
        form = CommentaryForm(request.POST)
        if form.is_valid():
            for section, text in form.cleaned_data.items():
                commentary_save(
                    section=section,
                    year=year,
                    directorate=None,
                    text=text,
                    by=request.user,
                )
            messages.success(request, f"Commentary for {year} saved.")
            return redirect(f"{reverse('reporting:commentary')}?year={year}")
    else:
        form = CommentaryForm(initial=commentary_for_year(year=year) if year else {})
    context = {"form": form, "year": year, "years": years, "can_write": can_write}
    return render(
        request,
        "reporting/commentary.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )
