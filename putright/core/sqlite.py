"""SQLite under concurrent writers: one write transaction per request, retried when locked.

SQLite lets one writer at a time. The settings make every transaction `BEGIN IMMEDIATE` and
give each connection a busy timeout, so a writer waits for the lock instead of failing at
once. Waiting is not fair, though: under 20 busy clients one writer can lose the race until
its timeout ends, and SQLite then raises "database is locked". Before, that reached the
person as a 500 (64 of 1,500 contact submissions; 4 of 60 sign-ins).

`SqliteRetryMiddleware` runs each request that may write (POST, PUT, PATCH, DELETE) inside one
transaction, so the whole request either commits or leaves nothing behind, and runs it again
(up to `ATTEMPTS` times, after a short random pause) when SQLite said the database was
locked. Before the transaction it takes an operating-system lock on a file beside the
database (`writer_lock`): writers from every gunicorn worker and thread then queue in the
kernel and start the moment the previous one finishes, instead of polling SQLite's lock. A GET is retried the same way without the wrapping transaction: its writes (the
session, an audit of the read) are single statements. On PostgreSQL the middleware does
nothing. Commands and tasks that write on SQLite can wrap a service call in
`call_with_lock_retry`.
"""

from __future__ import annotations

import contextlib
import logging
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.core.signals import got_request_exception
from django.db import OperationalError, connection, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger(__name__)

ATTEMPTS = 4
# Pauses grow 50, 100, 200 ms, each with up to as much again at random, so clients that
# collided once do not collide again.
BASE_PAUSE = 0.05
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_FLAG = "_putright_database_locked"

T = TypeVar("T")

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux: SQLite's own lock alone
    fcntl = None  # type: ignore[assignment]

_held = threading.local()


@contextlib.contextmanager
def writer_lock() -> Iterator[None]:
    """Queue behind other writers to this SQLite file (every process and thread), in turn."""
    name = str(connection.settings_dict.get("NAME") or "")
    if fcntl is None or not name or "memory" in name or getattr(_held, "on", False):
        yield
        return
    with open(f"{name}.writer-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _held.on = True
        try:
            yield
        finally:
            _held.on = False
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_locked(error: BaseException | None) -> bool:
    """Whether an error is SQLite's "database is locked" (or "database table is locked")."""
    while error is not None:
        if isinstance(error, OperationalError) and "is locked" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def pause(attempt: int) -> None:
    """Sleep before another attempt: exponential, with jitter."""
    base = BASE_PAUSE * (2**attempt)
    time.sleep(base + random.uniform(0, base))  # noqa: S311 - jitter, not a secret


def call_with_lock_retry(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a service in its own transaction, again after a pause if SQLite was locked."""
    for attempt in range(ATTEMPTS):
        try:
            with writer_lock(), transaction.atomic():
                return function(*args, **kwargs)
        except OperationalError as error:
            if not is_locked(error) or attempt == ATTEMPTS - 1:
                raise
            logger.warning("SQLite was locked; trying again (attempt %s).", attempt + 2)
            pause(attempt)
    raise AssertionError("unreachable")  # pragma: no cover


@receiver(got_request_exception)
def _note_locked(
    sender: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django turns an exception in a view or middleware into a 500 response before the
    # outer middleware sees it; the signal is the one place the exception is still known.
    if request is not None and is_locked(sys.exc_info()[1]):
        setattr(request, _FLAG, True)


class SqliteRetryMiddleware:
    """On SQLite, one transaction per writing request, run again when the database is locked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if connection.vendor != "sqlite":
            return self.get_response(request)
        for attempt in range(ATTEMPTS):
            setattr(request, _FLAG, False)
            response = self._attempt(request)
            if response is not None and not getattr(request, _FLAG):
                return response
            if attempt < ATTEMPTS - 1:
                logger.warning(
                    "SQLite was locked during %s %s; trying again (attempt %s).",
                    request.method,
                    request.path,
                    attempt + 2,
                )
                _rewind_uploads(request)
                pause(attempt)
        if response is None:
            raise OperationalError("database is locked")
        return response

    def _attempt(self, request: HttpRequest) -> HttpResponseBase | None:
        if request.method not in UNSAFE_METHODS:
            return self.get_response(request)
        try:
            with writer_lock(), transaction.atomic():
                response = self.get_response(request)
                if getattr(request, _FLAG) or response.status_code >= 500:
                    # Something inside failed: none of this request's writes stand.
                    transaction.set_rollback(True)
                return response
        except OperationalError as error:
            # BEGIN IMMEDIATE (or the commit) waited out the busy timeout.
            if not is_locked(error):
                raise
            setattr(request, _FLAG, True)
            return None


def _rewind_uploads(request: HttpRequest) -> None:
    """Uploaded files are read again by the next attempt: back to their first byte."""
    files = getattr(request, "_files", None)
    if files is None:
        return
    for upload in files.values():
        if hasattr(upload, "seek"):
            upload.seek(0)
