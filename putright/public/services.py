"""Sending a journey's answers: routing to a service, rate limits, the one-time token."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from putright.complaints import attachments, follow
from putright.complaints.constants import Kind, Language
from putright.complaints.models import Case, ComplainantType, Procedure
from putright.complaints.services import (
    CaseworkError,
    case_documents_add_public,
    case_information_add_public,
    case_submit_public,
    procedure_corporate_default,
)
from putright.complaints.services.records import PUBLIC_DOCUMENTS_MAX
from putright.core.errors import ServiceError
from putright.core.tasks import enqueue
from putright.organisation.models import Directorate, Team
from putright.public.forms import NEEDS_CHOICES, UNSURE
from putright.public.journey import Journey
from putright.public.models import (
    EQUALITY_QUESTIONS,
    EqualityResponse,
    PendingUpload,
    PublicService,
    PublicSubmission,
)
from putright.public.tasks import send_follow_link

# The open vocabulary label recorded for each answer to "who is making the complaint?".
COMPLAINANT_TYPES = {
    "myself": "Person affected",
    "behalf": "Representative",
    "advocate": "Advocate",
    "elected": "MP or councillor",
}
RATE_WINDOW_SECONDS = 60 * 60
logger = logging.getLogger(__name__)


class SubmissionRefused(ServiceError):
    """The answers were not sent; the message says why and what to do."""

    status = 400


class SubmissionRateLimited(SubmissionRefused):
    status = 429


@dataclass(frozen=True)
class Route:
    directorate: Directorate
    team: Team | None
    procedure: Procedure | None


def service_choices() -> list[tuple[str, str]]:
    """The services a resident chooses from: the council's plain names (in the page's
    language), else directorates."""
    services = list(PublicService.objects.filter(is_active=True))
    language = translation.get_language() or settings.LANGUAGE_CODE
    if services:
        choices = [
            (f"s{service.pk}", service.name_in(language))
            for service in services
            if not service.receives_unsure
        ]
        if any(service.receives_unsure for service in services):
            choices.append((UNSURE, str(_("I'm not sure"))))
        return choices
    return [
        (f"d{directorate.pk}", directorate.name)
        for directorate in Directorate.objects.filter(is_active=True)
    ]


def _route(choice: str) -> Route:
    service: PublicService | None = None
    if choice == UNSURE:
        service = PublicService.objects.filter(
            receives_unsure=True, is_active=True
        ).first()
    elif choice.startswith("s") and choice[1:].isdigit():
        service = PublicService.objects.filter(
            pk=int(choice[1:]), is_active=True
        ).first()
    elif choice.startswith("d") and choice[1:].isdigit():
        directorate = Directorate.objects.filter(
            pk=int(choice[1:]), is_active=True
        ).first()
        if directorate is not None:
            return Route(directorate=directorate, team=None, procedure=None)
    if service is None:
        raise SubmissionRefused(
            _(
                "The service you chose is no longer listed. Go back to the first "
                "question and choose again."
            )
        )
    return Route(
        directorate=service.directorate, team=service.team, procedure=service.procedure
    )


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def _rate_keys(
    *, address: str | None, email: str, prefix: str = "public-rate"
) -> list[tuple[str, int]]:
    keys = []
    if address:
        keys.append(
            (
                f"{prefix}:addr:{_digest(address)}",
                settings.PUTRIGHT_PUBLIC_ADDRESS_LIMIT,
            )
        )
    if email:
        keys.append(
            (
                f"{prefix}:email:{_digest(email)}",
                settings.PUTRIGHT_PUBLIC_EMAIL_LIMIT,
            )
        )
    return keys


def _rate_check(keys: list[tuple[str, int]]) -> None:
    for key, limit in keys:
        if int(cache.get(key, 0)) >= limit:
            raise SubmissionRateLimited(
                _(
                    "You have sent the most forms we accept in one hour from this "
                    "address or email address. Nothing has been sent this time. Try "
                    "again in an hour, or telephone the council."
                )
            )


def _rate_count(keys: list[tuple[str, int]]) -> None:
    for key, _limit in keys:
        if cache.add(key, 1, RATE_WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, RATE_WINDOW_SECONDS)


def _adjustments_text(answers: dict[str, Any]) -> str:
    """The help asked for, as staff read it: the labels in English, whatever the form's
    language (the case's language says which language to reply in)."""
    chosen = answers.get("adjustments", {})
    labels = dict(NEEDS_CHOICES)
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            str(labels[need]) for need in chosen.get("needs", []) if need in labels
        ]
    if chosen.get("details"):
        lines.append(chosen["details"])
    return "\n".join(lines)


