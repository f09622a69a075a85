"""Which settings a command runs with, and the council's env file.

The installed `putright` command and the WSGI application run the production settings
unless development is asked for (`PUTRIGHT_ENV=development`, or an explicit
`DJANGO_SETTINGS_MODULE`). Settings come from the process environment and, for anything
not set there, from one env file: `PUTRIGHT_ENV_FILE`, or `/etc/putright/putright.env`
when it exists. So every command, run from any directory, sees the same database.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

DEFAULT_ENV_FILE = Path("/etc/putright/putright.env")
SETTINGS_MODULES = {
    "production": "putright.config.settings.production",
    "development": "putright.config.settings.dev",
}


class EnvironmentProblem(Exception):
    """The environment cannot be used; the message says what to change."""


def env_file() -> Path | None:
    """The env file to read: the one named by PUTRIGHT_ENV_FILE, else the default if present."""
    named = os.environ.get("PUTRIGHT_ENV_FILE", "").strip()
    if named:
        path = Path(named)
        if not path.is_file():
            raise EnvironmentProblem(
                f"PUTRIGHT_ENV_FILE names {path}, but there is no such file."
            )
        return path
    return DEFAULT_ENV_FILE if DEFAULT_ENV_FILE.is_file() else None


def load_env_file() -> Path | None:
    """Read the env file into os.environ; a variable already set in the process wins."""
    path = env_file()
    if path is None:
        return None
    try:
        path.read_text(encoding="utf-8")
    except OSError as error:
        raise EnvironmentProblem(
            f"The env file {path} cannot be read ({error.strerror}). Run the command as "
            f"the putright user, for example: sudo -u putright putright help"
        ) from error
    environ.Env.read_env(str(path), overwrite=False)
    return path


def settings_module() -> str:
    """The settings module: DJANGO_SETTINGS_MODULE if set, else from PUTRIGHT_ENV."""
    explicit = os.environ.get("DJANGO_SETTINGS_MODULE", "").strip()
    if explicit:
        return explicit
    name = os.environ.get("PUTRIGHT_ENV", "").strip().lower() or "production"
    if name not in SETTINGS_MODULES:
        choices = " or ".join(SETTINGS_MODULES)
        raise EnvironmentProblem(
            f"PUTRIGHT_ENV is {name!r}, which is not recognised: use {choices}."
        )
    return SETTINGS_MODULES[name]


def configure() -> str:
    """Read the env file and choose the settings module; returns the module's name."""
    load_env_file()
    module = settings_module()
    os.environ["DJANGO_SETTINGS_MODULE"] = module
    return module
