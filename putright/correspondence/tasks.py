"""Background entry points of correspondence (django-tasks): load by id, call the service."""

from __future__ import annotations

from django_tasks import task

from putright.correspondence.services import letters_for_event


@task()
def produce_letters(event_id: int) -> None:
    """Produce the letters a casework event calls for; each letter's key makes it once."""
    letters_for_event(event_id)
