"""`putright createsuperuser [--role ROLE]`: Django's command, and the new user gets a role.

A superuser without a role would be a service officer who sees no cases: the flag opens
the administration area and nothing else (accounts/policy.py). The role defaults to
administrator; an unknown role is refused before anything is asked or written.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.core.management.base import CommandError, CommandParser
from django.db.models import Max

from putright.complaints.services.installation import (
    SetupRejected,
    superuser_role_give,
)


class Command(createsuperuser.Command):
    help = (
        "Create a superuser with a role (administrator unless --role says otherwise)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        roles = ", ".join(get_user_model().Role.values)
        parser.add_argument(
            "--role",
            default=get_user_model().Role.ADMINISTRATOR,
            help=f"The user's role: one of {roles}. Default: administrator.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user_model: Any = get_user_model()
        role = str(options.pop("role"))
        if role not in user_model.Role.values:
            roles = ", ".join(user_model.Role.values)
            raise CommandError(
                f"Role {role!r} is not recognised: use one of {roles}.", returncode=2
            )
        database = options["database"]
        manager = user_model._default_manager.db_manager(database)
        last_pk = manager.aggregate(last=Max("pk"))["last"] or 0
        super().handle(*args, **options)
        for user in manager.filter(pk__gt=last_pk, is_superuser=True):
            try:
                superuser_role_give(user=user, role=role)
            except SetupRejected as error:  # checked above; kept for the message
                raise CommandError(str(error), returncode=2) from error
            if options.get("verbosity", 1) >= 1:
                label = user_model.Role(role).label
                self.stdout.write(f"{user.get_username()} has the role {label}.")
