"""Subject access: finding everything held about one person and packing it as a zip.

UK GDPR article 15. The complaints team finds the person's cases (by email and, if given,
name and postcode), chooses the ones that are really theirs, and downloads one zip: an HTML
index and a CSV manifest of every case, stage, letter, note and attachment, the letters as
pages, and the attachments themselves. Other people's names are marked for the officer to
redact before sending: the other people on the same case (the complainant or their
representative) and any name stored anywhere in the database that appears in the text.
Staff names are marked too, as kept (officers acting in their role). While a request is
open its cases are under a legal hold, so retention cannot dispose of them. Every step is
audited with case references only, never the person's details.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from putright.accounts.models import User
from putright.audit.services import audit_record
from putright.complaints import letters
from putright.complaints.models import Case, Stage
from putright.core.csv_safe import escape_row
from putright.privacy.models import LegalHold, SubjectAccessRequest

THIRD_PARTY = "third_party"
STAFF = "staff"
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")


class SubjectAccessError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise_postcode(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


@dataclass(frozen=True)
class Match:
    case: Case
    reasons: tuple[str, ...]

    @property
    def on_email(self) -> bool:
        return "email" in self.reasons


def subject_access_matches(
    *, email: str, name: str = "", postcode: str = ""
) -> list[Match]:
    """The cases that may be about the person: same email, or same name or postcode."""
    email, name, code = email.strip(), name.strip(), normalise_postcode(postcode)
    query = Q(contact_email__iexact=email) if email else Q(pk__in=[])
    if name:
        query |= Q(contact_name__iexact=name) | Q(representative_name__iexact=name)
    if code:
        # Addresses are free text: narrow in the database, then compare without spaces.
        query |= Q(contact_address__icontains=code[-3:])
    matches = []
    for case in Case.objects.filter(query).order_by("reference"):
        reasons = []
        if email and case.contact_email.lower() == email.lower():
            reasons.append("email")
        if name and case.contact_name.lower() == name.lower():
            reasons.append("name")
        if name and case.representative_name.lower() == name.lower():
            reasons.append("representative")
        if code and code in normalise_postcode(case.contact_address):
            reasons.append("postcode")
        if reasons:
            matches.append(Match(case=case, reasons=tuple(reasons)))
    return matches


def _hold_cases(request: SubjectAccessRequest, by: Any) -> None:
    chosen = set(request.cases.values_list("pk", flat=True))
    held = set(
        request.holds.filter(released_at__isnull=True).values_list("case_id", flat=True)
    )
    for case_id in chosen - held:
        LegalHold.objects.create(
            case_id=case_id,
            reason=LegalHold.Reason.SUBJECT_ACCESS,
            request=request,
            placed_by=by if getattr(by, "is_authenticated", False) else None,
        )
    request.holds.filter(released_at__isnull=True, case_id__in=held - chosen).update(
        released_at=timezone.now(),
        released_by=by if getattr(by, "is_authenticated", False) else None,
    )


def _references(request: SubjectAccessRequest) -> list[str]:
    return sorted(request.cases.values_list("reference", flat=True))


def subject_access_open(
    *,
    by: Any,
    email: str,
    name: str = "",
    postcode: str = "",
    received_on: dt.date | None = None,
    case_ids: list[int] | None = None,
) -> SubjectAccessRequest:
    """Record a subject access request and hold the chosen cases while it is open."""
    email = email.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise SubjectAccessError(
            "Enter the person's email address, like name@example.com."
        )
    if len(normalise_postcode(postcode)) > 8:
        raise SubjectAccessError(
            "Enter a postcode of up to 8 characters, like SW1A 1AA."
        )
    with transaction.atomic():
        request = SubjectAccessRequest.objects.create(
            email=email,
            name=name.strip()[:200],
            postcode=postcode.strip().upper()[:10],
            received_on=received_on or timezone.localdate(),
            opened_by=by if getattr(by, "is_authenticated", False) else None,
        )
        if case_ids is None:
            case_ids = [
                m.case.pk for m in subject_access_matches(email=email) if m.on_email
            ]
        request.cases.set(case_ids)
        _hold_cases(request, by)
        audit_record(
            actor=by,
            verb="subject_access.opened",
            target=request,
            after={"cases": _references(request)},
        )
    return request


def subject_access_choose(
    *, request: SubjectAccessRequest, by: Any, case_ids: list[int]
) -> SubjectAccessRequest:
    """Change which cases a request covers; holds follow the choice."""
    if not request.is_open:
        raise SubjectAccessError("This request is completed: its cases cannot change.")
    allowed = {
        m.case.pk
        for m in subject_access_matches(
            email=request.email, name=request.name, postcode=request.postcode
        )
    }
    if not set(case_ids) <= allowed:
        raise SubjectAccessError("Choose only cases found for this person.")
    with transaction.atomic():
        before = {"cases": _references(request)}
        request.cases.set(case_ids)
        _hold_cases(request, by)
        audit_record(
            actor=by,
            verb="subject_access.cases_chosen",
            target=request,
            before=before,
            after={"cases": _references(request)},
        )
    return request


def subject_access_complete(
    *, request: SubjectAccessRequest, by: Any
) -> SubjectAccessRequest:
    """Complete a request: its holds are released, so retention applies again."""
    if not request.is_open:
        raise SubjectAccessError("This request is already completed.")
    with transaction.atomic():
        request.status = SubjectAccessRequest.Status.COMPLETED
        request.completed_at = timezone.now()
        request.completed_by = by if getattr(by, "is_authenticated", False) else None
        request.save(update_fields=["status", "completed_at", "completed_by"])
        request.holds.filter(released_at__isnull=True).update(
            released_at=request.completed_at, released_by=request.completed_by
        )
        audit_record(
            actor=by,
            verb="subject_access.completed",
            target=request,
            after={"cases": _references(request)},
        )
    return request


# Redaction marks ---------------------------------------------------------------------


@dataclass
class Marker:
    """Marks other people's names in text: third parties to redact, staff to keep."""

    names: dict[str, str]
    found: list[tuple[str, str, str, str]] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        variants: dict[str, str] = {}
        for name, category in self.names.items():
            variants.setdefault(name.lower(), category)
            parts = name.split()
            if len(parts) > 1 and len(parts[-1]) > 2:
                for title in _TITLES:
                    variants.setdefault(f"{title} {parts[-1]}".lower(), category)
        self.names = variants
        if variants:
            alternation = "|".join(
                re.escape(v) for v in sorted(variants, key=len, reverse=True)
            )
            self._pattern = re.compile(rf"(?<!\w)({alternation})(?!\w)", re.IGNORECASE)

    def mark(self, text: str, *, reference: str, where: str) -> SafeString:
        """The text, HTML-escaped, with each name found wrapped in a <mark>."""
        if not text or self._pattern is None:
            return mark_safe(html.escape(text or ""))  # noqa: S308 (escaped)
        out, last = [], 0
        for found in self._pattern.finditer(text):
            category = self.names[found.group(1).lower()]
            self.found.append((reference, where, found.group(1), category))
            out.append(html.escape(text[last : found.start()]))
            label = (
                "Third party: redact before sending"
                if category == THIRD_PARTY
                else "Staff name: kept"
            )
            out.append(
                f'<mark class="{category}" title="{label}">'
                f"{html.escape(found.group(1))}</mark>"
            )
            last = found.end()
        out.append(html.escape(text[last:]))
        return mark_safe("".join(out))  # noqa: S308 (every piece escaped)

    def mark_html(self, page: str, *, reference: str, where: str) -> str:
        """Mark names in the text between the tags of a rendered page."""
        pieces = re.split(r"(<[^>]+>)", page)
        body = False
        for i, piece in enumerate(pieces):
            if piece.startswith("<"):
                body = body or piece.lower().startswith("<body")
                continue
            if body and piece.strip():
                pieces[i] = self.mark(
                    html.unescape(piece), reference=reference, where=where
                )
        return "".join(pieces)


