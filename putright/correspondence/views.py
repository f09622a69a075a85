"""Staff pages of correspondence: a case's letters, their Word and PDF files, posting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from putright.accounts.policy import Capability, role_required
from putright.audit.constants import ReadKind
from putright.audit.services import audit_read
from putright.complaints import permissions, selectors
from putright.core.errors import ServiceError
from putright.correspondence import services
from putright.correspondence.models import Letter

casework_required = role_required(Capability.CASEWORK)
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _letter(request: HttpRequest, reference: str, pk: int) -> Letter:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    return get_object_or_404(
        Letter.objects.select_related("case", "stage", "sent_by"), case=case, pk=pk
    )


@casework_required
@require_http_methods(["GET"])
def case_letters(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, reference=reference)
    letters = list(
        Letter.objects.filter(case=case)
        .select_related("stage", "sent_by", "email", "recipient_user")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "letter": letter,
            "can_post": (
                letter.status == Letter.Status.TO_POST
                or services.letter_email_failed(letter)
            )
            and permissions.can_act(request.user, letter.stage, "note"),
            "failed": services.letter_email_failed(letter),
        }
        for letter in letters
    ]
    return render(
        request, "correspondence/case_letters.html", {"case": case, "rows": rows}
    )


@casework_required
@require_http_methods(["GET"])
def letter_download(
    request: HttpRequest, reference: str, pk: int, fmt: str
) -> FileResponse:
    letter = _letter(request, reference, pk)
    if fmt not in FORMATS:
        raise Http404("No such format.")
    stored = letter.pdf if fmt == "pdf" else letter.docx
    if not stored:
        raise Http404("This letter has no file in that format.")
    audit_read(
        user=request.user,
        kind=ReadKind.LETTER_DOWNLOADED,
        target=letter.stage,
        case=letter.case,
        details={"letter": letter.kind, "format": fmt},
    )
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{letter.file_stem}.{fmt}",
        content_type=FORMATS[fmt],
    )


@casework_required
@require_POST
def letter_posted(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    letter = _letter(request, reference, pk)
    try:
        services.letter_mark_posted(letter=letter, by=request.user)
    except ServiceError as error:
        if not permissions.can_act(request.user, letter.stage, "note"):
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
    else:
        messages.success(request, "Letter recorded as posted.")
    return redirect("correspondence:case_letters", reference=letter.case.reference)
