"""Staff casework pages: lists, the case page, one form page per action, letters, files."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from putright.complaints import clocks, letters, permissions, selectors, services
from putright.complaints import forms as casework_forms
from putright.complaints.constants import NON_DECISION_OUTCOMES, Kind, StageStatus
from putright.complaints.models import (
    Attachment,
    Case,
    LearningAction,
    Procedure,
    Stage,
)
from putright.core.csv_safe import escape_row
from putright.organisation.models import Directorate, Team

PAGE_SIZE = 25


def casework_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, with a casework role; anyone else gets a 403 page with no case data."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.has_casework_access(request.user):
            return render(request, "complaints/forbidden.html", status=403)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return render(request, "complaints/forbidden.html", status=403)

    return wrapper


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> selectors.CaseFilters:
    get = request.GET
    default_view = "all" if request.user.role == "complaints_team" else "team"
    view = get.get("view", default_view)
    return selectors.CaseFilters(
        view=view if view in selectors.VIEWS else default_view,
        state=get.get("state", "open")
        if get.get("state") in ("open", "responded", "closed", "all")
        else "open",
        directorate=_int(get.get("directorate")),
        team=_int(get.get("team")),
        kind=get.get("kind", "") if get.get("kind") in Kind.values else "",
        procedure=_int(get.get("procedure")),
        stage=_int(get.get("stage")),
        q=get.get("q", "")[:100],
        sort=get.get("sort", "due") if get.get("sort") in selectors.SORTS else "due",
        mine=get.get("mine") == "1",
    )


@casework_required
def case_list(request: HttpRequest) -> HttpResponse:
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


@casework_required
def case_export(request: HttpRequest) -> StreamingHttpResponse:
    """The list as CSV, with the same scope and filters as the page."""
    stages = selectors.case_list(user=request.user, filters=_filters(request))
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
    initial = {
        "directorate": request.user.directorate_id,
        "team": request.user.team_id,
        "kind": Kind.COMPLAINT,
    }
    form = casework_forms.LogContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_log(by=request.user, **form.cleaned_data)
        except services.CaseworkError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, f"Contact logged as {case.reference}.")
            return redirect(case)
    return render(request, "complaints/case_log.html", {"form": form})


@dataclass(frozen=True)
class Action:
    """One casework action: its form, who may do it, when it applies, and the service."""

    title: str
    button: str
    form: type[casework_forms.GovukForm]
    permission: str
    applies: Callable[[Case, Stage], bool]
    run: Callable[[Any, Case, Stage, dict[str, Any]], Any]
    done: str
    initial: Callable[[Case, Stage], dict[str, Any]] = lambda case, stage: {}
    warning: str = ""


def _can_escalate(case: Case, stage: Stage) -> bool:
    return (
        stage.kind == Kind.COMPLAINT
        and stage.responded is not None
        and stage.outcome not in NON_DECISION_OUTCOMES
        and letters.next_stage_number(stage) is not None
    )


def _respond(user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    step = data.pop("step")
    responded = data.pop("responded")
    stage = services.stage_response_save(stage=stage, by=user, **data)
    version = stage.case.version
    try:
        if step == "approval":
            services.stage_approval_request(stage=stage, by=user, version=version)
        elif step == "send":
            if responded is None:
                raise services.CaseworkError(
                    "Enter the date the response is sent.", field="responded"
                )
            services.stage_respond(
                stage=stage, by=user, version=version, responded=responded
            )
    except services.CaseworkError as error:
        raise DraftSaved(error.message) from error
    return {
        "save": "Draft response saved.",
        "approval": "Response sent for approval.",
        "send": "Response recorded as sent.",
    }[step]


class DraftSaved(Exception):
    """The draft was saved but the next step was refused: say so and show the form again."""


def _response_initial(case: Case, stage: Stage) -> dict[str, Any]:
    remedies = list(stage.remedies.all())
    first = remedies[0] if remedies else None
    return {
        "outcome": stage.outcome,
        "understanding": stage.understanding,
        "response_reasons": stage.response_reasons,
        "remedies": [remedy.type for remedy in remedies],
        "financial_remedy": stage.financial_remedy,
        "remedy_description": first.description if first else "",
        "remedy_due": first.due if first else None,
        "issue_natures": list(stage.issue_natures.all()),
        "root_causes": list(stage.root_causes.all()),
        "learning": stage.learning,
    }


ACTIONS: dict[str, Action] = {
    "triage": Action(
        "Triage the contact",
        "Save",
        casework_forms.TriageForm,
        "triage",
        lambda case, stage: stage.number == 1 and stage.is_open,
        lambda user, case, stage, d: services.case_triage(case=case, by=user, **d),
        "Contact triaged.",
        lambda case, stage: {"kind": case.kind, "procedure": stage.procedure_id},
    ),
    "not-accepted": Action(
        "Do not accept the complaint",
        "Record decision",
        casework_forms.RefuseForm,
        "refuse",
        lambda case, stage: (
            stage.number == 1 and stage.is_open and stage.kind == Kind.COMPLAINT
        ),
        lambda user, case, stage, d: services.case_refuse(case=case, by=user, **d),
        "Complaint recorded as not accepted. Send the letter explaining why.",
        warning="The case will close. The letter tells the complainant why, and of their "
        "right to go to the Ombudsman.",
    ),
    "convert": Action(
        "Raise a complaint from this service request",
        "Raise complaint",
        casework_forms.ConvertForm,
        "convert",
        lambda case, stage: case.kind == Kind.SERVICE_REQUEST,
        lambda user, case, stage, d: services.case_convert_to_complaint(
            case=case, by=user, **d
        ),
        "Complaint raised and linked to the service request.",
        warning="The service request stays open: work on it must not stop.",
    ),
    "acknowledge": Action(
        "Acknowledge",
        "Acknowledge",
        casework_forms.AcknowledgeForm,
        "acknowledge",
        lambda case, stage: stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT,
        lambda user, case, stage, d: services.stage_acknowledge(
            stage=stage, by=user, **d
        ),
        "Acknowledged. The acknowledgement letter is ready.",
        lambda case, stage: {"understanding": stage.understanding or stage.summary},
    ),
    "allocate": Action(
        "Allocate",
        "Allocate",
        casework_forms.AllocateForm,
        "allocate",
        lambda case, stage: stage.is_open,
        lambda user, case, stage, d: services.stage_allocate(stage=stage, by=user, **d),
        "Allocated.",
        lambda case, stage: {"team": stage.team_id, "handler": stage.handler_id},
    ),
    "extend": Action(
        "Extend the deadline",
        "Extend",
        casework_forms.ExtendForm,
        "extend",
        lambda case, stage: stage.is_open and stage.effective_due is not None,
        lambda user, case, stage, d: services.stage_extend(stage=stage, by=user, **d),
        "Deadline extended. Send the extension letter.",
    ),
    "respond": Action(
        "Respond",
        "Save draft",
        casework_forms.ResponseForm,
        "respond",
        lambda case, stage: stage.is_open,
        _respond,
        "",
        _response_initial,
    ),
    "panel": Action(
        "Record review panel dates",
        "Save",
        casework_forms.PanelForm,
        "panel",
        lambda case, stage: stage.is_open and services.stage_is_panel(stage),
        lambda user, case, stage, d: services.stage_panel_record(
            stage=stage, by=user, **d
        ),
        "Panel dates recorded. The deadline has been updated.",
        lambda case, stage: {
            "panel_meeting_on": stage.panel_meeting_on,
            "panel_report_on": stage.panel_report_on,
        },
    ),
    "add-action": Action(
        "Add an outstanding action",
        "Add action",
        casework_forms.LearningActionForm,
        "learning",
        lambda case, stage: stage.kind == Kind.COMPLAINT,
        lambda user, case, stage, d: services.learning_action_add(
            stage=stage, by=user, **d
        ),
        "Action added.",
    ),
    "approve": Action(
        "Approve the response",
        "Save decision",
        casework_forms.ApprovalForm,
        "approve",
        lambda case, stage: stage.status == StageStatus.AWAITING_APPROVAL,
        lambda user, case, stage, d: services.stage_approval_decide(
            stage=stage,
            by=user,
            version=d["version"],
            approve=d["decision"] == "approve",
            comment=d["comment"],
        ),
        "Approval decision recorded.",
    ),
    "escalate": Action(
        "Escalate to the next stage",
        "Escalate",
        casework_forms.EscalateForm,
        "escalate",
        _can_escalate,
        lambda user, case, stage, d: services.stage_escalate(case=case, by=user, **d),
        "Escalated. The new stage's clock has started.",
        lambda case, stage: {"team": stage.team_id},
    ),
    "refuse-escalation": Action(
        "Refuse escalation",
        "Refuse escalation",
        casework_forms.EscalationRefuseForm,
        "refuse_escalation",
        lambda case, stage: (
            _can_escalate(case, stage) and stage.escalation_refused_on is None
        ),
        lambda user, case, stage, d: services.stage_escalation_refuse(
            case=case, by=user, **d
        ),
        "Escalation refused. Send the letter explaining why.",
        warning="Refuse only where an exclusion now applies. The letter gives the reasons "
        "and the right to go to the Ombudsman.",
    ),
    "withdraw": Action(
        "Record a withdrawal",
        "Record withdrawal",
        casework_forms.WithdrawForm,
        "withdraw",
        lambda case, stage: stage.is_open,
        lambda user, case, stage, d: services.case_withdraw(case=case, by=user, **d),
        "Withdrawal recorded and case closed.",
    ),
    "close": Action(
        "Close the case",
        "Close case",
        casework_forms.CloseForm,
        "close",
        lambda case, stage: not case.is_closed and not stage.is_open,
        lambda user, case, stage, d: services.case_close(case=case, by=user, **d),
        "Case closed.",
        warning="Outstanding actions stay tracked after the case closes.",
    ),
    "reopen": Action(
        "Reopen the case",
        "Reopen case",
        casework_forms.ReopenForm,
        "reopen",
        lambda case, stage: case.is_closed,
        lambda user, case, stage, d: services.case_reopen(case=case, by=user, **d),
        "Case reopened.",
    ),
    "note": Action(
        "Add a note",
        "Add note",
        casework_forms.NoteForm,
        "note",
        lambda case, stage: True,
        lambda user, case, stage, d: services.case_note_add(case=case, by=user, **d),
        "Note added.",
    ),
    "attach": Action(
        "Upload a document",
        "Upload",
        casework_forms.AttachmentForm,
        "attach",
        lambda case, stage: True,
        lambda user, case, stage, d: services.attachment_add(
            case=case, by=user, upload=d["file"], description=d["description"]
        ),
        "Document uploaded.",
    ),
}


# The order buttons appear in: the usual next step first.
ACTION_ORDER = [
    "acknowledge",
    "respond",
    "approve",
    "escalate",
    "close",
    "reopen",
    "allocate",
    "extend",
    "panel",
    "add-action",
    "convert",
    "triage",
    "not-accepted",
    "refuse-escalation",
    "withdraw",
    "note",
    "attach",
]
# Less common or final decisions sit under "Other actions".
OTHER_ACTIONS = {"triage", "not-accepted", "refuse-escalation", "withdraw"}


def available_actions(user: Any, case: Case, stage: Stage) -> list[tuple[str, Action]]:
    """The actions the user may take on the case's current stage now, next step first."""
    return [
        (name, ACTIONS[name])
        for name in ACTION_ORDER
        if ACTIONS[name].applies(case, stage)
        and permissions.can_act(user, stage, ACTIONS[name].permission)
    ]


