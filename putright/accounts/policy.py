"""What each role may do: the one table of role rules, and the decorator that enforces it.

A capability is a kind of work (casework, Ombudsman cases, reports, administration). A user
has a capability only through their role; being a Django superuser adds nothing but the
administration area, so an installer's account never reads case data by accident
(docs/regulatory-rules.md §8.9). Which cases a casework role reaches, and what it may do on
one case, is the complaints app's rule (`putright.complaints.permissions`), built on this.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from putright.accounts.models import User


class Capability(enum.StrEnum):
    CASEWORK = "casework"  # see and act on the cases in the user's scope
    ALL_CASES = "all_cases"  # every case, every action, moving cases between services
    # Every case of the user's directorate, with approvals, escalations, overdue alerts.
    SERVICE_OVERSIGHT = "service_oversight"
    OMBUDSMAN = "ombudsman"  # Ombudsman enquiries, decisions and compliance
    # Read the Ombudsman cases of the user's services: every one with OMBUDSMAN, else
    # those of the user's own directorate (a head of service); never decide or record.
    OMBUDSMAN_READ = "ombudsman_read"
    DASHBOARD = "dashboard"  # aggregate figures, every service
    REPORTS = "reports"  # generate and download the annual report
    # The internal report (case summaries, quotes, unsuppressed counts): the complaints
    # team for every service, a manager only for their own directorate (docs §6).
    INTERNAL_REPORT = "internal_report"
    PUBLICATION = "publication"  # write and approve published versions of case text
    REPORT_COMMENTARY = "report_commentary"  # write the report's commentary
    ADMINISTRATION = "administration"  # users, reference data, every report run
    # Reset a colleague's second factor when their phone is lost (audited).
    SIGN_IN_RECOVERY = "sign_in_recovery"
    # The list of emails sent (when, to whom, status) and sending a failed one again. The
    # text of an email to a resident is case data: reading it also needs ALL_CASES.
    SENT_EMAILS = "sent_emails"
    # Import contact records and Ombudsman cases from files on the Imports page.
    IMPORTS = "imports"


Role = User.Role

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COMPLAINTS_TEAM: frozenset(
        {
            Capability.CASEWORK,
            Capability.ALL_CASES,
            Capability.OMBUDSMAN,
            Capability.OMBUDSMAN_READ,
            Capability.DASHBOARD,
            Capability.REPORTS,
            Capability.INTERNAL_REPORT,
            Capability.REPORT_COMMENTARY,
            Capability.SIGN_IN_RECOVERY,
            Capability.PUBLICATION,
            Capability.SENT_EMAILS,
            Capability.IMPORTS,
        }
    ),
    Role.MANAGER: frozenset(
        {
            Capability.CASEWORK,
            Capability.SERVICE_OVERSIGHT,
            Capability.OMBUDSMAN_READ,
            Capability.DASHBOARD,
            Capability.REPORTS,
            Capability.INTERNAL_REPORT,
        }
    ),
    Role.SERVICE_OFFICER: frozenset({Capability.CASEWORK, Capability.DASHBOARD}),
    Role.REPORTING_VIEWER: frozenset({Capability.DASHBOARD, Capability.REPORTS}),
    Role.ADMINISTRATOR: frozenset(
        {
            Capability.DASHBOARD,
            Capability.REPORTS,
            Capability.REPORT_COMMENTARY,
            Capability.ADMINISTRATION,
            Capability.SIGN_IN_RECOVERY,
            Capability.SENT_EMAILS,
        }
    ),
}

# The superuser policy: the flag opens the administration area and nothing else.
SUPERUSER_CAPABILITIES = frozenset({Capability.ADMINISTRATION})


def capabilities(user: Any) -> frozenset[Capability]:
    """Everything a signed-in, active user may do; nothing for anyone else."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return frozenset()
    granted = ROLE_CAPABILITIES.get(user.role, frozenset())
    if user.is_superuser:
        granted = granted | SUPERUSER_CAPABILITIES
    return granted


def can(user: Any, capability: Capability | str) -> bool:
    """Whether `user` has `capability` (see ROLE_CAPABILITIES)."""
    return Capability(capability) in capabilities(user)


def require(user: Any, capability: Capability) -> None:
    """Raise PermissionDenied unless `user` has `capability` (for services)."""
    if not can(user, capability):
        raise PermissionDenied(f"The {capability.value} capability is needed.")


def may_read_internal_report(user: Any, directorate_id: int | None) -> bool:
    """Whether `user` may have the internal report for one directorate (None: every one).

    The complaints team reads it for any scope; a manager only for their own directorate,
    so another directorate's case summaries never reach them; nobody else at all.
    """
    if not can(user, Capability.INTERNAL_REPORT):
        return False
    if can(user, Capability.ALL_CASES):
        return True
    own = getattr(user, "directorate_id", None)
    return own is not None and directorate_id == own


def roles_with(capability: Capability) -> frozenset[str]:
    """The roles that carry `capability`, for choosing staff or recipients."""
    return frozenset(
        role for role, granted in ROLE_CAPABILITIES.items() if capability in granted
    )


def staff_with(capability: Capability) -> Q:
    """A filter on User rows: active staff whose role carries `capability`."""
    return Q(is_active=True, role__in=sorted(roles_with(capability)))


def role_labels_with(capability: Capability) -> list[str]:
    """The names of the roles that carry `capability`, in the order roles are listed."""
    holders = roles_with(capability)
    return [str(label) for value, label in Role.choices if value in holders]


def forbidden(
    request: HttpRequest, needed: tuple[Capability, ...] = ()
) -> HttpResponse:
    """The one 403 page: it says which roles may use the page, and shows no data."""
    holders = None
    if needed:
        common = set.intersection(*(set(role_labels_with(c)) for c in needed))
        holders = [label for label in role_labels_with(needed[0]) if label in common]
    return render(request, "forbidden.html", {"holders": holders}, status=403)


class AuthenticatedHttpRequest(HttpRequest):
    """A request that has passed `role_required` (or `login_required`): a signed-in user."""

    user: User


View = Callable[..., HttpResponseBase]


def role_required(*needed: Capability) -> Callable[[View], View]:
    """Signed in, with every capability in `needed`; anyone else gets the 403 page.

    A PermissionDenied raised further in (a service refusing, a case out of scope for an
    action) also becomes the 403 page.
    """

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if not all(can(request.user, capability) for capability in needed):
                return forbidden(request, needed)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return forbidden(request)

        return wrapper

    return decorator
