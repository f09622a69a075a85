"""The error every service raises when a rule refuses a change."""

from __future__ import annotations


class ServiceError(Exception):
    """A rule refused the change; the message is shown to the user as it is.

    `field` names the form field the message belongs beside, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
