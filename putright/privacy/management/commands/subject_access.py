"""`putright subject_access --email ADDRESS --out FILE`: everything held about one person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.privacy.subject_access import (
    SubjectAccessError,
    subject_access_export,
    subject_access_matches,
    subject_access_open,
)


class Command(BaseCommand):
    help = (
        "Write a subject access file (zip) for the person with this email address: "
        "their cases, stages, letters, notes and attachments, other people's names "
        "marked for redaction. Their cases are held from disposal until the request is "
        "completed on the subject access page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--email", required=True, help="The person's email address."
        )
        parser.add_argument("--out", required=True, help="The zip file to write.")
        parser.add_argument(
            "--name", default="", help="Also list cases with this name."
        )
        parser.add_argument(
            "--postcode", default="", help="Also list cases at this postcode."
        )
        parser.add_argument(
            "--case",
            action="append",
            default=[],
            metavar="REFERENCE",
            help="Include this case (repeatable); default: the cases with the email.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.exists() or not out.parent.is_dir():
            raise CommandError(
                f"Cannot write {out}: it already exists or its folder does not.",
                returncode=2,
            )
        matches = subject_access_matches(
            email=options["email"], name=options["name"], postcode=options["postcode"]
        )
        for match in matches:
            self.stdout.write(
                f"{match.case.reference}  {match.case.get_kind_display():<20} "
                f"matched on {', '.join(match.reasons)}"
            )
        by_reference = {m.case.reference: m.case.pk for m in matches}
        if options["case"]:
            unknown = [r for r in options["case"] if r not in by_reference]
            if unknown:
                raise CommandError(
                    f"Not found for this person: {', '.join(unknown)}. Choose from the "
                    "cases listed above.",
                    returncode=2,
                )
            chosen = [by_reference[r] for r in options["case"]]
        else:
            chosen = [m.case.pk for m in matches if m.on_email]
        if not chosen:
            raise CommandError(
                "No case has that email address: nothing was written. Try --name or "
                "--postcode to search more widely.",
                returncode=1,
            )
        try:
            request = subject_access_open(
                by=None,
                email=options["email"],
                name=options["name"],
                postcode=options["postcode"],
                case_ids=chosen,
            )
            content = subject_access_export(request=request, by=None)
        except SubjectAccessError as error:
            raise CommandError(error.message, returncode=2) from None
        out.write_bytes(content)
        self.stdout.write(
            f"Wrote {out} ({len(chosen)} cases) for subject access request "
            f"{request.pk}. Its cases are held until the request is completed."
        )
