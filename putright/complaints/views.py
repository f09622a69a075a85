"""Staff casework pages: lists, the case page, one form page per action, letters, files."""

from __future__ import annotations

import csv
import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from putright.accounts.policy import Capability, role_required
from putright.audit.constants import ReadKind
from putright.audit.services import audit_read
from putright.complaints import clocks, letters, permissions, selectors, services
from putright.complaints import forms as casework_forms
from putright.complaints.actions import (
    ACTIONS,
    ALL_DIRECTORATES,
    ALLOCATING_ACTIONS,
    OTHER_ACTIONS,
    ActionDone,
    action_applies,
    action_perform,
    available_actions,
    directorate_choice,
    form_for,
)
from putright.complaints.constants import DayBasis, Family, Kind, Outcome
from putright.complaints.models import (
    Attachment,
    Case,
    LearningAction,
    Procedure,
    Remedy,
    Stage,
)
from putright.core.csv_safe import escape_row
from putright.core.inputs import parse_id, visible
from putright.organisation.models import Council, Directorate, Team

PAGE_SIZE = 25


# Signed in with a casework role; anyone else gets the 403 page with no case data.
casework_required = role_required(Capability.CASEWORK)


def _int(value: str | None) -> int | None:
    # A filter naming no record a database could hold (too large, negative, text) is ignored.
    return parse_id(value) if value else None


# Search terms are names, so they never go into a URL (and so into access logs, browser
# history or a Referer header): the form posts the term, the session keeps it under a
# random token, and list, page, sort and export links carry only the token.
SEARCHES_SESSION_KEY = "case_searches"
SEARCHES_KEPT = 20
SEARCH_MAX_LENGTH = 100
# The list's filters, carried into the address after a search is posted.
FILTER_NAMES = (
    "view",
    "state",
    "directorate",
    "team",
    "kind",
    "procedure",
    "stage",
    "sort",
    "mine",
    "records",
    "received_from",
    "received_to",
    "outcome",
    "family",
    "basis",
    "answered",
    "within",
)


def _date(value: str | None) -> dt.date | None:
    # A date that is not one (or out of range) is ignored, like any unknown filter value.
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _figure_filters(get: Any) -> dict[str, Any]:
    """The dashboard figure filters of the case list (see `selectors.CaseFilters`)."""
    outcome = get.get("outcome")
    return {
        "records": get.get("records") == "1",
        "received_from": _date(get.get("received_from")),
        "received_to": _date(get.get("received_to")),
        "outcome": ""
        if outcome == "undecided"
        else (outcome if outcome in Outcome.values else None),
        "family": get.get("family", "") if get.get("family") in Family.values else "",
        "basis": get.get("basis", "") if get.get("basis") in DayBasis.values else "",
        "answered": get.get("answered") == "1",
        "within": get.get("within", "")
        if get.get("within") in ("due", "extended")
        else "",
    }


def _search_store(request: HttpRequest, term: str) -> str:
    """Keep a search term in the session; return the token that stands for it."""
    searches = dict(request.session.get(SEARCHES_SESSION_KEY, {}))
    token = secrets.token_urlsafe(9)
    searches[token] = term[:SEARCH_MAX_LENGTH]
    request.session[SEARCHES_SESSION_KEY] = dict(
        list(searches.items())[-SEARCHES_KEPT:]
    )
    return token


def _search_term(request: HttpRequest) -> str | None:
    """The term behind the URL's search token; None if the token is not this session's."""
    token = request.GET.get("search", "")
    if not token:
        return ""
    return request.session.get(SEARCHES_SESSION_KEY, {}).get(token)


def _search_redirect(request: HttpRequest, url_name: str) -> HttpResponse:
    """The same list without the term in its address: the term goes into the session."""
    data = request.POST if request.method == "POST" else request.GET
    query = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        if data.get(name):
            query[name] = data[name]
    term = data.get("q", "").strip()
    if term:
        query["search"] = _search_store(request, term)
    address = reverse(url_name)
    return redirect(f"{address}?{query.urlencode()}" if query else address)


def _search_expired(request: HttpRequest) -> HttpResponse:
    """A search token from another session (or signed out since): the list, unsearched."""
    messages.info(request, "That search has expired. Search again.")
    query = request.GET.copy()
    query.pop("search", None)
    query.pop("page", None)
    address = reverse("complaints:case_list")
    return redirect(f"{address}?{query.urlencode()}" if query else address)


