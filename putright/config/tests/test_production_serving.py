"""Under the production settings themselves: collectstatic, then the error pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from putright.core.tests.commandline import clean_env, production_key, putright

# Runs in a child process with the production settings: a browser's view of each page.
PROBE = """
import json
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="putright.config.tests.urls_errors"):
    client = Client(raise_request_exception=False)
    pages = {}
    for path in ("/no-such-page/", "/test-errors/500?name=Zelda", "/test-errors/400"):
        response = client.get(path, secure=True)
        pages[path] = {"status": response.status_code, "body": response.content.decode()}
    plain = client.get("/accounts/login/")
    pages["http"] = {"status": plain.status_code, "location": plain.get("Location", "")}
    login = client.get("/accounts/login/", secure=True)
    pages["login"] = {"status": login.status_code, "hsts": login.get("Strict-Transport-Security", "")}
print(json.dumps(pages))
"""


@pytest.mark.slow
def test_production_collects_static_and_serves_pages_that_leak_nothing(tmp_path):
    env = clean_env(
        SECRET_KEY=production_key(),
        ALLOWED_HOSTS="testserver",
        PUTRIGHT_VAR_DIR=str(tmp_path / "data"),
    )
    assert putright("migrate", "-v0", cwd=tmp_path, env=env).returncode == 0
    collected = putright("collectstatic", "--noinput", "-v0", cwd=tmp_path, env=env)
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "data" / "static" / "staticfiles.json").is_file()
    setup = "import django; django.setup()\n"
    probe = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", "from putright.core.environment import configure; "
         "configure()\n" + setup + PROBE],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    pages = json.loads(probe.stdout.strip().splitlines()[-1])
    assert pages["/no-such-page/"]["status"] == 404
    assert "Page not found" in pages["/no-such-page/"]["body"]
    assert pages["/test-errors/500?name=Zelda"]["status"] == 500
    assert "Sorry, there is a problem" in pages["/test-errors/500?name=Zelda"]["body"]
    assert pages["/test-errors/400"]["status"] == 400
    for page in ("/no-such-page/", "/test-errors/500?name=Zelda", "/test-errors/400"):
        body = pages[page]["body"]
        for leak in ("Traceback", "URLconf", "hunter2", "SECRET_KEY", "Zelda"):
            assert leak not in body, (page, leak)
        assert "/static/putright/putright." in body  # the hashed, collected stylesheet
    # Plain HTTP is redirected to HTTPS; HTTPS answers with HSTS.
    assert pages["http"]["status"] == 301
    assert pages["http"]["location"].startswith("https://")
    assert "max-age=31536000" in pages["login"]["hsts"]


DEMO_PROBE = """
from django.test import Client
response = Client().get("/no-such-page/")
print(response.status_code, "URLconf" in response.content.decode(),
      "Page not found" in response.content.decode())
"""


def test_make_demo_serves_the_branded_pages_not_the_debug_ones(tmp_path):
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    assert "demo: export DEBUG ?= 0" in makefile
    assert "demo lint messages bench: export PUTRIGHT_ENV = development" in makefile
    env = clean_env(
        PUTRIGHT_ENV="development",
        DEBUG="0",
        PUTRIGHT_VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="testserver",
    )
    probe = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", "from putright.core.environment import configure; "
         "configure()\nimport django; django.setup()\n" + DEMO_PROBE],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == ["404", "False", "True"]
