"""`putright api_token USERNAME`: make an API token and print it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.accounts.models import User
from putright.api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a staff user and print it (it is not shown again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(
                f"There is no user called {options['username']!r}.", returncode=2
            )
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is not active.", returncode=2)
        raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(raw)
        self.stderr.write(
            "Keep this token safe: it is shown only once. Send it as "
            "'Authorization: Bearer <token>'."
        )
