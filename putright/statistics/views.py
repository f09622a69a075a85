"""The live complaints dashboard (seed 000) for signed-in staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from putright.statistics.benchmarks import comparison_sentences
from putright.statistics.forms import DashboardForm
from putright.statistics.selectors import dashboard_data, dashboard_options


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Aggregates only, so every staff role may see every service.

    Staff without case access see them with small numbers hidden (§6.2).
    """
    form = DashboardForm(request.GET)
    selection = form.cleaned_data.get("selection") if form.is_valid() else None
    context = {
        "form": form,
        **dashboard_options(selection=selection, raw=request.GET.dict()),
    }
    if selection is None:
        return render(request, "statistics/dashboard.html", context, status=400)
    context.update(
        dashboard_data(
            selection=selection, user=request.user, page=request.GET.get("page")
        )
    )
    if selection.directorate is None and selection.period.quarter is None:
        context["benchmarks"] = comparison_sentences(selection.period.label)
    return render(request, "statistics/dashboard.html", context)