def _subject_names(request: SubjectAccessRequest, cases: list[Case]) -> set[str]:
    """The person's own names: never marked."""
    names = {request.name.lower()} if request.name else set()
    for case in cases:
        if case.contact_email.lower() == request.email.lower() and case.contact_name:
            names.add(case.contact_name.lower())
    return names


def _marker_for(request: SubjectAccessRequest, cases: list[Case]) -> Marker:
    own = _subject_names(request, cases)
    names: dict[str, str] = {}
    for user in User.objects.all():
        full = user.get_full_name().strip()
        if full and full.lower() not in own:
            names[full] = STAFF
    stored = Case.objects.exclude(contact_name="").values_list(
        "contact_name", flat=True
    )
    reps = Case.objects.exclude(representative_name="").values_list(
        "representative_name", flat=True
    )
    requesters = (
        SubjectAccessRequest.objects.exclude(pk=request.pk)
        .exclude(name="")
        .values_list("name", flat=True)
    )
    for name in [*stored.distinct(), *reps.distinct(), *requesters.distinct()]:
        if name.strip() and name.lower() not in own and len(name.strip()) > 2:
            names[name.strip()] = THIRD_PARTY  # a resident's name beats a staff match
    for case in cases:
        for name in (case.contact_name, case.representative_name):
            if name and name.lower() not in own:
                names[name] = THIRD_PARTY
    return Marker(names=names)


# The package -------------------------------------------------------------------------


_STAGE_TEXT = (
    ("summary", "Summary"),
    ("understanding", "The complaint as understood"),
    ("response_reasons", "Reasons for the decision"),
    ("refusal_details", "Why it was not accepted"),
    ("extension_reason", "Reason for the extension"),
    ("learning", "Learning"),
    ("escalation_refusal_details", "Why escalation was refused"),
)


