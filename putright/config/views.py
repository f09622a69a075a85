"""The signed-in home page: it brings together the work of every app, so it sits on top."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from putright.complaints import permissions, selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's work: overdue, due soon and awaiting acknowledgement."""
    counts = None
    if permissions.has_casework_access(request.user):
        counts = selectors.case_counts(user=request.user)
    return render(request, "home.html", {"counts": counts})