def _case_fields(journey: Journey, answers: dict[str, Any]) -> dict[str, Any]:
    contact = answers.get("contact", {})
    if journey.kind != Kind.COMPLAINT:
        return {
            "contact_name": contact.get("full_name", ""),
            "contact_email": contact.get("email", ""),
            "summary": answers["message"]["message"],
        }
    who = answers["who"]["who"]
    person = answers.get("person", {}) if who != "myself" else {}
    complainant_type, _created = ComplainantType.objects.get_or_create(
        name=COMPLAINANT_TYPES[who]
    )
    representative = contact["full_name"]
    if person.get("relationship"):
        representative = f"{representative} ({person['relationship']})"
    return {
        "contact_name": person.get("person_name") or contact["full_name"],
        "representative_name": representative if person else "",
        "consent_confirmed": bool(person.get("consent")),
        "contact_email": contact.get("email", ""),
        "contact_phone": contact.get("phone", ""),
        "contact_address": contact.get("address", ""),
        "contact_preference": contact.get("contact_by", ""),
        "complainant_type": complainant_type,
        "summary": answers["what-happened"]["what_happened"],
        "outcome_sought": answers["put-right"]["put_right"],
        "reasonable_adjustments": _adjustments_text(answers),
    }


def _equality_record(answer: dict[str, Any], directorate: Directorate) -> None:
    """Keep equality answers apart from the case: no case, no person, only the month."""
    chosen = {name: answer.get(name, "") for name, _choices in EQUALITY_QUESTIONS}
    if any(chosen.values()):
        EqualityResponse.objects.create(
            received_month=timezone.localdate().replace(day=1),
            directorate=directorate,
            **chosen,
        )


def public_submission_reference(token: str) -> str | None:
    """The reference a spent one-time token created, or None when it is unspent."""
    spent = PublicSubmission.objects.filter(token=token).exclude(reference="").first()
    return spent.reference if spent else None


def public_submission_send(
    *,
    journey: Journey,
    answers: dict[str, Any],
    token: str,
    address: str | None,
    language: str = Language.ENGLISH,
    journey_key: str = "",
) -> tuple[str, bool]:
    """Send a journey's answers once: (reference, created). A spent token creates nothing.

    `language` is the one the resident used the form in: their letters and emails use it.
    The documents chosen on the form (pending uploads of `journey_key`) go onto the case
    in the same transaction, and their pending copies are removed once it commits.
    """
    spent = public_submission_reference(token)
    if spent is not None:
        return spent, False
    email = answers.get("contact", {}).get("email", "")
    keys = _rate_keys(address=address, email=email)
    _rate_check(keys)
    route = _route(answers["service"]["service"])
    procedure = route.procedure
    if journey.kind == Kind.COMPLAINT and procedure is None:
        procedure = procedure_corporate_default()
        if procedure is None:
            raise SubmissionRefused(
                _(
                    "The council's complaints procedure is not set up yet, so the form "
                    "cannot be sent. Telephone or write to the council instead."
                )
            )
    try:
        with transaction.atomic():
            # The unique token is written first, in the same transaction as the case:
            # two presses of "Send" cannot both get past it.
            submission = PublicSubmission.objects.create(token=token, reference="")
            case: Case = case_submit_public(
                kind=journey.kind,
                directorate=route.directorate,
                team=route.team,
                procedure=procedure if journey.kind == Kind.COMPLAINT else None,
                language=language,
                **_case_fields(journey, answers),
            )
            submission.reference = case.reference
            submission.save(update_fields=["reference"])
            pending = _pending_for(journey_key, answers)
            if pending:
                _pending_attach(case, pending)
            _equality_record(answers.get("equality", {}), route.directorate)
    except CaseworkError as error:
        logger.error("The public form could not log a contact: %s", error.message)
        raise SubmissionRefused(
            _(
                "The form could not be sent because of a problem with the council's "
                "set-up. Nothing has been sent: telephone or write to the council "
                "instead."
            )
        ) from error
    except IntegrityError:
        # Another press of "Send" won the race and created the case.
        winner = PublicSubmission.objects.filter(token=token).first()
        if winner is None:
            raise
        return winner.reference, False
    _rate_count(keys)
    return case.reference, True


# Documents on the complaint form: kept as pending uploads until "Send".
PENDING_UPLOAD_HOURS = 24


