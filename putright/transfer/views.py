"""The export of everything, for administrators: start one, see it run, download the zip."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from putright.accounts.policy import AuthenticatedHttpRequest, Capability, role_required
from putright.transfer.models import ExportRun
from putright.transfer.services import (
    export_run_delete,
    export_run_downloaded,
    export_run_list,
    export_run_start,
)

administrators_only = role_required(Capability.ADMINISTRATION)


@require_GET
@administrators_only
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "transfer/index.html", {"runs": export_run_list()})


@require_POST
@administrators_only
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    export_run_start(user=request.user)
    return redirect("transfer:index")


@require_GET
@administrators_only
def download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    run = get_object_or_404(ExportRun, pk=pk)
    if run.status != ExportRun.Status.DONE or not run.output:
        raise Http404("This export is not ready.")
    export_run_downloaded(user=request.user, run=run)
    return FileResponse(
        run.output.open("rb"),
        as_attachment=True,
        filename=run.filename,
        content_type="application/zip",
    )


@require_POST
@administrators_only
def delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    export_run_delete(user=request.user, run=get_object_or_404(ExportRun, pk=pk))
    return redirect("transfer:index")
