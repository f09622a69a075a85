"""Closed vocabularies of the interchange format (docs/interchange-format.md §4.1) and workflow states.

The stage lifecycle (transitions, first status, what each status allows) is in
`lifecycle.py`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    INFORMAL_COMPLAINT = "informal_complaint", _("Informal complaint")
    SERVICE_REQUEST = "service_request", _("Service request")
    COMMENT = "comment", _("Comment")
    COMPLIMENT = "compliment", _("Compliment")
    MP_ENQUIRY = "mp_enquiry", _("MP enquiry")
    MEMBER_ENQUIRY = "member_enquiry", _("Member enquiry")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFUSED = "refused", _("Refused (not accepted)")
    OUT_OF_JURISDICTION = "out_of_jurisdiction", _("Out of jurisdiction")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    WEB_FORM = "web_form", _("Web form")
    LETTER = "letter", _("Letter")
    TELEPHONE = "telephone", _("Telephone")
    IN_PERSON = "in_person", _("In person")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OTHER = "other", _("Other")


class ContactPreference(models.TextChoices):
    """How the person wants the council to contact them (asked by the public form)."""

    EMAIL = "email", _("Email")
    PHONE = "phone", _("Telephone")
    POST = "post", _("Post")


class Language(models.TextChoices):
    """The language the person chose: every letter and email to them is written in it."""

    ENGLISH = "en-gb", "English"
    WELSH = "cy", "Cymraeg"


class RemedyType(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    EXPLANATION = "explanation", _("Explanation")
    FINANCIAL = "financial", _("Financial remedy")
    SERVICE_ACTION = "service_action", _("Service action")
    DECISION_CHANGED = "decision_changed", _("Decision changed")
    RECORD_AMENDED = "record_amended", _("Record amended")
    POLICY_CHANGE = "policy_change", _("Policy change")
    TRAINING = "training", _("Training")


class Family(models.TextChoices):
    CORPORATE = "corporate", _("Corporate complaints procedure")
    STATUTORY = "statutory", _("Statutory complaints procedure")


class DayBasis(models.TextChoices):
    WORKING = "working", "Working days"
    CALENDAR = "calendar", "Calendar days"


class Ombudsman(models.TextChoices):
    LGSCO = "lgsco", _("Local Government and Social Care Ombudsman")
    HO = "ho", _("Housing Ombudsman")
    SPSO = "spso", _("Scottish Public Services Ombudsman")
    PSOW = "psow", _("Public Services Ombudsman for Wales")
    NIPSO = "nipso", _("Northern Ireland Public Services Ombudsman")


class StageStatus(models.TextChoices):
    AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement", _("Awaiting acknowledgement")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    RESPONDED = "responded", _("Responded")
    CLOSED = "closed", _("Closed")


class LearningStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    NOT_ACHIEVED = "not_achieved", "Not achieved"


class LearningCategory(models.TextChoices):
    """What kind of improvement a learning action is (seed 004's corrective actions).

    Blank is allowed: an imported `learning` cell says nothing of its kind.
    """

    POLICY = "policy_procedure", "Policy or procedure change"
    TRAINING = "staff_training", "Staff training or guidance"
    COMMUNICATION = "communication", "Communication with residents"
    PROCESS = "process_improvement", "Process improvement"
    SERVICE_STANDARD = "service_standard", "Service standard"
    OTHER = "other", "Other"


# Outcomes that end a stage without a decision on its merits.
NON_DECISION_OUTCOMES = frozenset({Outcome.WITHDRAWN, Outcome.REFUSED})
# Outcomes a stage response letter records as a decision (docs/regulatory-rules.md §8.5).
DECISION_OUTCOMES = (
    Outcome.UPHELD,
    Outcome.PARTLY_UPHELD,
    Outcome.NOT_UPHELD,
    Outcome.OUT_OF_JURISDICTION,
    Outcome.OTHER,
)

# Attachments: 10 MB, and only these types (checked by content and by extension).
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