def _case_entry(case: Case, marker: Marker, files: dict[str, bytes]) -> dict[str, Any]:
    ref = case.reference
    stages = list(
        case.stages.select_related(
            "procedure",
            "directorate",
            "team",
            "handler",
            "refusal_reason",
            "escalation_refusal_reason",
            "case",
        ).prefetch_related("remedies", "learning_actions")
    )
    entry: dict[str, Any] = {
        "case": case,
        "representative": marker.mark(
            case.representative_name, reference=ref, where="case"
        ),
        "adjustments": marker.mark(
            case.reasonable_adjustments, reference=ref, where="case"
        ),
        "outcome_sought": marker.mark(case.outcome_sought, reference=ref, where="case"),
        "stages": [],
        "notes": [],
        "attachments": [],
        "letters": [],
        "ombudsman": [],
        "manifest": [(f"index.html#{ref}", ref, "case", case.get_kind_display())],
    }
    for stage in stages:
        entry["stages"].append(_stage_entry(stage, marker, files, entry))
    for note in case.notes.select_related("author").order_by("created_at", "pk"):
        where = f"note {note.pk}"
        entry["notes"].append(
            {"note": note, "text": marker.mark(note.text, reference=ref, where=where)}
        )
        entry["manifest"].append(
            (f"index.html#{ref}-note-{note.pk}", ref, "note", where)
        )
    for attachment in case.attachments.order_by("created_at", "pk"):
        path = f"attachments/{ref}/{attachment.pk}-{attachment.original_name}"
        with attachment.file.open("rb") as handle:
            files[path] = handle.read()
        entry["attachments"].append({"attachment": attachment, "path": path})
        entry["manifest"].append((path, ref, "attachment", attachment.original_name))
    for item in case.ombudsman_cases.order_by("received"):
        entry["ombudsman"].append(
            {
                "item": item,
                "summary": marker.mark(item.summary, reference=ref, where="Ombudsman"),
            }
        )
    return entry


def _stage_entry(
    stage: Stage, marker: Marker, files: dict[str, bytes], entry: dict[str, Any]
) -> dict[str, Any]:
    ref = stage.case.reference
    where = f"stage {stage.number}"
    texts = [
        (label, marker.mark(getattr(stage, name), reference=ref, where=where))
        for name, label in _STAGE_TEXT
        if getattr(stage, name)
    ]
    remedies = [
        (r.get_type_display(), marker.mark(r.description, reference=ref, where=where))
        for r in stage.remedies.all()
    ]
    for kind, title in letters.LETTER_KINDS.items():
        if not letters.letter_available(stage, kind):
            continue
        page = render_to_string(
            "complaints/letter_standalone.html", letters.letter_context(stage, kind)
        )
        path = f"letters/{ref}/stage-{stage.number}-{kind}.html"
        files[path] = marker.mark_html(
            page, reference=ref, where=f"{where} {kind} letter"
        ).encode()
        entry["letters"].append({"title": str(title), "path": path, "stage": stage})
        entry["manifest"].append((path, ref, "letter", f"{where}: {title}"))
    entry["manifest"].append(
        (f"index.html#{ref}-stage-{stage.number}", ref, "stage", where)
    )
    return {"stage": stage, "texts": texts, "remedies": remedies}


def _csv(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(escape_row(list(row)))
    return ("\ufeff" + buffer.getvalue()).encode()


def subject_access_export(*, request: SubjectAccessRequest, by: Any) -> bytes:
    """The zip for one request: index.html, manifest.csv, redactions.csv, letters, files."""
    cases = list(request.cases.order_by("reference"))
    if not cases:
        raise SubjectAccessError(
            "Choose at least one case before downloading the file."
        )
    marker = _marker_for(request, cases)
    files: dict[str, bytes] = {}
    entries = [_case_entry(case, marker, files) for case in cases]
    manifest = [row for entry in entries for row in entry["manifest"]]
    generated_at = timezone.now()
    index = render_to_string(
        "privacy/subject_access_index.html",
        {
            "request": request,
            "entries": entries,
            "generated_at": generated_at,
            "by": by,
            "third_parties": sum(1 for f in marker.found if f[3] == THIRD_PARTY),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index)
        archive.writestr(
            "manifest.csv",
            _csv(manifest, ("path", "case_reference", "type", "description")),
        )
        archive.writestr(
            "redactions.csv",
            _csv(
                [
                    (*row, "redact" if row[3] == THIRD_PARTY else "keep")
                    for row in marker.found
                ],
                ("case_reference", "where", "name", "category", "action"),
            ),
        )
        for path, content in files.items():
            archive.writestr(path, content)
    with transaction.atomic():
        request.exported_at = generated_at
        request.save(update_fields=["exported_at"])
        audit_record(
            actor=by,
            verb="subject_access.exported",
            target=request,
            after={
                "cases": [case.reference for case in cases],
                "files": len(files),
            },
        )
    return buffer.getvalue()
