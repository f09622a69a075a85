"""`putright demo_users`: one demo login per role, printed with its password."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from putright.demo.services import (
    DEFAULT_DEMO_PASSWORD,
    PASSWORD_VARIABLE,
    demo_password,
    demo_users_ensure,
)


class Command(BaseCommand):
    help = "Create (or reset the password of) one demo login per role."

    def handle(self, *args: object, **options: object) -> None:
        password = demo_password()
        logins = demo_users_ensure(password=password)
        rows = [
            ("Username", "Role", "Works in"),
            *((x.username, x.role, x.where) for x in logins),
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        out = self.stdout
        out.write("Demo logins (demo only: never use these on a live system):")
        for row in rows:
            out.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        if password == DEFAULT_DEMO_PASSWORD:
            out.write(
                f"Password for every demo login: {password} (the documented demo "
                f"password; set {PASSWORD_VARIABLE} to choose another)."
            )
        else:
            out.write(
                f"Password for every demo login: the value of {PASSWORD_VARIABLE}."
            )
        if getattr(settings, "PUTRIGHT_SECOND_FACTOR_REQUIRED", True):
            out.write(
                "Roles that see case data, and the administrator, are asked to set up "
                "an authenticator app at first sign-in."
            )
        else:
            out.write(
                "Second factor: switched off in development, so a password alone "
                "signs in (set PUTRIGHT_SECOND_FACTOR_REQUIRED=true to try it)."
            )
