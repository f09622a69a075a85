"""A large first load checks its rows in a second process (putright/imports/parallel.py).

The split must not show: the same records, counts and problems, in the same order, as the
one-process path; a file that breaks part way, and a child that fails, both leave nothing.
"""

from __future__ import annotations

import threading

import pytest

from putright.complaints.models import Case, Stage
from putright.imports import parallel, services
from putright.imports.exports import export_write
from putright.imports.readers import read_path
from putright.imports.services import import_files
from putright.imports.synthetic import contact_rows
from putright.imports.tests.conftest import contact

pytestmark = pytest.mark.django_db

ROWS = 4500  # three chunks, the last one short


def _aside(monkeypatch, on: bool) -> list[int]:
    """Send every file (or none) to the checking process; returns the forks made."""
    forks: list[int] = []
    monkeypatch.setattr(parallel, "ASIDE_MIN_BYTES", 0 if on else 10**12)
    # Whatever threads earlier tests left running in this process (a live server's):
    # the child only reads the file (the guard itself is tested below).
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    real = parallel.checked_aside

    def counted(source, check_chunk):
        forks.append(1)
        yield from real(source, check_chunk)

    monkeypatch.setattr(services.parallel, "checked_aside", counted)
    return forks


def _undo_all():
    Stage.objects.all().delete()
    Case.objects.all().delete()


def test_checking_aside_stores_what_checking_here_stores(
    tmp_path, csv_file, monkeypatch
):
    path = csv_file(list(contact_rows(ROWS, seed=5)))
    _aside(monkeypatch, False)
    here = import_files([path])
    assert here.ok, here.summary()
    expected = export_write(out=tmp_path / "here")
    counts = vars(here.contacts).copy()
    _undo_all()

    forks = _aside(monkeypatch, True)
    aside = import_files([path])
    assert forks == [1]
    assert aside.ok, aside.summary()
    assert vars(aside.contacts) == counts
    assert aside.rows_read == ROWS
    got = export_write(out=tmp_path / "aside")
    for a, b in zip(expected.paths, got.paths, strict=True):
        assert a.read_bytes() == b.read_bytes()
    # The digests were written too: importing the file again passes over every row.
    again = import_files([path])
    assert again.contacts.unchanged == ROWS


def test_problems_come_back_every_one_in_order_and_nothing_is_saved(
    csv_file, monkeypatch
):
    rows = list(contact_rows(ROWS, seed=6))
    rows[10]["received"] = "2023-02-30"
    rows[2500]["kind"] = "grumble"
    rows[4400] = dict(rows[3])  # a repeat of row 5, in the third chunk
    path = csv_file(rows)
    _aside(monkeypatch, False)
    here = import_files([path])
    forks = _aside(monkeypatch, True)
    aside = import_files([path])
    assert forks == [1]
    assert not aside.ok
    assert [str(p) for p in aside.errors] == [str(p) for p in here.errors]
    assert [p.row for p in aside.errors] == [12, 2502, 4402]
    assert not Stage.objects.exists()


def test_a_file_that_stops_being_text_part_way_is_refused_whole(tmp_path, monkeypatch):
    path = tmp_path / "contacts.csv"
    good = list(contact_rows(ROWS, seed=8))
    columns = list(good[0])
    lines = [",".join(columns)] + [
        ",".join(f'"{row[c]}"' for c in columns) for row in good
    ]
    path.write_bytes(("\n".join(lines[:3000]) + "\n").encode() + b"\xff\xfe,bad\n")
    forks = _aside(monkeypatch, True)
    result = import_files([path])
    assert forks == [1]
    assert not result.ok
    assert "not UTF-8" in result.errors[-1].message
    assert not Stage.objects.exists()


def test_a_checker_that_fails_rolls_the_run_back(csv_file, monkeypatch):
    path = csv_file([contact(reference=f"CMP-{n}") for n in range(3000)])
    _aside(monkeypatch, True)

    def broken(self, number, row):
        raise ValueError("checker broke")

    monkeypatch.setattr(services.ContactChecker, "check", broken)
    with pytest.raises(parallel.CheckerFailed, match="checker broke"):
        import_files([path])
    assert not Case.objects.exists()


def test_a_process_running_other_threads_does_not_fork(csv_file, monkeypatch):
    path = csv_file([contact(reference=f"CMP-{n}") for n in range(10)])
    monkeypatch.setattr(parallel, "ASIDE_MIN_BYTES", 0)
    source = read_path(path)[0]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not parallel.can_check_aside(source)
    finally:
        stop.set()
        other.join()
