"""Case notes and documents."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from putright.audit.services import audit_record, snapshot
from putright.complaints import attachments
from putright.complaints.constants import Language
from putright.complaints.models import (
    Attachment,
    Case,
    CaseNote,
)
from putright.complaints.services.base import (
    PUBLIC_ACTOR,
    CaseworkError,
    _bump_case,
    _latest_stage,
    _lock_case,
    _require,
)


def case_language_set(*, case: Case, by: Any, version: int, language: str) -> Case:
    """Record the language the complainant's letters and emails are written in."""
    if language not in Language.values:
        raise CaseworkError(
            "Choose English or Welsh for the letters and emails.", field="language"
        )
    with transaction.atomic():
        case = _lock_case(case, version)
        _require(by, _latest_stage(case), "language")
        if case.language == language:
            return case
        before = snapshot(case, ["language", "version"])
        case.language = language
        _bump_case(case, ("language",))
        audit_record(
            actor=by,
            verb="case.language_changed",
            target=case,
            case=case,
            before=before,
            after=snapshot(case, ["language", "version"]),
            message=f"Letters and emails now in {Language(language).label}.",
        )
    return case


def case_note_add(*, case: Case, by: Any, text: str) -> CaseNote:
    """Add a note to the case record (Code §5: keep a full record)."""
    if not text.strip():
        raise CaseworkError("Enter the note.", field="text")
    with transaction.atomic():
        case = _lock_case(case, None)
        _require(by, _latest_stage(case), "note")
        note = CaseNote.objects.create(case=case, author=by, text=text.strip())
        _bump_case(case)
        audit_record(
            actor=by,
            verb="case.note_added",
            target=note,
            case=case,
            after={"note": note.pk},
        )
    return note


def attachment_add(
    *, case: Case, by: Any, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Store a document under a random name after checking its size and real type."""
    try:
        kind = attachments.check_upload(upload)
    except attachments.AttachmentRejected as error:
        raise CaseworkError(error.message, field="file") from error
    with transaction.atomic():
        case = _lock_case(case, None)
        _require(by, _latest_stage(case), "attach")
        return _attachment_store(
            case=case,
            by=by,
            upload=upload,
            content_type=kind.content_type,
            description=description,
        )


def _attachment_store(
    *, case: Case, by: Any, upload: UploadedFile, content_type: str, description: str
) -> Attachment:
    """Write a checked document to storage and the case (the case is locked by the caller)."""
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        case=case,
        original_name=attachments.clean_name(upload.name or "document"),
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        description=description.strip(),
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    _bump_case(case)
    audit_record(
        actor=by,
        verb="case.attachment_added",
        target=attachment,
        case=case,
        after=snapshot(attachment, ["original_name", "content_type", "size"]),
    )
    return attachment


# The most documents one message from a complainant (follow page or public form) carries.
PUBLIC_DOCUMENTS_MAX = 10
# The longest message a complainant adds on their follow page (about 1,500 words).
PUBLIC_TEXT_MAX = 10_000


def _public_documents_check(uploads: list[UploadedFile]) -> list[attachments.FileKind]:
    """Check every file before anything is stored: one bad file refuses them all."""
    if len(uploads) > PUBLIC_DOCUMENTS_MAX:
        raise CaseworkError(
            gettext("Select %(count)s files or fewer.")
            % {"count": PUBLIC_DOCUMENTS_MAX},
            field="documents",
        )
    kinds = []
    for upload in uploads:
        try:
            kinds.append(attachments.check_upload(upload))
        except attachments.AttachmentRejected as error:
            name = attachments.clean_name(upload.name or "document")
            raise CaseworkError(
                f"{name}: {error.message}", field="documents"
            ) from error
    return kinds


def _public_attachment_store(
    case: Case, upload: UploadedFile, kind: attachments.FileKind
) -> Attachment:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        case=case,
        original_name=attachments.clean_name(upload.name or "document"),
        content_type=kind.content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=None,
        from_complainant=True,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    audit_record(
        actor=PUBLIC_ACTOR,
        verb="case.attachment_added",
        target=attachment,
        case=case,
        after=snapshot(attachment, ["original_name", "content_type", "size"]),
        message="Sent by the complainant.",
    )
    return attachment


def case_documents_add_public(
    *, case: Case, uploads: list[UploadedFile]
) -> list[Attachment]:
    """Documents sent with the public complaint form: checked, then kept on the case."""
    kinds = _public_documents_check(uploads)
    with transaction.atomic():
        stored = [
            _public_attachment_store(case, upload, kind)
            for upload, kind in zip(uploads, kinds, strict=True)
        ]
    return stored


def case_information_add_public(
    *, case: Case, text: str, uploads: list[UploadedFile] | None = None
) -> CaseNote:
    """The complainant adds information or documents on their follow page.

    The words become a case note marked as from the complainant (staff see "Added by the
    complainant"), the files attachments after the casework checks; the audit trail keeps
    only that it happened, the note's number and how many files, never the words.
    """
    uploads = uploads or []
    text = text.strip()
    if not text:
        raise CaseworkError(
            gettext("Tell us what you want to add, and describe any documents."),
            field="text",
        )
    if len(text) > PUBLIC_TEXT_MAX:
        raise CaseworkError(
            gettext("Your message must be %(limit)s characters or fewer.")
            % {"limit": f"{PUBLIC_TEXT_MAX:,}"},
            field="text",
        )
    if "\x00" in text:
        raise CaseworkError(
            gettext("Your message contains characters that are not allowed."),
            field="text",
        )
    kinds = _public_documents_check(uploads)
    with transaction.atomic():
        case = _lock_case(case, None)
        note = CaseNote.objects.create(
            case=case, author=None, text=text, from_complainant=True
        )
        for upload, kind in zip(uploads, kinds, strict=True):
            _public_attachment_store(case, upload, kind)
        _bump_case(case)
        audit_record(
            actor=PUBLIC_ACTOR,
            verb="case.information_added",
            target=note,
            case=case,
            after={"note": note.pk, "documents": len(uploads)},
        )
    return note