@casework_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    stages = selectors.case_stages(case)
    current = stages[-1]
    today = timezone.localdate()
    stage_rows = [
        {
            "stage": stage,
            "clock": selectors.stage_clock(stage, today),
            "needs_approval": services.stage_needs_approval(stage),
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
                if n not in OTHER_ACTIONS | {"note", "attach"}
            ],
            "other_actions": [(n, a) for n, a in actions if n in OTHER_ACTIONS],
            "can_note": any(n == "note" for n, _ in actions),
            "can_attach": any(n == "attach" for n, _ in actions),
            "notes": case.notes.select_related("author"),
            "attachments": case.attachments.select_related("uploaded_by"),
            "ombudsman_cases": case.ombudsman_cases.all(),
            "linked": selectors.case_linked(case, request.user),
            "timeline": selectors.case_timeline(case),
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
    if not permissions.can_act(request.user, stage, spec.permission):
        raise PermissionDenied
    if not spec.applies(case, stage):
        messages.info(request, f"{spec.title} is not possible at this point.")
        return redirect(case)
    initial = {"version": case.version, **spec.initial(case, stage)}
    form = spec.form(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if action == "respond":
            data["step"] = request.POST.get("step", "save")
            if data["step"] not in ("save", "approval", "send"):
                data["step"] = "save"
        try:
            result = spec.run(request.user, case, stage, data)
        except DraftSaved as saved:
            messages.info(request, f"Draft saved, but not sent: {saved}")
            return redirect(
                "complaints:case_action", reference=case.reference, action=action
            )
        except services.CaseworkError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            done = result if isinstance(result, str) else spec.done
            messages.success(request, done)
            if isinstance(result, Case) and result.pk != case.pk:
                return redirect(result)
            return redirect(case)
    context = {
        "case": case,
        "stage": stage,
        "action": action,
        "spec": spec,
        "form": form,
        "needs_approval": services.stage_needs_approval(stage),
        "extension_limit": services.stage_extension_limit(stage)
        if action == "extend"
        else None,
        "missing": letters.response_letter_missing(stage)
        if action == "respond" and stage.kind == Kind.COMPLAINT
        else [],
    }
    return render(request, "complaints/case_action.html", context)


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
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_action_update(
                action=item, by=request.user, **form.cleaned_data
            )
        except services.CaseworkError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
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
    if request.GET.get("download"):
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
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
