"""Reading letters: what a complainant has been sent."""

from __future__ import annotations

from putright.complaints.models import Case
from putright.correspondence.kinds import Audience
from putright.correspondence.models import Letter


def letters_for_complainant(case: Case) -> list[Letter]:
    """The letters the complainant has been sent (emailed or posted), newest first.

    For the complainant's own follow page: letters still queued or waiting to be posted
    have not reached them yet, and staff notices are never theirs to see.
    """
    return list(
        Letter.objects.filter(
            case=case,
            audience=Audience.COMPLAINANT,
            status__in=(Letter.Status.SENT, Letter.Status.POSTED),
        )
        .select_related("stage")
        .order_by("-sent_at", "-pk")
    )


def letter_for_complainant(case: Case, pk: int) -> Letter | None:
    """One of those letters, if it is theirs and was sent."""
    return next(
        (letter for letter in letters_for_complainant(case) if letter.pk == pk), None
    )
