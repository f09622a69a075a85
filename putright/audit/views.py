"""The record-access page: who viewed or downloaded which record, for administrators."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from putright.accounts.policy import Capability, role_required
from putright.audit.constants import ReadKind
from putright.audit.forms import ReadFilterForm
from putright.audit.selectors import read_event_list

PAGE_SIZE = 50
KIND_LABELS = dict(ReadKind.choices)


@role_required(Capability.ADMINISTRATION)
def read_list(request: HttpRequest) -> HttpResponse:
    form = ReadFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.cleaned_data if form.is_bound and valid else {}
    events = read_event_list(
        user=filters.get("user"),
        kind=filters.get("kind", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.kind_label = KIND_LABELS.get(event.verb, event.verb)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/read_list.html",
        {"form": form, "page": page if valid else None, "query": query.urlencode()},
        status=200 if valid else 400,
    )
