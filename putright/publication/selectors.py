"""The one read every output for the public or for roles without case access uses."""

from __future__ import annotations

from collections.abc import Iterable

from putright.publication.models import SOURCE_FIELD, PublishedText


def approved_wording(*, purpose: str, source_ids: Iterable[int]) -> dict[int, str]:
    """Approved, not withdrawn, published wording by source id (§6.1); nothing else."""
    ids = [i for i in source_ids if i is not None]
    if not ids:
        return {}
    field = SOURCE_FIELD[PublishedText.Purpose(purpose)]
    rows = PublishedText.objects.filter(
        purpose=purpose,
        approved_at__isnull=False,
        withdrawn_at__isnull=True,
        **{f"{field}_id__in": ids},
    ).values_list(f"{field}_id", "wording")
    return dict(rows)


def approved_texts(*, purpose: str, limit: int = 10) -> list[dict[str, object]]:
    """The most recently approved published wordings of one purpose, newest first."""
    field = SOURCE_FIELD[PublishedText.Purpose(purpose)]
    return list(
        PublishedText.objects.filter(
            purpose=purpose, approved_at__isnull=False, withdrawn_at__isnull=True
        )
        .order_by("-approved_at", "-pk")
        .values(f"{field}_id", "wording")[:limit]
    )
