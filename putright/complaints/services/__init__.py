"""Writes to procedures and complaint records, by subdomain; every write is audited.

See README.md for the lifecycle. Import services from here: `services.case_log(...)`.
"""

from putright.complaints.services.base import (
    CaseworkError,
    StaleCaseError,
    stage_needs_approval,
)
from putright.complaints.services.closure import (
    case_close,
    case_reopen,
    case_withdraw,
)
from putright.complaints.services.escalation import (
    stage_escalate,
    stage_escalation_refuse,
    stage_escalation_request_public,
    stage_review_offer,
)
from putright.complaints.services.intake import (
    case_convert_to_complaint,
    case_email_reply_add,
    case_log,
    case_receive_email,
    case_refuse,
    case_submit_public,
    case_triage,
)
from putright.complaints.services.learning import (
    learning_action_add,
    learning_action_update,
)
from putright.complaints.services.procedures import (
    procedure_corporate_default,
    procedure_create_from_rule,
    procedure_default,
    procedure_ensure_builtins,
    procedures_offered,
)
from putright.complaints.services.records import (
    attachment_add,
    case_documents_add_public,
    case_information_add_public,
    case_language_set,
    case_note_add,
)
from putright.complaints.services.references import (
    reference_next,
    reference_sequences_catch_up,
)
from putright.complaints.services.remedies import remedies_undelivered, remedy_deliver
from putright.complaints.services.responses import (
    RESPONSE_STEPS,
    ResponseSubmitted,
    stage_approval_decide,
    stage_approval_request,
    stage_respond,
    stage_response_save,
    stage_response_submit,
    stage_thank,
)
from putright.complaints.services.restrictions import (
    restriction_record,
    restriction_review,
)
from putright.complaints.services.stages import (
    stage_acknowledge,
    stage_allocate,
    stage_extend,
    stage_extension_limit,
    stage_is_panel,
    stage_panel_record,
)

__all__ = [
    "restriction_record",
    "restriction_review",
    "procedure_corporate_default",
    "case_submit_public",
    "case_receive_email",
    "case_email_reply_add",
    "procedure_create_from_rule",
    "procedure_default",
    "CaseworkError",
    "StaleCaseError",
    "attachment_add",
    "case_documents_add_public",
    "case_information_add_public",
    "stage_escalation_request_public",
    "stage_review_offer",
    "case_close",
    "case_convert_to_complaint",
    "case_log",
    "case_language_set",
    "case_note_add",
    "case_refuse",
    "case_reopen",
    "case_triage",
    "case_withdraw",
    "learning_action_add",
    "learning_action_update",
    "procedure_ensure_builtins",
    "procedures_offered",
    "reference_next",
    "reference_sequences_catch_up",
    "remedy_deliver",
    "remedies_undelivered",
    "stage_acknowledge",
    "stage_allocate",
    "stage_approval_decide",
    "stage_approval_request",
    "stage_escalate",
    "stage_escalation_refuse",
    "stage_extend",
    "stage_extension_limit",
    "stage_is_panel",
    "stage_needs_approval",
    "stage_panel_record",
    "stage_respond",
    "stage_thank",
    "stage_response_save",
    "stage_response_submit",
    "RESPONSE_STEPS",
    "ResponseSubmitted",
]
