"""Background work: the one way code hands a task to the worker, and the record it fills in.

Every task is queued through `enqueue` (ruff's TID251 bans calling `.enqueue(` on a task
anywhere else), so a task never starts before the rows it loads are committed. A task is a
thin entry point: it loads its record by id and calls `run_execute`, which claims the record
once (a conditional update, so two workers never both run it), does the work, and records
the outcome: done, or failed with a message a user can read. The traceback goes to the log,
never to a page. Idempotent work is retried with a growing delay before it is marked failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django_tasks.base import Task

from putright.core.models import BackgroundRun

logger = logging.getLogger(__name__)

Run = TypeVar("Run", bound=BackgroundRun)

# Seconds before the first, second, ... retry of idempotent work.
RETRY_DELAYS = (30, 120, 600, 1800, 3600)


class RunRefused(Exception):
    """Raised by a run's work to refuse it: the message is shown as it is, with no retry."""


def _in_transaction() -> bool:
    """True inside a transaction of our own (a test case's wrapping one does not count)."""
    blocks = transaction.get_connection().atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def enqueue(
    task: Task[Any, Any], /, *, delay: dt.timedelta | None = None, **kwargs: Any
) -> None:
    """Queue `task(**kwargs)` for the worker once the current transaction commits.

    Outside a transaction (a command, the worker itself) it is queued at once. `delay` holds
    it back on a backend that can defer; the immediate backend (tests, demo) runs it now.
    """

    def send() -> None:
        queued = task
        if delay and queued.get_backend().supports_defer:
            queued = queued.using(run_after=timezone.now() + delay)
        # The one permitted call (tests/test_background_work.py checks).
        queued.enqueue(**kwargs)

    if _in_transaction():
        transaction.on_commit(send, robust=False)
    else:
        send()


def run_claim(model: type[models.Model], run_id: int, **fields: Any) -> bool:
    """Take a queued record for one worker: a conditional update, so only one claim wins."""
    now = timezone.now()
    taken = model._default_manager.filter(
        pk=run_id, status=BackgroundRun.Status.QUEUED
    ).update(
        status=BackgroundRun.Status.RUNNING, started_at=now, updated_at=now, **fields
    )
    return taken == 1


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait before retrying after `attempts` failed attempts."""
    index = min(max(attempts, 1), len(RETRY_DELAYS)) - 1
    return dt.timedelta(seconds=RETRY_DELAYS[index])


def run_execute(
    model: type[Run],
    *,
    run_id: int,
    work: Callable[[Run], None],
    failure: str,
    retry_task: Task[Any, Any] | None = None,
    max_attempts: int = 1,
) -> Run | None:
    """Claim a queued record, do its work, and record done or failed (retrying if allowed).

    Returns the record, or None when it was not queued (already taken, finished or gone).
    `failure` is what the user reads when the work raised; `retry_task` (given only for
    idempotent work) is queued again with a growing delay until `max_attempts` is reached.
    """
    if not run_claim(model, run_id):
        return None
    run = model._default_manager.get(pk=run_id)
    try:
        work(run)
    except RunRefused as refusal:
        return _record_failure(model, run_id, str(refusal), None, 1)
    except Exception:  # noqa: BLE001 - any failure is recorded on the run, then logged
        logger.exception("%s %s failed", model.__name__, run_id)
        return _record_failure(model, run_id, failure, retry_task, max_attempts)
    model._default_manager.filter(pk=run_id).update(
        status=BackgroundRun.Status.DONE,
        error="",
        attempts=run.attempts + 1,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def _record_failure(
    model: type[Run],
    run_id: int,
    failure: str,
    retry_task: Task[Any, Any] | None,
    max_attempts: int,
) -> Run:
    run = model._default_manager.get(pk=run_id)
    attempts = run.attempts + 1
    retry = retry_task is not None and attempts < max_attempts
    now = timezone.now()
    model._default_manager.filter(pk=run_id).update(
        status=BackgroundRun.Status.QUEUED if retry else BackgroundRun.Status.FAILED,
        attempts=attempts,
        error=(
            f"Attempt {attempts} of {max_attempts} failed; it will be tried again shortly."
            if retry
            else failure
        ),
        finished_at=None if retry else now,
        updated_at=now,
    )
    if retry and retry_task is not None:
        enqueue(retry_task, delay=retry_delay(attempts), run_id=run_id)
    run.refresh_from_db()
    return run


def runs_stalled_fail(*, older_than: dt.timedelta) -> dict[str, int]:
    """Mark failed every run left "running" longer than `older_than` by a worker that stopped.

    A run whose worker was killed mid-task stays "running" for ever; this gives the person
    who asked a message instead. Only models with a `stalled_message` take part (a report
    run, a calendar recompute, a web import; never an email, which may have been sent).
    Returns the number failed, by model.
    """
    cutoff = timezone.now() - older_than
    failed: dict[str, int] = {}
    for model in apps.get_models():
        message = getattr(model, "stalled_message", None)
        if not message:
            continue
        count = model._default_manager.filter(
            status=BackgroundRun.Status.RUNNING, updated_at__lt=cutoff
        ).update(
            status=BackgroundRun.Status.FAILED,
            error=message,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if count:
            logger.warning("%s stalled %s run(s) marked failed", count, model.__name__)
            failed[str(model._meta.verbose_name_plural)] = count
    return failed
