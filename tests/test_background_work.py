"""Background work is wired as the house style and production expect (docs/running/background-work.md)."""

import ast
from pathlib import Path

import putright

PACKAGE = Path(putright.__file__).parent


def test_no_code_queues_a_task_except_through_the_wrapper():
    """House style: enqueue only via putright.core.tasks (ruff's TID251 bans the backends)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "core" / "tasks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("enqueue", "aenqueue")
                and not (
                    isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "tasks"
                )
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_production_queues_in_the_database_and_tests_run_at_once(settings):
    from putright.config.settings import base

    assert base.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in settings.INSTALLED_APPS
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
