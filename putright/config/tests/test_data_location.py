"""One data location for every command, from any directory; no database made by accident."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command

from putright.core.tests.commandline import (
    clean_env,
    production_key,
    putright,
    write_env_file,
)
from putright.organisation.errors import CouncilNotSetUp


@pytest.fixture
def installation(tmp_path: Path) -> dict[str, Path | dict[str, str]]:
    """A council's env file naming its data folder, and three unrelated directories."""
    data = tmp_path / "srv" / "putright"
    env_file = write_env_file(
        tmp_path / "putright.env",
        SECRET_KEY=production_key(),
        ALLOWED_HOSTS="complaints.council.example",
        PUTRIGHT_VAR_DIR=str(data),
    )
    dirs = {}
    for name in ("home", "tmp", "elsewhere"):
        dirs[name] = tmp_path / name
        dirs[name].mkdir()
    return {
        "data": data,
        "env": clean_env(PUTRIGHT_ENV_FILE=str(env_file)),
        **dirs,
    }


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file())


def test_export_from_another_directory_fails_before_creating_a_database_or_a_file(
    installation,
):
    # The council's database does not exist yet (or the env file names the wrong place):
    # the export once made an empty database in ./var/ and left a header-only CSV.
    elsewhere = installation["elsewhere"]
    result = putright("export", "--out", "out", cwd=elsewhere, env=installation["env"])
    assert result.returncode != 0
    assert "There is no database at" in result.stderr
    assert str(installation["data"] / "putright.sqlite3") in result.stderr
    assert "Traceback" not in result.stderr
    assert _files_under(elsewhere) == []
    assert not installation["data"].exists()


def test_a_command_against_an_empty_database_says_so(installation):
    data = installation["data"]
    data.mkdir(parents=True)
    sqlite3.connect(data / "putright.sqlite3").close()  # a file with no tables
    result = putright(
        "export", "--out", "out", cwd=installation["elsewhere"], env=installation["env"]
    )
    assert result.returncode != 0
    assert "is empty: no migrations have been applied" in result.stderr
    assert "putright migrate" in result.stderr
    assert _files_under(installation["elsewhere"]) == []


@pytest.mark.slow
def test_every_command_uses_the_env_files_database_whatever_the_directory(installation):
    env = installation["env"]
    migrated = putright("migrate", "-v0", cwd=installation["home"], env=env)
    assert migrated.returncode == 0, migrated.stderr
    set_up = putright(
        "setup", "--council", "Testshire County Council", "--nation", "england",
        cwd=installation["tmp"], env=env,
    )  # fmt: skip
    assert set_up.returncode == 0, set_up.stderr + set_up.stdout
    exported = putright(
        "export", "--out", "out", cwd=installation["elsewhere"], env=env
    )
    assert exported.returncode == 0, exported.stderr
    assert "Exported 0 contact records" in exported.stdout
    # One database, in the data folder: none beside any of the three directories.
    databases = list(installation["data"].parent.parent.rglob("*.sqlite3"))
    assert databases == [installation["data"] / "putright.sqlite3"]


def test_a_process_variable_wins_over_the_env_file(installation, tmp_path):
    other = tmp_path / "other"
    env = {**installation["env"], "PUTRIGHT_VAR_DIR": str(other)}
    result = putright("export", "--out", "out", cwd=installation["home"], env=env)
    assert str(other / "putright.sqlite3") in result.stderr


def test_a_named_env_file_that_is_missing_is_refused(tmp_path):
    env = clean_env(PUTRIGHT_ENV_FILE=str(tmp_path / "nope.env"))
    result = putright("check", cwd=tmp_path, env=env)
    assert result.returncode != 0
    assert f"PUTRIGHT_ENV_FILE names {tmp_path / 'nope.env'}" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = putright("check", cwd=tmp_path, env=clean_env(PUTRIGHT_ENV="staging"))
    assert result.returncode != 0
    assert "PUTRIGHT_ENV is 'staging', which is not recognised" in result.stderr


@pytest.mark.django_db
@pytest.mark.no_council
def test_export_on_an_installation_not_set_up_writes_no_file(tmp_path):
    with pytest.raises(CouncilNotSetUp):
        call_command("export", "--out", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
