"""`{{ user|can:"reports" }}`: show a link or button only to the roles that may use it."""

from typing import Any

from django import template

from putright.accounts import policy

register = template.Library()


@register.filter
def can(user: Any, capability: str) -> bool:
    """Whether the user's role carries the capability (see accounts.policy)."""
    return policy.can(user, capability)
