"""`putright second_factor_reset USERNAME`: remove someone's authenticator app (audited).

For the server's administrators when nobody who may reset on the staff page can sign in,
for example the only administrator has lost their phone.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.accounts.models import User
from putright.signin.services import second_factor_device, second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator app so they set up a new one at their next "
        "sign-in. Recorded in the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The putright username.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be reset, and change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no putright user called {username!r}.")
        if second_factor_device(user) is None:
            self.stdout.write(
                f"{username} has no authenticator app set up: nothing to do."
            )
            return
        if options["dry_run"]:
            self.stdout.write(f"Would reset the second factor of {username} (dry run).")
            return
        second_factor_reset(user=user, by=None)
        self.stdout.write(
            f"Reset the second factor of {username}. They set up a new authenticator "
            "app at their next sign-in."
        )