def pending_uploads_add(
    *, journey_key: str, uploads: list[UploadedFile], already: int
) -> list[PendingUpload]:
    """Check the chosen files with the casework checks and keep them for this journey.

    One file refused (a disguised file, too big, too many) refuses them all and keeps none.
    """
    pending_uploads_purge()
    if already + len(uploads) > PUBLIC_DOCUMENTS_MAX:
        raise SubmissionRefused(
            _(
                "You can send up to %(count)s documents with the form. Remove one "
                "before adding another."
            )
            % {"count": PUBLIC_DOCUMENTS_MAX},
            field="documents",
        )
    for upload in uploads:
        try:
            attachments.check_upload(upload)
        except attachments.AttachmentRejected as error:
            name = attachments.clean_name(upload.name or "document")
            raise SubmissionRefused(
                f"{name}: {error.message}", field="documents"
            ) from error
    stored = []
    with transaction.atomic():
        for upload in uploads:
            row = PendingUpload(
                journey_key=journey_key,
                original_name=attachments.clean_name(upload.name or "document"),
                size=upload.size or 0,
            )
            upload.seek(0)
            row.file.save("upload", upload, save=False)
            row.save()
            stored.append(row)
    return stored


def pending_upload_remove(*, journey_key: str, pk: int) -> bool:
    """Remove one of this journey's documents (and its file); False if it is not theirs."""
    row = PendingUpload.objects.filter(journey_key=journey_key, pk=pk).first()
    if row is None:
        return False
    _pending_delete([row])
    return True


def _pending_delete(rows: list[PendingUpload]) -> None:
    for row in rows:
        row.file.delete(save=False)
        row.delete()


def pending_uploads_purge(hours: int = PENDING_UPLOAD_HOURS) -> int:
    """Remove the documents of forms abandoned more than `hours` ago, with their files."""
    since = timezone.now() - dt.timedelta(hours=hours)
    rows = list(PendingUpload.objects.filter(created_at__lt=since))
    _pending_delete(rows)
    return len(rows)


def _pending_for(journey_key: str, answers: dict[str, Any]) -> list[PendingUpload]:
    ids = [entry["id"] for entry in answers.get("documents", {}).get("files", [])]
    if not journey_key or not ids:
        return []
    return list(PendingUpload.objects.filter(journey_key=journey_key, pk__in=ids))


def _pending_attach(case: Case, rows: list[PendingUpload]) -> None:
    files = [
        UploadedFile(row.file.open("rb"), name=row.original_name, size=row.size)
        for row in rows
    ]
    try:
        case_documents_add_public(case=case, uploads=files)
    except CaseworkError as error:
        # Not logged: the message names the resident's file. The case is not created.
        raise SubmissionRefused(
            _(
                "One of your documents could not be kept. Go back to the documents "
                "question, remove it and add it again, then send the form."
            )
        ) from error
    finally:
        for upload in files:
            upload.close()
    transaction.on_commit(lambda: _pending_delete(rows))


# A fresh follow link: the same answer whether or not the details match a case.
FRESH_LINK_PREFIX = "public-follow"


def follow_link_request(*, reference: str, email: str, address: str | None) -> None:
    """Ask for a fresh follow link: the same work and answer whether or not it matches.

    Every request counts towards the rate limits and queues one background job with the
    reference and a keyed digest of the address (never the address itself); the job looks
    the case up and emails the link only when both match (`following.follow_link_send`).
    So neither the answer, nor what the request writes, nor its timing tells a stranger
    whether a reference exists. Refused (SubmissionRateLimited) only when the address or
    email has asked too often.
    """
    keys = _rate_keys(address=address, email=email, prefix=FRESH_LINK_PREFIX)
    _rate_check(keys)
    _rate_count(keys)
    enqueue(
        send_follow_link,
        reference=reference[:50],
        digest=follow.address_digest(email),
    )


FOLLOW_ADD_PREFIX = "public-follow-add"


def follow_information_add(
    *, case: Case, text: str, uploads: list[UploadedFile], address: str | None
) -> None:
    """Add the complainant's words and files from their follow page, within the limits.

    The same hourly limit per internet address as the forms (counted separately), so a
    leaked link cannot be used to flood a case; then `case_information_add_public`.
    """
    keys = _rate_keys(address=address, email="", prefix=FOLLOW_ADD_PREFIX)
    _rate_check(keys)
    case_information_add_public(case=case, text=text, uploads=uploads)
    _rate_count(keys)
