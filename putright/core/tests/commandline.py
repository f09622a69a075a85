"""Run the installed `putright` command in a clean environment, as a council would."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

# Variables a developer's shell may carry that would point a child at other data.
_CLEARED = (
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set in-process by tests that drive Playwright
)


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _CLEARED and not key.startswith("PUTRIGHT_")
    }
    env.update(extra)
    return env


def production_key() -> str:
    return secrets.token_urlsafe(50)


def write_env_file(path: Path, **values: str) -> Path:
    path.write_text("".join(f"{key}={value}\n" for key, value in values.items()))
    return path


def putright(
    *args: str, cwd: Path, env: dict[str, str], timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own entry point
        [sys.executable, "-m", "putright", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
