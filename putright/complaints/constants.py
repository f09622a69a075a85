"""Closed vocabularies of the interchange format (docs/interchange-format.md §4.1) and workflow states.

The stage lifecycle (transitions, first status, what each status allows) is in
`lifecycle.py`.
"""

from django.db import models


class Kind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    INFORMAL_COMPLAINT = "informal_complaint", "Informal complaint"
    SERVICE_REQUEST = "service_request", "Service request"
    COMMENT = "comment", "Comment"
    COMPLIMENT = "compliment", "Compliment"
    MP_ENQUIRY = "mp_enquiry", "MP enquiry"
    MEMBER_ENQUIRY = "member_enquiry", "Member enquiry"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REFUSED = "refused", "Refused (not accepted)"
    OUT_OF_JURISDICTION = "out_of_jurisdiction", "Out of jurisdiction"
    OTHER = "other", "Other"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    WEB_FORM = "web_form", "Web form"
    LETTER = "letter", "Letter"
    TELEPHONE = "telephone", "Telephone"
    IN_PERSON = "in_person", "In person"
    SOCIAL_MEDIA = "social_media", "Social media"
    OTHER = "other", "Other"


class ContactPreference(models.TextChoices):
    """How the person wants the council to contact them (asked by the public form)."""

    EMAIL = "email", "Email"
    PHONE = "phone", "Telephone"
    POST = "post", "Post"


class Language(models.TextChoices):
    """The language the person chose: every letter and email to them is written in it."""

    ENGLISH = "en-gb", "English"
    WELSH = "cy", "Cymraeg"


class RemedyType(models.TextChoices):
    APOLOGY = "apology", "Apology"
    EXPLANATION = "explanation", "Explanation"
    FINANCIAL = "financial", "Financial remedy"
    SERVICE_ACTION = "service_action", "Service action"
    DECISION_CHANGED = "decision_changed", "Decision changed"
    RECORD_AMENDED = "record_amended", "Record amended"
    POLICY_CHANGE = "policy_change", "Policy change"
    TRAINING = "training", "Training"


class Family(models.TextChoices):
    CORPORATE = "corporate", "Corporate complaints procedure"
    STATUTORY = "statutory", "Statutory complaints procedure"


class DayBasis(models.TextChoices):
    WORKING = "working", "Working days"
    CALENDAR = "calendar", "Calendar days"


class Ombudsman(models.TextChoices):
    LGSCO = "lgsco", "Local Government and Social Care Ombudsman"
    HO = "ho", "Housing Ombudsman"
    SPSO = "spso", "Scottish Public Services Ombudsman"
    PSOW = "psow", "Public Services Ombudsman for Wales"
    NIPSO = "nipso", "Northern Ireland Public Services Ombudsman"


class StageStatus(models.TextChoices):
    AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement", "Awaiting acknowledgement"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    RESPONDED = "responded", "Responded"
    CLOSED = "closed", "Closed"


class LearningStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    NOT_ACHIEVED = "not_achieved", "Not achieved"


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
