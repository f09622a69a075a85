"""`putright setup`: the council and its first administrator, safe to run again (§7)."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.complaints.services.installation import (
    AdministratorValues,
    CouncilValues,
    SetupRejected,
    installation_setup,
)

PASSWORD_VARIABLE = "PUTRIGHT_ADMIN_PASSWORD"  # noqa: S105 (a variable name)


def _whole_number(option: str, text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.replace(",", "").strip())
    except ValueError:
        raise CommandError(
            f"{option} {text!r} is not a whole number: write it like 250000.",
            returncode=2,
        ) from None


class Command(BaseCommand):
    help = (
        "Set up the council (name, nation, authority type, population, homes, financial "
        "year start) and its first administrator. Run again to update."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="The council's name.")
        parser.add_argument(
            "--nation", help="england, wales, scotland or northern_ireland."
        )
        parser.add_argument(
            "--authority-type",
            help="county, district, metropolitan, unitary or london.",
        )
        parser.add_argument("--population", help="Residents, a whole number.")
        parser.add_argument(
            "--homes", help="Homes owned, for Housing Ombudsman figures."
        )
        parser.add_argument(
            "--financial-year-start",
            help="Month the financial year starts, 1 to 12 (most councils: 4, April).",
        )
        parser.add_argument(
            "--brand-colour",
            help="The public pages' header colour, e.g. #1d4f91 (white text must "
            "have a contrast of at least 4.5 to 1 on it).",
        )
        parser.add_argument("--admin", help="Username of the first administrator.")
        parser.add_argument("--admin-email", help="The administrator's email address.")
        parser.add_argument(
            "--admin-role",
            default="administrator",
            help="The administrator's role (default: administrator).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: the password comes from ${PASSWORD_VARIABLE} (if set).",
        )

    def _ask(self, options: dict[str, Any], name: str, question: str) -> str:
        if options[name] is None and options["interactive"]:
            options[name] = input(question).strip()
        return options[name] or ""

    def _password(self, options: dict[str, Any]) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if password or not options["interactive"]:
            return password
        first = getpass.getpass("Administrator's password: ")
        if first != getpass.getpass("The same password again: "):
            raise CommandError(
                "The two passwords differ: nothing was changed.", returncode=2
            )
        return first

    def handle(self, *args: Any, **options: Any) -> None:
        council = CouncilValues(
            name=self._ask(options, "council", "Council's name: "),
            nation=self._ask(options, "nation", "Nation (england, wales, ...): "),
            kind=options["authority_type"],
            population=_whole_number("--population", options["population"]),
            homes=_whole_number("--homes", options["homes"]),
            financial_year_start_month=_whole_number(
                "--financial-year-start", options["financial_year_start"]
            ),
            brand_colour=options["brand_colour"],
        )
        administrator = None
        if options["admin"] is not None or options["admin_email"] is not None:
            administrator = AdministratorValues(
                username=options["admin"] or "",
                email=options["admin_email"] or "",
                role=options["admin_role"],
                password=self._password(options),
            )
        try:
            result = installation_setup(council=council, administrator=administrator)
        except SetupRejected as rejected:
            raise CommandError(
                "\n".join([*rejected.errors, "Nothing was changed."]), returncode=2
            ) from rejected
        self._report(result)

    def _report(self, result: Any) -> None:
        verb = "Set up" if result.council_created else "Updated"
        if not result.council_created and not result.changed:
            verb = "Unchanged:"
        self.stdout.write(f"{verb} {result.council.name}.")
        if result.administrator is not None:
            user = result.administrator
            made = "Created" if result.administrator_created else "Updated"
            self.stdout.write(f"{made} administrator {user.username} ({user.email}).")
            if not user.has_usable_password():
                self.stdout.write(
                    f"Set their password with `putright changepassword {user.username}`."
                )
