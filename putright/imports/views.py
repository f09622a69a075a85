"""The Imports page: upload, preview (a dry run), run in the worker with progress, history.

Every step calls `putright.imports.uploads`, which calls the same import service as
`putright import` (docs/running/imports-page.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from putright.accounts.policy import AuthenticatedHttpRequest, Capability, role_required
from putright.imports.forms import UploadForm
from putright.imports.models import ImportUpload
from putright.imports.progress import progress_read
from putright.imports.results import ImportProblem
from putright.imports.uploads import (
    UploadError,
    import_running,
    import_upload_confirm,
    import_upload_discard,
    import_upload_preview,
)

imports_required = role_required(Capability.IMPORTS)
HISTORY_PAGE = 20
PROBLEMS_PAGE = 100
# Seconds between refreshes of the progress page (no JavaScript needed).
REFRESH_SECONDS = 5


def _index_page(
    request: AuthenticatedHttpRequest, form: UploadForm, status: int = 200
) -> HttpResponse:
    runs = ImportUpload.objects.select_related("user", "import_run")
    page = Paginator(runs, HISTORY_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "running": import_running(), "query": ""}
    return render(request, "imports/index.html", context, status=status)


@require_http_methods(["GET", "POST"])
@imports_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _index_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index_page(request, form, status=400)
    try:
        run = import_upload_preview(
            user=request.user,
            upload=form.cleaned_data["file"],
            map_upload=form.cleaned_data["map"],
        )
    except UploadError as error:
        form.add_service_error(error)
        return _index_page(request, form, status=400)
    return redirect("imports:detail", pk=run.pk)


def _run_or_404(pk: int) -> ImportUpload:
    run = (
        ImportUpload.objects.select_related("user", "import_run").filter(pk=pk).first()
    )
    if run is None:
        raise Http404("No such import.")
    return run


def _progress(run: ImportUpload) -> dict[str, Any]:
    done = run.rows_done
    if run.status == ImportUpload.Status.RUNNING:
        done = progress_read(run.pk) or done
    total = max(run.rows_total, done, 1)
    return {"done": done, "total": run.rows_total, "percent": done * 100 // total}


@require_http_methods(["GET"])
@imports_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(pk)
    stopped = request.GET.get("refresh") == "off"
    problems = Paginator(
        [ImportProblem(*p) for p in run.problems], PROBLEMS_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "is_preview": run.confirmed_at is None,
        "problems": problems,
        "problem_start": problems.start_index(),
        "hidden_problems": max(
            run.preview.get("problem_count", 0) - len(run.problems), 0
        ),
        "progress": _progress(run),
        # WCAG 2.2.1: the person chose the refresh before it began, and can stop it.
        "refresh": REFRESH_SECONDS
        if run.confirmed_at and not run.is_finished and not stopped
        else None,
        "stopped": stopped,
        "references": run.preview.get("references", []),
        "query": "",
    }
    return render(request, "imports/detail.html", context)


@require_POST
@imports_required
def confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(pk)
    try:
        import_upload_confirm(user=request.user, run=run)
    except UploadError as error:
        messages.error(request, error.message)
    address = reverse("imports:detail", args=[run.pk])
    if request.POST.get("refresh") != "on":
        address += "?refresh=off"
    return redirect(address)


@require_POST
@imports_required
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(pk)
    import_upload_discard(user=request.user, run=run)
    messages.info(request, _("The preview was cancelled and the file deleted."))
    return redirect("imports:index")
