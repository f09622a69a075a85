"""The casework actions offered on a case page: form, who may, when it applies, service.

Each action is one form page (`views.case_action`) that calls one service through
`action_perform`. Permissions come from `permissions.can_act`; whether the current stage's
status allows the action comes from `lifecycle.status_allows`; `applies` adds the action's
own conditions (kind, stage number, procedure) and only decides whether the button is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from putright.complaints import forms as casework_forms
from putright.complaints import letters, lifecycle, permissions, services
from putright.complaints.constants import NON_DECISION_OUTCOMES, Kind
from putright.complaints.models import Case, Stage
from putright.organisation.models import Directorate


def _always(case: Case, stage: Stage) -> bool:
    return True


def _no_initial(case: Case, stage: Stage) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, kw_only=True)
class Action:
    """One casework action: its form, who may do it, when it applies, and the service."""

    title: str
    button: str
    form: type[casework_forms.GovukForm]
    permission: str
    run: Callable[..., Any]
    done: str
    applies: Callable[[Case, Stage], bool] = _always
    initial: Callable[[Case, Stage], dict[str, Any]] = _no_initial
    warning: str = ""
    # Values the page posts outside the form (the response page's step buttons).
    post_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionDone:
    """What an action did: the message to show, where to go, and a refused next step."""

    message: str
    target: Any
    draft_refused: str = ""
    # Why the draft was not sent, by the response form's field (None: the whole form).
    draft_gaps: tuple[tuple[str | None, str], ...] = ()


# Fields of the response form that only a complaint's letter needs.
COMPLAINT_ONLY_FIELDS = (
    "outcome",
    "understanding",
    "response_reasons",
    "remedies",
    "financial_remedy",
    "remedy_description",
    "remedy_due",
    "root_causes",
)


UNDELIVERED_FIELDS = ("confirm_undelivered", "undelivered_reason")


# Actions that choose a team and an officer, and so could move the case.
ALLOCATING_ACTIONS = frozenset({"allocate", "escalate"})
ALL_DIRECTORATES = "all"


@dataclass(frozen=True)
class DirectorateChoice:
    """Whose teams and officers an allocating form offers, and what the user may pick."""

    directorates: list[Directorate]
    selected: str  # a directorate's id, or ALL_DIRECTORATES
    options: list[Directorate]  # empty when the stage's directorate is fixed


def directorate_choice(user: Any, stage: Stage, requested: str) -> DirectorateChoice:
    """A manager or officer keeps the stage's directorate; only the complaints team moves
    a case between directorates, choosing the directorate first (no JavaScript needed)."""
    fixed = [stage.directorate] if stage.directorate_id else []
    if not permissions.is_complaints_team(user):
        return DirectorateChoice(fixed, str(stage.directorate_id or ""), [])
    options = list(Directorate.objects.filter(is_active=True).order_by("name"))
    if requested == ALL_DIRECTORATES:
        return DirectorateChoice(options, ALL_DIRECTORATES, options)
    chosen = [d for d in options if str(d.pk) == requested] or fixed
    selected = str(chosen[0].pk) if chosen else ALL_DIRECTORATES
    return DirectorateChoice(chosen or options, selected, options)


def form_for(
    action: str,
    stage: Stage,
    form: Any,
    *,
    user: Any = None,
    choice: DirectorateChoice | None = None,
) -> Any:
    """Trim the response form for contacts that are not complaints (no decision letter),
    the close form when every remedy has been delivered, and an allocating form's teams
    and officers to the directorates the user may choose."""
    if action == "respond" and stage.kind != Kind.COMPLAINT:
        for name in COMPLAINT_ONLY_FIELDS:
            form.fields.pop(name, None)
    if action in ALLOCATING_ACTIONS and choice is not None:
        form.limit_choices(
            choice.directorates, central_staff=permissions.is_complaints_team(user)
        )
    if action == "close" and not services.remedies_undelivered(stage.case):
        for name in UNDELIVERED_FIELDS:
            form.fields.pop(name, None)
    return form


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


# -- when an action applies (beyond the status, which the lifecycle decides) ---------


def _first_open(case: Case, stage: Stage) -> bool:
    return stage.number == 1 and stage.is_open


def _first_open_complaint(case: Case, stage: Stage) -> bool:
    return _first_open(case, stage) and stage.kind == Kind.COMPLAINT


def _is_service_request(case: Case, stage: Stage) -> bool:
    return case.kind == Kind.SERVICE_REQUEST


def _is_open(case: Case, stage: Stage) -> bool:
    return stage.is_open


def _has_deadline(case: Case, stage: Stage) -> bool:
    return stage.is_open and stage.effective_due is not None


def _approved_to_send(case: Case, stage: Stage) -> bool:
    return stage.is_open and stage.is_approved


def _has_panel(case: Case, stage: Stage) -> bool:
    return stage.is_open and services.stage_is_panel(stage)


def _is_complaint(case: Case, stage: Stage) -> bool:
    return stage.kind == Kind.COMPLAINT


def _can_escalate(case: Case, stage: Stage) -> bool:
    return (
        stage.kind == Kind.COMPLAINT
        and stage.responded is not None
        and stage.outcome not in NON_DECISION_OUTCOMES
        and letters.next_stage_number(stage) is not None
    )


def _can_refuse_escalation(case: Case, stage: Stage) -> bool:
    return _can_escalate(case, stage) and stage.escalation_refused_on is None


def _can_close(case: Case, stage: Stage) -> bool:
    return not case.is_closed and not stage.is_open


def _is_closed(case: Case, stage: Stage) -> bool:
    return case.is_closed


# -- what each action's form starts with ------------------------------------------------


def _triage_initial(case: Case, stage: Stage) -> dict[str, Any]:
    return {"kind": case.kind, "procedure": stage.procedure_id}


def _acknowledge_initial(case: Case, stage: Stage) -> dict[str, Any]:
    # Never the staff summary: the understanding is written for the complainant, and
    # goes word for word into their acknowledgement letter (issue 9).
    return {"understanding": stage.understanding}


def _allocate_initial(case: Case, stage: Stage) -> dict[str, Any]:
    return {"team": stage.team_id, "handler": stage.handler_id}


def _panel_initial(case: Case, stage: Stage) -> dict[str, Any]:
    return {
        "panel_meeting_on": stage.panel_meeting_on,
        "panel_report_on": stage.panel_report_on,
    }


def _escalate_initial(case: Case, stage: Stage) -> dict[str, Any]:
    return {"team": stage.team_id}


# -- the service each action calls --------------------------------------------------------


def _triage(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_triage(case=case, by=user, **data)


def _refuse(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_refuse(case=case, by=user, **data)


def _convert(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_convert_to_complaint(case=case, by=user, **data)


def _acknowledge(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_acknowledge(stage=stage, by=user, **data)


def _allocate(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_allocate(stage=stage, by=user, **data)


def _extend(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_extend(stage=stage, by=user, **data)


def _respond(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    step = data.pop("step", "save")
    if step not in services.RESPONSE_STEPS:
        step = "save"
    return services.stage_response_submit(stage=stage, by=user, step=step, **data)


def _thank(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_thank(stage=stage, by=user, **data)


def _send(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_respond(stage=stage, by=user, **data)


def _panel(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_panel_record(stage=stage, by=user, **data)


def _add_learning(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.learning_action_add(stage=stage, by=user, **data)


def _approve(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_approval_decide(
        stage=stage,
        by=user,
        version=data["version"],
        approve=data["decision"] == "approve",
        comment=data["comment"],
    )


def _escalate(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.stage_escalate(case=case, by=user, **data)


def _refuse_escalation(
    *, user: Any, case: Case, stage: Stage, data: dict[str, Any]
) -> Any:
    return services.stage_escalation_refuse(case=case, by=user, **data)


def _withdraw(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_withdraw(case=case, by=user, **data)


def _close(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_close(case=case, by=user, **data)


def _reopen(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_reopen(case=case, by=user, **data)


def _language(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_language_set(case=case, by=user, **data)


def _language_initial(case: Case, stage: Stage) -> dict[str, Any]:
    return {"language": case.language}


def _note(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.case_note_add(case=case, by=user, **data)


def _attach(*, user: Any, case: Case, stage: Stage, data: dict[str, Any]) -> Any:
    return services.attachment_add(
        case=case, by=user, upload=data["file"], description=data["description"]
    )


ACTIONS: dict[str, Action] = {
    "triage": Action(
        title="Triage the contact",
        button="Save",
        form=casework_forms.TriageForm,
        permission="triage",
        applies=_first_open,
        run=_triage,
        done="Contact triaged.",
        initial=_triage_initial,
    ),
    "not-accepted": Action(
        title="Do not accept the complaint",
        button="Record decision",
        form=casework_forms.RefuseForm,
        permission="refuse",
        applies=_first_open_complaint,
        run=_refuse,
        done="Complaint recorded as not accepted. Send the letter explaining why.",
        warning="The case will close. The letter tells the complainant why, and of "
        "their right to go to the Ombudsman.",
    ),
    "convert": Action(
        title="Raise a complaint from this service request",
        button="Raise complaint",
        form=casework_forms.ConvertForm,
        permission="convert",
        applies=_is_service_request,
        run=_convert,
        done="Complaint raised and linked to the service request.",
        warning="The service request stays open: work on it must not stop.",
    ),
    "acknowledge": Action(
        title="Acknowledge",
        button="Acknowledge",
        form=casework_forms.AcknowledgeForm,
        permission="acknowledge",
        run=_acknowledge,
        done="Acknowledged. The acknowledgement letter is ready.",
        initial=_acknowledge_initial,
    ),
    "allocate": Action(
        title="Allocate",
        button="Allocate",
        form=casework_forms.AllocateForm,
        permission="allocate",
        applies=_is_open,
        run=_allocate,
        done="Allocated.",
        initial=_allocate_initial,
    ),
    "extend": Action(
        title="Extend the deadline",
        button="Extend",
        form=casework_forms.ExtendForm,
        permission="extend",
        applies=_has_deadline,
        run=_extend,
        done="Deadline extended. Send the extension letter.",
    ),
    "respond": Action(
        title="Respond",
        button="Save draft",
        form=casework_forms.ResponseForm,
        permission="respond",
        applies=_is_open,
        run=_respond,
        done="",
        initial=_response_initial,
        post_fields=("step",),
    ),
    "thank": Action(
        title="Record the thanks",
        button="Record the thanks",
        form=casework_forms.ThankForm,
        permission="respond",
        applies=_is_open,
        run=_thank,
        done="Thanks recorded. Close it when nothing more is needed.",
    ),
    "send": Action(
        title="Send the approved response",
        button="Record the response as sent",
        form=casework_forms.SendResponseForm,
        permission="respond",
        applies=_approved_to_send,
        run=_send,
        done="Response recorded as sent. The response letter is ready.",
    ),
    "panel": Action(
        title="Record review panel dates",
        button="Save",
        form=casework_forms.PanelForm,
        permission="panel",
        applies=_has_panel,
        run=_panel,
        done="Panel dates recorded. The deadline has been updated.",
        initial=_panel_initial,
    ),
    "add-action": Action(
        title="Add an outstanding action",
        button="Add action",
        form=casework_forms.LearningActionForm,
        permission="learning",
        applies=_is_complaint,
        run=_add_learning,
        done="Action added.",
    ),
    "approve": Action(
        title="Approve the response",
        button="Save decision",
        form=casework_forms.ApprovalForm,
        permission="approve",
        run=_approve,
        done="Approval decision recorded.",
    ),
    "escalate": Action(
        title="Escalate to the next stage",
        button="Escalate",
        form=casework_forms.EscalateForm,
        permission="escalate",
        applies=_can_escalate,
        run=_escalate,
        done="Escalated. The new stage's clock has started.",
        initial=_escalate_initial,
    ),
    "refuse-escalation": Action(
        title="Refuse escalation",
        button="Refuse escalation",
        form=casework_forms.EscalationRefuseForm,
        permission="refuse_escalation",
        applies=_can_refuse_escalation,
        run=_refuse_escalation,
        done="Escalation refused. Send the letter explaining why.",
        warning="Refuse only where an exclusion now applies. The letter gives the "
        "reasons and the right to go to the Ombudsman.",
    ),
    "withdraw": Action(
        title="Record a withdrawal",
        button="Record withdrawal",
        form=casework_forms.WithdrawForm,
        permission="withdraw",
        applies=_is_open,
        run=_withdraw,
        done="Withdrawal recorded and case closed.",
    ),
    "close": Action(
        title="Close the case",
        button="Close case",
        form=casework_forms.CloseForm,
        permission="close",
        applies=_can_close,
        run=_close,
        done="Case closed.",
        warning="Outstanding actions stay tracked after the case closes.",
    ),
    "reopen": Action(
        title="Reopen the case",
        button="Reopen case",
        form=casework_forms.ReopenForm,
        permission="reopen",
        applies=_is_closed,
        run=_reopen,
        done="Case reopened.",
    ),
    "language": Action(
        title="Change the language for letters and emails",
        button="Save",
        form=casework_forms.LanguageForm,
        permission="language",
        run=_language,
        done="Language for letters and emails saved.",
        initial=_language_initial,
    ),
    "note": Action(
        title="Add a note",
        button="Add note",
        form=casework_forms.NoteForm,
        permission="note",
        run=_note,
        done="Note added.",
    ),
    "attach": Action(
        title="Upload a document",
        button="Upload",
        form=casework_forms.AttachmentForm,
        permission="attach",
        run=_attach,
        done="Document uploaded.",
    ),
}

# The order buttons appear in: the usual next step first.
ACTION_ORDER = [
    "send",
    "acknowledge",
    "thank",
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
    "language",
]

# Less common or final decisions sit under "Other actions".
OTHER_ACTIONS = {"triage", "not-accepted", "refuse-escalation", "withdraw"}


def action_applies(name: str, case: Case, stage: Stage) -> bool:
    """Whether the action is possible now: the stage's status allows it and so does it."""
    return (
        lifecycle.status_allows(stage.status, name)
        and lifecycle.kind_allows(stage.kind, name)
        and ACTIONS[name].applies(case, stage)
    )


def available_actions(user: Any, case: Case, stage: Stage) -> list[tuple[str, Action]]:
    """The actions the user may take on the case's current stage now, next step first."""
    return [
        (name, ACTIONS[name])
        for name in ACTION_ORDER
        if action_applies(name, case, stage)
        and not permissions.refusal(user, stage, ACTIONS[name].permission)
    ]


def action_perform(
    *,
    name: str,
    user: Any,
    case: Case,
    stage: Stage,
    data: dict[str, Any],
    posted: Mapping[str, Any],
) -> ActionDone:
    """Run one casework action's service with the form's cleaned data (one call per page)."""
    spec = ACTIONS[name]
    data = {**data, **{field: posted.get(field, "") for field in spec.post_fields}}
    result = spec.run(user=user, case=case, stage=stage, data=data)
    if isinstance(result, services.ResponseSubmitted):
        return ActionDone(
            message=result.message,
            target=case,
            draft_refused=result.refused,
            draft_gaps=tuple(result.gaps),
        )
    if isinstance(result, Case) and result.pk != case.pk:
        return ActionDone(message=spec.done, target=result)
    return ActionDone(message=spec.done, target=case)
