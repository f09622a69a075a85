"""Which email backend each environment uses: the demo's file outbox, production's SMTP."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = (
    "import json, django; django.setup();"
    "from django.conf import settings;"
    "from putright.notifications.outbox import outbox_dir;"
    "print(json.dumps([settings.EMAIL_BACKEND, str(outbox_dir())]))"
)


def _settings(module, tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"EMAIL_BACKEND", "PUTRIGHT_VAR_DIR", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=module,
        PYTHONPATH=str(ROOT),
        SECRET_KEY="settings-test-" + "x" * 40,
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_demo_writes_email_to_the_outbox_in_the_checkouts_var(tmp_path):
    backend, folder = _settings("putright.config.settings.dev", tmp_path)
    assert backend == "putright.notifications.outbox.OutboxBackend"
    assert Path(folder) == ROOT / "var" / "outbox"


def test_production_keeps_smtp(tmp_path):
    backend, folder = _settings(
        "putright.config.settings.production", tmp_path, PUTRIGHT_VAR_DIR=str(tmp_path)
    )
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert Path(folder) == tmp_path / "outbox"
