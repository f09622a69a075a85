"""The installed command and the WSGI app run production settings, and refuse unsafe ones."""

from __future__ import annotations

import subprocess
import sys

import pytest

from putright.core.tests.commandline import clean_env, production_key, putright

HOSTS = "complaints.council.example"


def test_the_installed_command_runs_production_settings_unless_asked(tmp_path):
    production = putright("check", cwd=tmp_path, env=clean_env(ALLOWED_HOSTS=HOSTS))
    assert production.returncode != 0
    assert "putright.E001" in production.stderr
    development = putright(
        "check", cwd=tmp_path, env=clean_env(PUTRIGHT_ENV="development")
    )
    assert development.returncode == 0, development.stderr


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set, or is the development key."),
        (
            {"SECRET_KEY": "insecure-development-key-change-me"},
            "SECRET_KEY is not set, or is the development key.",
        ),
        ({"SECRET_KEY": "too-short-a-key"}, "SECRET_KEY is too short or too simple"),
        ({"SECRET_KEY": "a" * 60}, "SECRET_KEY is too short or too simple"),
        ({"DEBUG": "1"}, "DEBUG is on in production"),
    ],
)
def test_production_refuses_unsafe_settings_with_a_check_error(
    tmp_path, settings, message
):
    env = {**clean_env(ALLOWED_HOSTS=HOSTS, SECRET_KEY=production_key()), **settings}
    result = putright("check", cwd=tmp_path, env=env)
    assert result.returncode != 0
    assert "SystemCheckError" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_reports_no_issues_under_production_settings(tmp_path):
    env = clean_env(ALLOWED_HOSTS=HOSTS, SECRET_KEY=production_key())
    result = putright(
        "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def _load_wsgi(tmp_path, env):
    return subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-c", "import putright.config.wsgi"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def test_the_wsgi_application_will_not_start_with_the_development_key(tmp_path):
    result = _load_wsgi(tmp_path, clean_env(ALLOWED_HOSTS=HOSTS))
    assert result.returncode == 3  # gunicorn stops instead of restarting the worker
    assert "putright will not serve with these settings" in result.stderr
    assert "putright.E001" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_wsgi_application_starts_with_production_settings(tmp_path):
    result = _load_wsgi(
        tmp_path, clean_env(ALLOWED_HOSTS=HOSTS, SECRET_KEY=production_key())
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LOG_FORMAT", "xml", "LOG_FORMAT is 'xml', which is not recognised"),
        ("PUTRIGHT_FILE_STORAGE", "ftp", "PUTRIGHT_FILE_STORAGE is 'ftp'"),
    ],
)
def test_a_bad_setting_is_named_by_the_command_and_the_wsgi_app(
    tmp_path, variable, value, message
):
    env = clean_env(
        ALLOWED_HOSTS=HOSTS, SECRET_KEY=production_key(), **{variable: value}
    )
    command = putright("check", cwd=tmp_path, env=env)
    assert command.returncode != 0
    assert message in command.stderr
    assert "Traceback" not in command.stderr
    served = _load_wsgi(tmp_path, env)
    assert served.returncode == 3
    assert message in served.stderr
    assert "Traceback" not in served.stderr
