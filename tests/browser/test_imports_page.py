"""The Imports page in Chromium (issue 12): a file with errors shows every problem and saves
nothing; a good file shows its preview counts, then the progress page (refreshing itself with
no script), then the records in the case list. axe at 390 and 1280 pixels wide."""

import csv

import pytest

from putright.complaints.models import Stage
from putright.imports.columns import CONTACT_COLUMNS
from putright.imports.models import ImportRun, ImportUpload
from putright.imports.progress import progress_write
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _contacts(path, received_dates):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CONTACT_COLUMNS)
        writer.writeheader()
        for number, received in enumerate(received_dates, start=1):
            row = dict.fromkeys(CONTACT_COLUMNS, "")
            row.update(
                reference=f"IMP-{number}",
                kind="complaint",
                stage="1",
                procedure="lgsco_code",
                directorate="Housing",
                team="Repairs",
                received=received,
            )
            writer.writerow(row)
    return path


def _accessible(page, *, refreshing=False):
    if refreshing:
        # The one rule a self-refreshing page breaks (WCAG 2.2.1): the person chose the
        # refresh before it began (a checkbox beside Run import) and can stop it; the
        # stopped page is checked with every rule.
        from axe_playwright_python.sync_playwright import Axe

        found = (
            Axe()
            .run(page, options={"rules": {"meta-refresh": {"enabled": False}}})
            .response["violations"]
        )
        violations = [v for v in found if v.get("impact") in ("serious", "critical")]
    else:
        violations = axe_violations(page)
    assert violations == [], (page.url, [v["id"] for v in violations])
    # Nothing scrolls sideways at 390 pixels (WCAG 1.4.10); wide tables scroll inside.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def procedures(transactional_db):
    from putright.complaints.services import procedure_ensure_builtins

    # Transactional tests flush the migrations' data, so restore the procedures.
    procedure_ensure_builtins()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_bad_file_then_a_good_one_to_the_case_list(
    page, sign_in, alice, procedures, task_queue, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(alice)
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # the header's navigation folds behind a button when narrow
        menu.click()
    page.get_by_role("link", name="Imports").first.click()
    assert page.get_by_role("heading", name="Imports", exact=True).is_visible()
    _accessible(page)

    # A file with errors: every problem listed, nothing saved.
    bad = _contacts(tmp_path / "bad.csv", ["2023-02-30", "2023-04-03", "yesterday"])
    page.get_by_label("File to import").set_input_files(str(bad))
    page.get_by_role("button", name="Preview import").click()
    assert page.get_by_role(
        "heading", name="Nothing was imported: 2 problems found"
    ).is_visible()
    problems = page.locator("#problem-list li").all_inner_texts()
    assert len(problems) == 2
    assert (
        problems[0]
        == "row 2, column received: value 2023-02-30: there is no such date."
    )
    assert problems[1].startswith("row 4, column received: value yesterday:")
    assert page.get_by_role("button", name="Run import").count() == 0
    _accessible(page)
    assert Stage.objects.count() == 0
    assert not ImportRun.objects.exists()

    # A good file: the preview's counts and first rows, nothing saved yet.
    page.get_by_role("link", name="Upload a corrected file").click()
    good = _contacts(tmp_path / "good.csv", ["2023-04-03", "2023-04-04", "2023-04-05"])
    page.get_by_label("File to import").set_input_files(str(good))
    page.get_by_role("button", name="Preview import").click()
    assert page.locator("#contacts-new").inner_text() == "3"
    assert page.locator("#contacts-changed").inner_text() == "0"
    # The first rows as read, with the columns the file fills (not the blank ones).
    assert page.get_by_role("cell", name="IMP-3", exact=True).count() == 1
    assert page.get_by_role("columnheader", name="received").count() == 1
    assert page.get_by_role("columnheader", name="responded").count() == 0
    _accessible(page)
    assert Stage.objects.count() == 0

    # Run import: queued for the worker; the page shows the bar and refreshes itself.
    assert page.get_by_label("Refresh the progress page automatically").is_checked()
    page.get_by_role("button", name="Run import").click()
    assert page.get_by_text("0 of 3 rows done (0%).").is_visible()
    _accessible(page, refreshing=True)
    page.get_by_role("link", name="Stop refreshing").click()
    assert page.get_by_text("0 of 3 rows done (0%).").is_visible()
    _accessible(page)
    page.get_by_role("link", name="refresh it automatically").click()
    run = ImportUpload.objects.get(original_name="good.csv")
    # What the worker writes part way (a real import of three rows is too quick to see).
    ImportUpload.objects.filter(pk=run.pk).update(status=ImportUpload.Status.RUNNING)
    progress_write(run.pk, 2)
    page.get_by_text("2 of 3 rows done (66%).").wait_for()
    ImportUpload.objects.filter(pk=run.pk).update(status=ImportUpload.Status.QUEUED)

    task_queue.work()

    page.get_by_role("heading", name="Import complete").wait_for()
    assert page.locator("#contacts-new").inner_text() == "3"
    _accessible(page)
    page.get_by_role("link", name="See every record in the case list").click()
    for reference in ("IMP-1", "IMP-2", "IMP-3"):
        assert page.get_by_role("link", name=reference).first.is_visible()
    assert Stage.objects.count() == 3

    # The history: who, which file and its checksum, the counts.
    page.goto("/imports/")
    rows = page.locator("tbody tr").all_inner_texts()
    assert "good.csv" in rows[0]
    assert "3 new, 0 changed, 0 unchanged" in rows[0]
    assert "bad.csv" in rows[1]
    assert "2 problems" in rows[1]
    assert run.checksum[:12] in rows[0]