def _filters(request: HttpRequest) -> selectors.CaseFilters:
    get = request.GET
    default_view = "all" if permissions.is_complaints_team(request.user) else "team"
    view = get.get("view", default_view)
    view = view if view in selectors.VIEWS else default_view
    # A remedy falls due after the response is sent, so that view looks at every state.
    default_state = "all" if view == "overdue_remedies" else "open"
    return selectors.CaseFilters(
        view=view,
        state=get.get("state", default_state)
        if get.get("state") in ("open", "responded", "closed", "all")
        else default_state,
        directorate=_int(get.get("directorate")),
        team=_int(get.get("team")),
        kind=get.get("kind", "") if get.get("kind") in Kind.values else "",
        procedure=_int(get.get("procedure")),
        stage=_int(get.get("stage")),
        q=visible(_search_term(request) or "")[:100],
        sort=get.get("sort", "due") if get.get("sort") in selectors.SORTS else "due",
        mine=get.get("mine") == "1",
        **_figure_filters(get),
    )


@casework_required
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" or "q" in request.GET:
        return _search_redirect(request, "complaints:case_list")
    if _search_term(request) is None:
        return _search_expired(request)
    filters = _filters(request)
    stages = selectors.case_list(user=request.user, filters=filters)
    page = Paginator(stages, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    cal = clocks.council_calendar()
    rows = [
        (stage, selectors.stage_clock(stage, today, cal)) for stage in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/case_list.html",
        {
            "filters": filters,
            "views": selectors.VIEWS,
            "view_label": selectors.VIEWS[filters.view],
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "directorates": Directorate.objects.filter(is_active=True),
            "teams": Team.objects.filter(is_active=True).select_related("directorate"),
            "kinds": Kind.choices,
            "procedures": Procedure.objects.filter(is_active=True),
            "outcomes": [*Outcome.choices, ("undecided", "No outcome yet")],
            "figure_description": selectors.figure_description(filters),
            "sorts": {
                "due": "Deadline, soonest first",
                "-due": "Deadline, latest first",
                "-received": "Received, newest first",
                "received": "Received, oldest first",
                "reference": "Reference",
            },
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


EXPORT_COLUMNS = [
    "reference",
    "kind",
    "stage",
    "procedure",
    "directorate",
    "team",
    "handler",
    "status",
    "received",
    "acknowledged",
    "due",
    "extended_to",
    "extension_beyond_cap",
    "responded",
    "outcome",
    "contact_name",
]


def _export_row(stage: Stage) -> list[str]:
    def day(value: Any) -> str:
        return value.isoformat() if value else ""

    return [
        stage.case.reference,
        stage.kind,
        str(stage.number) if stage.kind == Kind.COMPLAINT else "",
        stage.procedure.code if stage.procedure_id else "",
        stage.directorate.name,
        stage.team.name if stage.team_id else "",
        str(stage.handler) if stage.handler_id else "",
        stage.status,
        day(stage.received),
        day(stage.acknowledged),
        day(stage.due),
        day(stage.extended_to),
        "true" if stage.extension_beyond_cap else "false",
        day(stage.responded),
        stage.outcome,
        stage.case.contact_name,
    ]


def _export_details(filters: selectors.CaseFilters, *, rows: int) -> dict[str, Any]:
    """What an export covered, by ids and codes; a search is noted, never its words."""
    return {
        "rows": rows,
        "view": filters.view,
        "state": filters.state,
        "directorate": filters.directorate,
        "team": filters.team,
        "kind": filters.kind,
        "procedure": filters.procedure,
        "stage": filters.stage,
        "mine": filters.mine,
        "searched": bool(filters.q.strip()),
    }


@casework_required
def case_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The list as CSV, with the same scope and filters as the page."""
    if "q" in request.GET:
        return _search_redirect(request, "complaints:case_export")
    if _search_term(request) is None:
        return _search_expired(request)
    filters = _filters(request)
    stages = selectors.case_list(user=request.user, filters=filters)
    audit_read(
        user=request.user,
        kind=ReadKind.CASE_LIST_EXPORTED,
        target=Council.load(),
        details=_export_details(filters, rows=stages.count()),
    )
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)
        for stage in stages.iterator(chunk_size=500):
            yield writer.writerow(escape_row(_export_row(stage)))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response


@casework_required
@require_http_methods(["GET", "POST"])
def case_log(request: HttpRequest) -> HttpResponse:
    chosen = _log_directorate(request)
    directorate = chosen or request.user.directorate
    initial = {
        "directorate": directorate.pk if directorate else None,
        "team": request.user.team_id
        if directorate == request.user.directorate
        else None,
        "kind": Kind.COMPLAINT,
        "procedure": services.procedure_default(
            kind=Kind.COMPLAINT, directorate=directorate
        ),
    }
    form = casework_forms.LogContactForm(
        request.POST or None, initial=initial, user=request.user, chosen=chosen
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_log(by=request.user, **form.cleaned_data)
        except services.CaseworkError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Contact logged as {case.reference}.")
            return redirect(case)
    choices = (
        list(Directorate.objects.filter(is_active=True).order_by("name"))
        if permissions.is_complaints_team(request.user)
        else []
    )
    return render(
        request,
        "complaints/case_log.html",
        {"form": form, "directorates": choices, "chosen": chosen},
    )


def _log_directorate(request: HttpRequest) -> Directorate | None:
    """The directorate the complaints team chose first (`?directorate=`), if any."""
    requested = request.GET.get("directorate", "")
    if not requested.isdigit() or not permissions.is_complaints_team(request.user):
        return None
    return Directorate.objects.filter(is_active=True, pk=int(requested)).first()


@casework_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    detail = selectors.case_detail(user=request.user, reference=reference)
    case, stages = detail.case, detail.stages
    audit_read(user=request.user, kind=ReadKind.CASE_VIEWED, target=case, case=case)
    current = stages[-1]
    today = timezone.localdate()
    cal = clocks.council_calendar()
    stage_rows = [
        {
            "stage": stage,
            "clock": selectors.stage_clock(stage, today, cal),
            "needs_approval": services.stage_needs_approval(stage),
            "can_record_remedies": permissions.can_act(request.user, stage, "remedy"),
            "extension_limit": services.stage_extension_limit(stage),
            "letters": [
                (kind, title)
                for kind, title in letters.LETTER_KINDS.items()
                if letters.letter_available(stage, kind)
            ],
            "missing": letters.response_letter_missing(stage)
            if stage.kind == Kind.COMPLAINT and stage.is_open and stage.outcome
            else [],
        }
        for stage in stages
    ]
    actions = available_actions(request.user, case, current)
    return render(
        request,
        "complaints/case_detail.html",
        {
            "case": case,
            "stage_rows": stage_rows,
            "current": current,
            "actions": [
                (n, a)
                for n, a in actions
                if n not in OTHER_ACTIONS | {"note", "attach", "language"}
            ],
            "other_actions": [(n, a) for n, a in actions if n in OTHER_ACTIONS],
            "can_note": any(n == "note" for n, _ in actions),
            "can_attach": any(n == "attach" for n, _ in actions),
            "can_change_language": any(n == "language" for n, _ in actions),
            "notes": detail.notes,
            "attachments": detail.attachments,
            "ombudsman_cases": detail.ombudsman_cases,
            "linked": detail.linked,
            "restrictions": detail.restrictions,
            "timeline": selectors.case_timeline(case),
            "today": today,
        },
    )


@casework_required
@require_http_methods(["GET", "POST"])
def case_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("No such action.")
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    stage = case.stages.select_related("procedure").order_by("-number").first()
    refused = permissions.refusal(request.user, stage, spec.permission)
    if refused:
        # A typed or stale address: the case page says why, not a silent bounce.
        messages.error(request, f"{spec.title}: not open to you. {refused}")
        return redirect(case)
    if not action_applies(action, case, stage):
        messages.info(request, f"{spec.title} is not possible at this point.")
        return redirect(case)
    initial = {"version": case.version, **spec.initial(case, stage)}
    choice = None
    if action in ALLOCATING_ACTIONS:
        choice = directorate_choice(
            request.user, stage, request.GET.get("directorate", "")
        )
    form = form_for(
        action,
        stage,
        spec.form(request.POST or None, request.FILES or None, initial=initial),
        user=request.user,
        choice=choice,
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = action_perform(
                name=action,
                user=request.user,
                case=case,
                stage=stage,
                data=dict(form.cleaned_data),
                posted=request.POST,
            )
        except services.CaseworkError as error:
            form.add_service_error(error)
        else:
            if not done.draft_refused:
                return _action_done(request, done)
            case, stage = _draft_refused(request, form, case, done)
    context = _action_context(case, stage, action, form)
    return render(
        request,
        "complaints/case_action.html",
        {**context, "choice": choice, "all_directorates": ALL_DIRECTORATES},
    )


def _draft_refused(
    request: HttpRequest, form: Any, case: Case, done: ActionDone
) -> tuple[Case, Stage]:
    """The response was saved as a draft but not sent (docs/regulatory-rules.md §1.6):
    the form again, with the error summary and each gap beside its field."""
    form.add_error(None, "Your draft is saved, but it has not been sent.")
    for name, error in done.draft_gaps:
        form.add_error(name if name in form.fields else None, error)
    case = selectors.case_get_for_user(user=request.user, reference=case.reference)
    # The draft was saved, so the next submission builds on this version of the case.
    form.data = form.data.copy()
    form.data["version"] = str(case.version)
    stage = case.stages.select_related("procedure").order_by("-number").first()
    return case, stage


def _action_done(request: HttpRequest, done: ActionDone) -> HttpResponse:
    messages.success(request, done.message)
    return redirect(done.target)


def _action_context(case: Case, stage: Stage, action: str, form: Any) -> dict[str, Any]:
    return {
        "case": case,
        "stage": stage,
        "action": action,
        "spec": ACTIONS[action],
        "form": form,
        "needs_approval": services.stage_needs_approval(stage),
        "extension_limit": services.stage_extension_limit(stage)
        if action == "extend"
        else None,
        "missing": letters.response_letter_missing(stage)
        if action == "respond" and stage.kind == Kind.COMPLAINT
        else [],
        "undelivered": services.remedies_undelivered(case) if action == "close" else [],
        **(_response_under_review(stage) if action in ("approve", "send") else {}),
    }


def _response_under_review(stage: Stage) -> dict[str, Any]:
    """What the approver (or the sender) is looking at: the draft and its letter."""
    preview = ""
    if letters.letter_available(stage, "response"):
        preview = render_to_string(
            "complaints/_letter_body.html", letters.letter_context(stage, "response")
        )
    return {
        "review": {
            "remedies": list(stage.remedies.all()),
            "actions": list(stage.learning_actions.all()),
            "preview": preview,
        }
    }


@casework_required
@require_http_methods(["GET", "POST"])
def learning_action_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    item = get_object_or_404(
        LearningAction.objects.select_related("stage"), pk=pk, stage__case=case
    )
    if not permissions.can_act(request.user, item.stage, "learning"):
        raise PermissionDenied
    form = casework_forms.LearningStatusForm(
        request.POST or None,
        initial={
            "version": case.version,
            "status": item.status,
            "completed_on": item.completed_on,
            "category": item.category,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_action_update(
                action=item, by=request.user, **form.cleaned_data
            )
        except services.CaseworkError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Action updated.")
            return redirect(case)
    return render(
        request,
        "complaints/case_action.html",
        {
            "case": case,
            "stage": item.stage,
            "spec": {"title": "Update the action", "button": "Save"},
            "form": form,
            "item": item,
        },
    )


@casework_required
@require_http_methods(["GET", "POST"])
def remedy_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    remedy = get_object_or_404(
        Remedy.objects.select_related("stage"), pk=pk, stage__case=case
    )
    if not permissions.can_act(request.user, remedy.stage, "remedy"):
        raise PermissionDenied
    form = casework_forms.RemedyDeliveryForm(
        request.POST or None,
        initial={
            "version": case.version,
            "due": remedy.due,
            "delivered_on": remedy.delivered_on,
            "delivered_by": remedy.delivered_by_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.remedy_deliver(remedy=remedy, by=request.user, **form.cleaned_data)
        except services.CaseworkError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Remedy updated.")
            return redirect(case)
    spec = {"title": "Record the remedy's delivery", "button": "Save"}
    context = {"case": case, "stage": remedy.stage, "spec": spec, "form": form}
    return render(request, "complaints/case_action.html", {**context, "remedy": remedy})


@casework_required
def letter(
    request: HttpRequest, reference: str, number: int, kind: str
) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    stage = get_object_or_404(
        Stage.objects.select_related(
            "procedure", "case", "refusal_reason", "escalation_refusal_reason"
        ),
        case=case,
        number=number,
    )
    if kind not in letters.LETTER_KINDS or not letters.letter_available(stage, kind):
        raise Http404("No such letter.")
    context = letters.letter_context(stage, kind)
    download = bool(request.GET.get("download"))
    audit_read(
        user=request.user,
        kind=ReadKind.LETTER_DOWNLOADED if download else ReadKind.LETTER_VIEWED,
        target=stage,
        case=case,
        details={"letter": kind},
    )
    if download:
        body = render_to_string("complaints/letter_standalone.html", context, request)
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
        name = f"{case.reference}-stage-{number}-{kind}.html"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "complaints/letter.html", context)


@casework_required
def attachment_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    attachment = get_object_or_404(Attachment, pk=pk, case=case)
    audit_read(
        user=request.user,
        kind=ReadKind.ATTACHMENT_DOWNLOADED,
        target=attachment,
        case=case,
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
