"""The casework actions offered on a case page: form, who may, when it applies, service.

Each action is one form page (`views.case_action`) that calls one service. Permissions come
from `permissions.can_act`; `applies` only decides whether the button is shown now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from putright.complaints import forms as casework_forms
from putright.complaints import letters, permissions, services
from putright.complaints.constants import NON_DECISION_OUTCOMES, Kind, StageStatus
from putright.complaints.models import Case, Stage


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
    content = dict.fromkeys(("outcome", "response_reasons", "understanding"), "")
    content["remedies"] = []
    content.update(data)
    stage = services.stage_response_save(stage=stage, by=user, **content)
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


def form_for(action: str, stage: Stage, form: Any) -> Any:
    """Trim the response form for contacts that are not complaints (no decision letter)."""
    if action == "respond" and stage.kind != Kind.COMPLAINT:
        for name in COMPLAINT_ONLY_FIELDS:
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
