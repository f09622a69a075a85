"""The kinds of read the audit trail records (who viewed or downloaded what)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

READ_PREFIX = "read."


class ReadKind(models.TextChoices):
    CASE_VIEWED = "read.case_viewed", _("Case page opened")
    LETTER_VIEWED = "read.letter_viewed", _("Letter opened")
    LETTER_DOWNLOADED = "read.letter_downloaded", _("Letter downloaded")
    ATTACHMENT_DOWNLOADED = "read.attachment_downloaded", _("Document downloaded")
    CASE_LIST_EXPORTED = "read.case_list_exported", _("Case list exported")
    REPORT_RUN = "read.report_run", _("Internal report run")
    REPORT_DOWNLOADED = "read.report_downloaded", _("Internal report downloaded")
    OMBUDSMAN_CASE_VIEWED = "read.ombudsman_case_viewed", _("Ombudsman case opened")
    EQUALITY_VIEWED = "read.equality_viewed", _("Equality data viewed")
    # The complainant opened their follow page (a signed link, no account).
    FOLLOW_PAGE_VIEWED = "read.follow_page_viewed", _("Follow page opened")
    # The sent-emails page: an email's text (it may hold a resident's address) and files.
    EMAIL_VIEWED = "read.email_viewed", _("Sent email opened")
    EMAIL_ATTACHMENT_DOWNLOADED = (
        "read.email_attachment_downloaded",
        _("Sent email's attachment downloaded"),
    )
    # For the subject access page and command: the file made for one person's request.
    SUBJECT_ACCESS_EXPORTED = (
        "read.subject_access_exported",
        _("Subject access file made"),
    )
    # The administrators' export of everything (putright/transfer): the zip downloaded.
    EVERYTHING_DOWNLOADED = (
        "read.everything_downloaded",
        _("Export of everything downloaded"),
    )

    @classmethod
    def windowed(cls) -> frozenset[ReadKind]:
        """Page views: a repeat by the same person within a few minutes is one viewing."""
        return frozenset(
            {
                cls.CASE_VIEWED,
                cls.LETTER_VIEWED,
                cls.OMBUDSMAN_CASE_VIEWED,
                cls.FOLLOW_PAGE_VIEWED,
                cls.EMAIL_VIEWED,
            }
        )
