"""A large first load checks its rows in a second process while this one writes them.

Reading and checking a row (about 45 microseconds in Python) costs nearly as much as
writing it, and a server has more than one core. When a contacts file of at least
`ASIDE_MIN_BYTES` is loaded and no stored record has a digest (a first load: a re-import
passes over its unchanged rows instead, putright/imports/digests.py), the run forks a
checker: the child reads the file, checks every row exactly as the one-process path does
(the same `ContactChecker`, the same key check, the same digests) and sends the checked rows
and the problems back in order, one chunk at a time, through a pipe. The parent writes each
chunk inside its one transaction as before, so the result is the same records, the same
counts and the same problems in the same order; only the work is spread over two cores.

The child never touches the database (it inherited the parent's connection and leaves it
alone, ending with `os._exit` as multiprocessing's fork children do). It is only forked from
a process running one thread (forking a threaded process can copy a lock another thread
held), and a child that fails ends the run with its error, which rolls the run back.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from putright.imports.readers import Source
from putright.imports.results import ImportProblem

# About 150,000 rows of a typical contacts file.
ASIDE_MIN_BYTES = 24 << 20
# Rows per message: as many as a writer's chunk.
BATCH = 2000


class CheckerFailed(RuntimeError):
    """The checking process stopped with an error (its traceback is the message)."""


def can_check_aside(source: Source) -> bool:
    return (
        source.size >= ASIDE_MIN_BYTES
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


# One message: rows read, checked rows (while there has been no problem), the problems
# kept and how many there were.
Batch = tuple[int, list[Any], list[ImportProblem], int]


class Unreadable(Exception):
    """The file stopped being readable at a row (the reader's own error is `error`)."""

    def __init__(self, number: int, error: Exception) -> None:
        super().__init__(str(error))
        self.number = number
        self.error = error


def checked_aside(
    source: Source, check_chunk: Callable[[list[tuple[int, list[str]]]], Batch]
) -> Iterator[Batch]:
    """The source's rows, checked in a forked process by `check_chunk`, in order.

    Raises `Unreadable` where the reader failed (not UTF-8, not CSV) and `CheckerFailed`
    if the child failed otherwise.
    """
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_check_rows, args=(source, check_chunk, sending), daemon=True
    )
    child.start()
    sending.close()
    try:
        while True:
            try:
                kind, *body = receiving.recv()
            except EOFError as exc:
                raise CheckerFailed("the checking process ended unexpectedly") from exc
            if kind == "rows":
                yield body[0]
            elif kind == "unreadable":
                raise Unreadable(body[0], body[1])
            elif kind == "failed":
                raise CheckerFailed(body[0])
            else:
                return
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()


def _check_rows(
    source: Source,
    check_chunk: Callable[[list[tuple[int, list[str]]]], Batch],
    sending: Connection,
) -> None:
    number = 1
    pending: list[tuple[int, list[str]]] = []
    try:
        try:
            for number, cells in source.raw_rows():
                pending.append((number, cells))
                if len(pending) >= BATCH:
                    sending.send(("rows", check_chunk(pending)))
                    pending = []
        except (UnicodeDecodeError, csv.Error) as exc:
            sending.send(("rows", check_chunk(pending)))
            sending.send(("unreadable", number, exc))
            return
        sending.send(("rows", check_chunk(pending)))
        sending.send(("end",))
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent
        sending.send(("failed", traceback.format_exc()))
    finally:
        sending.close()
