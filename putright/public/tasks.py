"""Background entry points of the front door (django-tasks): call the worker's half."""

from __future__ import annotations

from django_tasks import task

from putright.public.following import follow_link_send


@task()
def send_follow_link(reference: str, digest: str) -> None:
    """Email a fresh follow link if the reference and the address digest match a case."""
    follow_link_send(reference=reference, digest=digest)
