"""Checks for uploaded documents: size, and a type allow-list by content and extension.

A file is accepted only when its extension is on the list AND its first bytes match that
type, so a renamed HTML or executable file is refused. Files are stored under random names
and always served as downloads with `nosniff`, never inline.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from putright.complaints.constants import ATTACHMENT_MAX_BYTES


class AttachmentRejected(Exception):
    """The upload is not allowed; the message says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    content_type: str


PDF = FileKind("PDF", ("pdf",), "application/pdf")
PNG = FileKind("PNG image", ("png",), "image/png")
JPEG = FileKind("JPEG image", ("jpg", "jpeg"), "image/jpeg")
DOCX = FileKind(
    "Word document",
    ("docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileKind(
    "Excel spreadsheet",
    ("xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
ODT = FileKind("OpenDocument text", ("odt",), "application/vnd.oasis.opendocument.text")
TEXT = FileKind("plain text", ("txt",), "text/plain")
EMAIL = FileKind("email", ("eml",), "message/rfc822")
KINDS = (PDF, PNG, JPEG, DOCX, XLSX, ODT, TEXT, EMAIL)
ALLOWED_EXTENSIONS = tuple(ext for kind in KINDS for ext in kind.extensions)

_HTML_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body")


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_member(upload: UploadedFile, wanted: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if wanted.endswith("/"):
                return any(name.startswith(wanted) for name in names)
            return wanted in names
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lowered = text.lower().lstrip().encode()
    return not any(marker in lowered for marker in _HTML_MARKERS)


def _matches(kind: FileKind, head: bytes, upload: UploadedFile) -> bool:
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind is PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if kind is DOCX:
        return head.startswith(b"PK\x03\x04") and _zip_member(
            upload, "word/document.xml"
        )
    if kind is XLSX:
        return head.startswith(b"PK\x03\x04") and _zip_member(upload, "xl/workbook.xml")
    if kind is ODT:
        return head.startswith(b"PK\x03\x04") and _zip_member(upload, "content.xml")
    return _is_text(head)


def check_upload(upload: UploadedFile) -> FileKind:
    """The upload's kind, or AttachmentRejected with a message saying what is wrong."""
    size = upload.size or 0
    if size == 0:
        raise AttachmentRejected("The selected file is empty.")
    if size > ATTACHMENT_MAX_BYTES:
        raise AttachmentRejected("The selected file must be smaller than 10 MB.")
    extension = _extension(upload.name or "")
    kind = next((k for k in KINDS if extension in k.extensions), None)
    if kind is None:
        raise AttachmentRejected(
            "The selected file must be a PDF, Word (.docx), Excel (.xlsx), OpenDocument "
            "text, JPEG, PNG, plain text or email (.eml) file."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if not _matches(kind, head, upload):
        raise AttachmentRejected(
            f"The selected file is not a real {kind.label}: its contents do not match "
            f"its name."
        )
    upload.seek(0)
    return kind


def clean_name(name: str) -> str:
    """A safe display and download name: no paths, no control or quote characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w .()-]", "_", name).strip(" .") or "document"
    return name[:200]
