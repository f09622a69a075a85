"""The council's one reference series: the next reference, and catching up after an import.

Every new contact (logged by staff, sent through the public form, raised from another case)
takes the next number of the council's series (`Council.reference_pattern`, read by
`putright.core.references`). References imported from a council's history that are in the
same series move the sequence on, so a new contact never takes an imported number.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from putright.complaints.models import Case, ReferenceSequence
from putright.core import references
from putright.organisation.models import Council


def _series() -> tuple[str, str]:
    council = Council.load()
    return council.reference_pattern, council.reference_prefix


def _highest_stored(pattern: str, prefix: str) -> dict[int, int]:
    stored = Case.objects.filter(reference__istartswith=_literal_start(pattern, prefix))
    # Streamed: after an import of history there may be a million references.
    return references.highest_numbers(
        pattern,
        prefix,
        stored.values_list("reference", flat=True).iterator(chunk_size=10_000),
    )


def _literal_start(pattern: str, prefix: str) -> str:
    """The fixed text every reference of the series starts with (to narrow the query)."""
    start = pattern.split("{", 1)[0]
    if pattern[len(start) :].startswith("{prefix}"):
        start += prefix
    return start


def references_in(text: str) -> list[str]:
    """The references of the council's series written in a text, in order, once each."""
    pattern, prefix = _series()
    return references.find_references(pattern, prefix, text)


def reference_next(year: int) -> str:
    """The next free reference of the series for a contact logged in `year`; the sequence
    row is locked, so two contacts never get the same one. Call inside a transaction."""
    pattern, prefix = _series()
    key = year if references.has_year(pattern) else references.NO_YEAR
    if not ReferenceSequence.objects.filter(prefix=prefix, year=key).exists():
        # A new series (or year) starts after the highest number already stored in it.
        highest = _highest_stored(pattern, prefix).get(key, 0)
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(
                    prefix=prefix, year=key, last_number=highest
                )
        except IntegrityError:  # another process created it first
            pass
    sequence = ReferenceSequence.objects.select_for_update().get(
        prefix=prefix, year=key
    )
    while True:
        sequence.last_number += 1
        reference = references.format_reference(
            pattern, prefix=prefix, year=year, number=sequence.last_number
        )
        if not Case.objects.filter(reference__iexact=reference).exists():
            break
    sequence.save(update_fields=["last_number"])
    return reference


def reference_sequences_catch_up() -> int:
    """Move every year's sequence past the highest stored reference of the series (after
    an import of history); returns how many sequences moved."""
    pattern, prefix = _series()
    moved = 0
    for year, highest in _highest_stored(pattern, prefix).items():
        sequence, _created = (
            ReferenceSequence.objects.select_for_update().get_or_create(
                prefix=prefix, year=year
            )
        )
        if sequence.last_number < highest:
            sequence.last_number = highest
            sequence.save(update_fields=["last_number"])
            moved += 1
    return moved
