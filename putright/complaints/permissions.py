"""Which cases a casework role reaches and what it may do on one: case scope and actions.

Role rules (who has casework at all, who sees every case) are in
`putright.accounts.policy`; this module adds the case scope on top of them.

- Complaints team: every case, every action.
- Manager or head of service: cases with a stage in their directorate; every action on them,
  including approvals and escalations.
- Service officer: cases with a stage allocated to them or to their team (or, with no team,
  to their directorate); actions only on stages allocated to them or their team.
- Reporting viewer and administrator: no case data (dashboards, reports, reference data).

Selectors filter every list, search, export and count with `case_scope`; services check
`can_act` before they write. A case outside the scope is a 404, never its data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from putright.accounts import policy
from putright.accounts.policy import Capability

# Actions on a stage, by the level of access they need.
OFFICER_ACTIONS = frozenset(
    {
        "acknowledge",
        "extend",
        "respond",
        "request_approval",
        "withdraw",
        "close",
        "convert",
        "note",
        "attach",
        "language",
        "learning",
        "remedy",
        "panel",
    }
)
MANAGER_ACTIONS = frozenset(
    {
        "allocate",
        "approve",
        "escalate",
        "refuse_escalation",
        "reopen",
        "triage",
        "refuse",
    }
)
ACTIONS = OFFICER_ACTIONS | MANAGER_ACTIONS

CASEWORK_ROLES = policy.roles_with(Capability.CASEWORK)


def has_casework_access(user: Any) -> bool:
    """Reporting viewers and administrators see no case data (docs/regulatory-rules.md §8.9)."""
    return policy.can(user, Capability.CASEWORK)


def is_complaints_team(user: Any) -> bool:
    """The complaints team sees every case and may do every action on it."""
    return policy.can(user, Capability.ALL_CASES)


def stage_scope(user: Any, prefix: str = "") -> Q:
    """A filter on Stage rows (or, with a prefix such as "stages__", related rows) in scope."""
    if not has_casework_access(user):
        return Q(pk__in=[])
    if is_complaints_team(user):
        return Q()
    mine = Q(**{f"{prefix}handler": user})
    if policy.can(user, Capability.SERVICE_OVERSIGHT):
        if user.directorate_id is None:
            return mine
        return mine | Q(**{f"{prefix}directorate_id": user.directorate_id})
    if user.team_id is not None:
        return mine | Q(**{f"{prefix}team_id": user.team_id})
    if user.directorate_id is not None:
        return mine | Q(**{f"{prefix}directorate_id": user.directorate_id})
    return mine


def sees_every_record(
    user: Any, *, directorate_id: int | None, team_id: int | None
) -> bool:
    """Whether every record of a service (or team) is in `user`'s scope.

    A dashboard figure links to the case list only then, so the list holds exactly the
    records the figure counts: the complaints team for any selection, a manager for their
    own service, an officer for their own team.
    """
    if not has_casework_access(user):
        return False
    if is_complaints_team(user):
        return True
    if policy.can(user, Capability.SERVICE_OVERSIGHT):
        return directorate_id is not None and directorate_id == user.directorate_id
    if user.team_id is not None:
        return team_id is not None and team_id == user.team_id
    return directorate_id is not None and directorate_id == user.directorate_id


def case_scope(user: Any) -> Q:
    """A filter on Case rows: a case is visible when any of its stages is in scope."""
    from putright.complaints.models import Stage

    if not has_casework_access(user):
        return Q(pk__in=[])
    if is_complaints_team(user):
        return Q()
    return Q(pk__in=Stage.objects.filter(stage_scope(user)).values("case_id"))


def can_act(user: Any, stage: Any, action: str) -> bool:
    """Whether `user` may do `action` on `stage` (see the module docstring)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}.")
    if not has_casework_access(user):
        return False
    if is_complaints_team(user):
        return True
    if policy.can(user, Capability.SERVICE_OVERSIGHT):
        return (
            user.directorate_id is not None
            and stage.directorate_id == user.directorate_id
        ) or stage.handler_id == user.pk
    if action in MANAGER_ACTIONS:
        return False
    if stage.handler_id == user.pk:
        return True
    return user.team_id is not None and stage.team_id == user.team_id


def may_log_into(user: Any, directorate_id: int | None, team_id: int | None) -> bool:
    """Officers and managers log contacts only into their own part of the council."""
    if not has_casework_access(user):
        return False
    if is_complaints_team(user):
        return True
    if user.directorate_id is None or directorate_id != user.directorate_id:
        return False
    if not policy.can(user, Capability.SERVICE_OVERSIGHT) and user.team_id is not None:
        return team_id == user.team_id
    return True


def refusal(user: Any, stage: Any, action: str) -> str:
    """Why `user` may not do `action` on `stage` now, in words for the case page; "" if
    they may. The same rules as `can_act`, plus: a response is never approved by the
    person who asked for its approval (so they are not offered it)."""
    if not can_act(user, stage, action):
        if action in MANAGER_ACTIONS and not policy.can(
            user, Capability.SERVICE_OVERSIGHT
        ):
            return (
                "Only a manager of the case's service or the complaints team can do "
                "this."
            )
        return (
            "This stage is allocated to another team: its officer, the service's "
            "manager or the complaints team can do this."
        )
    if action == "approve" and stage.approval_requested_by_id == user.pk:
        return (
            "You asked for this response's approval, so someone else must approve it."
        )
    return ""
