"""Set-up of an installation: the council's settings and its first administrator.

It lives with the complaints services because a change of nation moves every stored clock.

`putright setup` (docs/interchange-format.md §7) calls `installation_setup`; it is safe to run again (it
updates). Reads never create the council, so this and `putright demo` are the only writers
of a new council row. Every value is checked first: a rejected set-up changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from putright.audit.services import audit_record
from putright.complaints.services.calendar import council_calendar_changed
from putright.organisation.branding import brand_colour_validate
from putright.organisation.models import Council


class SetupRejected(ValueError):
    """Set-up values that cannot be used; each message says what to give instead."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(" ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class CouncilValues:
    """What set-up may set on the council; None keeps the current (or default) value."""

    name: str
    nation: str
    kind: str | None = None
    population: int | None = None
    homes: int | None = None
    financial_year_start_month: int | None = None
    brand_colour: str | None = None


@dataclass(frozen=True)
class AdministratorValues:
    """The first administrator; a blank password leaves them unable to sign in yet."""

    username: str
    email: str
    role: str = "administrator"
    password: str = ""


@dataclass
class SetupResult:
    council: Council
    council_created: bool
    administrator: Any = None
    administrator_created: bool = False
    changed: list[str] = field(default_factory=list)


def _choice(value: str, choices: Any, what: str, option: str) -> tuple[str, str | None]:
    """A choice by its code or its label, case-insensitive."""
    text = " ".join(str(value).strip().lower().replace("_", " ").split())
    for code, label in choices.choices:
        if text in (code.replace("_", " "), label.lower()):
            return code, None
    codes = ", ".join(code for code, _ in choices.choices)
    return "", f"{what} {value!r} is not recognised: give {option} one of {codes}."


def _council_errors(values: CouncilValues) -> list[str]:
    errors = []
    if not values.name.strip():
        errors.append("Give the council's name with --council.")
    elif len(values.name.strip()) > 200:
        errors.append("The council's name must be 200 characters or fewer.")
    errors += [
        f"{label} must be 0 or more."
        for label, number in (
            ("Population", values.population),
            ("Homes", values.homes),
        )
        if number is not None and number < 0
    ]
    month = values.financial_year_start_month
    if month is not None and not 1 <= month <= 12:
        errors.append(
            "The financial year start must be a month from 1 (January) to 12 "
            "(December); most councils use 4 (April)."
        )
    if values.brand_colour is not None:
        try:
            brand_colour_validate(values.brand_colour)
        except ValidationError as error:
            errors += [f"--brand-colour: {message}" for message in error.messages]
    return errors


def _administrator_errors(values: AdministratorValues) -> list[str]:
    user_model: Any = get_user_model()
    errors = []
    try:
        user_model.username_validator(values.username)
    except ValidationError:
        errors.append(
            f"Username {values.username!r} is not allowed: use letters, digits and "
            "@ . + - _ only."
        )
    if not values.username:
        errors = ["Give the administrator's username with --admin."]
    try:
        validate_email(values.email)
    except ValidationError:
        errors.append(
            f"Email {values.email!r} is not an email address: give --admin-email "
            "like name@council.gov.uk."
        )
    if values.role not in user_model.Role.values:
        roles = ", ".join(user_model.Role.values)
        errors.append(f"Role {values.role!r} is not recognised: use one of {roles}.")
    if values.password:
        try:
            validate_password(values.password)
        except ValidationError as error:
            errors += [str(message) for message in error.messages]
    return errors


def _council_write(values: CouncilValues, nation: str, kind: str | None) -> SetupResult:
    council = Council.objects.order_by("pk").first()
    created = council is None
    council = council or Council()
    previous_nation, previous_closures = (
        council.nation,
        ([] if created else council.closure_dates()),
    )
    wanted = {
        "name": values.name.strip(),
        "nation": nation,
        "kind": kind,
        "population": values.population,
        "homes": values.homes,
        "financial_year_start_month": values.financial_year_start_month,
        "brand_colour": values.brand_colour,
    }
    changed = [
        name
        for name, value in wanted.items()
        if value is not None and getattr(council, name) != value
    ]
    before = {} if created else {name: getattr(council, name) for name in changed}
    for name in changed:
        setattr(council, name, wanted[name])
    if created or changed:
        council.save()
        audit_record(
            actor=None,
            verb="council.set_up" if created else "council.updated",
            target=council,
            before=before,
            after={name: getattr(council, name) for name in changed},
        )
    if not created and "nation" in changed:
        council_calendar_changed(
            council=council,
            previous_nation=previous_nation,
            previous_closure_days=previous_closures,
            by=None,
        )
    return SetupResult(council=council, council_created=created, changed=changed)


def _administrator_write(values: AdministratorValues) -> tuple[Any, bool]:
    user_model: Any = get_user_model()
    user: Any
    user, created = user_model.objects.get_or_create(
        username=values.username,
        defaults={"email": values.email, "role": values.role},
    )
    user.email = values.email
    user.role = values.role
    user.is_staff = True
    user.is_superuser = True
    user.is_active = True
    if values.password:
        user.set_password(values.password)
    elif created:
        user.set_unusable_password()
    user.save()
    audit_record(
        actor=None,
        verb="user.set_up" if created else "user.updated",
        target=user,
        after={"role": user.role, "is_superuser": True},
    )
    return user, created


def installation_setup(
    *, council: CouncilValues, administrator: AdministratorValues | None = None
) -> SetupResult:
    """Create or update the council and its first administrator; refuse bad values whole."""
    nation, nation_error = _choice(council.nation, Council.Nation, "Nation", "--nation")
    kind, kind_error = (None, None)
    if council.kind is not None:
        kind, kind_error = _choice(
            council.kind, Council.Kind, "Authority type", "--authority-type"
        )
    errors = [e for e in (nation_error, kind_error) if e] + _council_errors(council)
    if administrator is not None:
        errors += _administrator_errors(administrator)
    if errors:
        raise SetupRejected(errors)
    with transaction.atomic():
        result = _council_write(council, nation, kind)
        if administrator is not None:
            result.administrator, result.administrator_created = _administrator_write(
                administrator
            )
    return result


def superuser_role_give(*, user: Any, role: str) -> Any:
    """Give a new superuser a role: the flag alone opens the admin site and nothing else."""
    user_model: Any = get_user_model()
    if role not in user_model.Role.values:
        roles = ", ".join(user_model.Role.values)
        raise SetupRejected([f"Role {role!r} is not recognised: use one of {roles}."])
    with transaction.atomic():
        user.role = role
        user.is_staff = True
        user.save(update_fields=["role", "is_staff"])
        audit_record(
            actor=None,
            verb="user.set_up",
            target=user,
            after={"role": user.role, "is_superuser": True},
        )
    return user
