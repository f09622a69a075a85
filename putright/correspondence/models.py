"""The council's letter templates, and every letter and notice produced for a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from putright.complaints.constants import Language
from putright.correspondence.kinds import Audience, LetterKind


class LetterTemplate(models.Model):
    """The council's words for one kind of letter in one language.

    Without a row the default (`kinds.SPECS`, translated) is used. Saving through the
    admin checks the template renders and has the placeholders its kind needs.
    """

    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    language = models.CharField(
        max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    subject = models.CharField(
        max_length=200, help_text=_("The email subject, and the letter's title.")
    )
    body = models.TextField(
        help_text=_(
            "Paragraphs separated by a blank line; # starts a heading, - a list item. "
            "((name)) puts in a value: the list below shows which this letter can use."
        )
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"], name="letter_template_unique_kind_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_language_display()})"


def _letter_path(instance: Letter, filename: str) -> str:
    # Under the case; the name holds the reference and kind, never a person's name.
    return f"letters/{instance.case.reference}/{filename}"


class Letter(models.Model):
    """One letter or notice about one stage, to one person, produced exactly once.

    `key` is its idempotent key (`letter:acknowledgement:stage:42`): the row is claimed
    before anything is sent, so two handlers or a retried task never produce it twice.
    The text and files are kept, so a failed email is retried, never lost.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        POST = "post", _("Post")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Email queued")
        SENT = "sent", _("Sent")
        TO_POST = "to_post", _("Ready to post")
        POSTED = "posted", _("Posted")

    key = models.CharField(max_length=200, unique=True)
    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="letters"
    )
    stage = models.ForeignKey(
        "complaints.Stage", on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    language = models.CharField(max_length=5, choices=Language.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    # Who it goes to: the member of staff, or the complainant's name and address as
    # they stood when it was written (personal data: kept with the case).
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient = models.CharField(max_length=200, blank=True)
    to = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    text = models.TextField(help_text=_("The letter as sent, in plain text."))
    docx = models.FileField(upload_to=_letter_path, max_length=200, blank=True)
    pdf = models.FileField(upload_to=_letter_path, max_length=200, blank=True)
    email = models.ForeignKey(
        "notifications.NotificationEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Whose action produced it."),
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.audit_label

    @property
    def audit_label(self) -> str:
        """How the audit trail names it: kind, stage and channel, never a name."""
        return f"{self.get_kind_display()}, stage {self.stage.number} ({self.channel})"

    @property
    def file_stem(self) -> str:
        return f"{self.case.reference}-stage-{self.stage.number}-{self.kind}"
