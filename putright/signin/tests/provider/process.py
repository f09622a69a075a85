"""Start and stop the test OpenID provider process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[4]
CLIENT_ID = "putright-test-client"
CLIENT_SECRET = "putright-test-secret"  # noqa: S105

# Pat works in the SEND Team and is in the complaints officers' group; Quinn is only in
# a group that gives no putright role.
PEOPLE = [
    {
        "username": "pat",
        "password": "pat's council password",
        "email": "pat.example@council.example",
        "first_name": "Pat",
        "last_name": "Example",
        "groups": ["All staff", "Complaints officers"],
        "department": "Children's",
        "team": "SEND Team",
    },
    {
        "username": "quinn",
        "password": "quinn's council password",
        "email": "quinn.example@council.example",
        "first_name": "Quinn",
        "last_name": "Example",
        "groups": ["All staff", "Canteen"],
    },
]


@dataclass
class Provider:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_provider(redirect_uris: list[str]) -> Iterator[Provider]:
    """A provider on 127.0.0.1 that knows `redirect_uris`; stopped on exit."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "PROVIDER_DATABASE": str(Path(folder) / "provider.sqlite3"),
            "PROVIDER_PEOPLE": json.dumps(PEOPLE),
            "PYTHONPATH": str(REPO_ROOT),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("DATABASE_URL", None)
        log = open(Path(folder) / "provider.log", "w")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "putright.signin.tests.provider.serve",
                str(port),
                CLIENT_ID,
                CLIENT_SECRET,
                *redirect_uris,
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        issuer = f"http://127.0.0.1:{port}/o"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    log.flush()
                    raise RuntimeError(
                        "The test provider stopped: "
                        + (Path(folder) / "provider.log").read_text()
                    )
                try:
                    answer = requests.get(
                        f"{issuer}/.well-known/openid-configuration", timeout=2
                    )
                    if answer.ok:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("The test provider did not start in 60 seconds.")
                time.sleep(0.2)
            yield Provider(issuer=issuer)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def sign_in_at_provider(authorize_url: str, username: str, password: str) -> str:
    """Follow the provider's pages as a browser would; return the redirect back to us."""
    browser = requests.Session()
    answer = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text  # noqa: S101
    login_url = requests.compat.urljoin(authorize_url, answer.headers["Location"])
    page = browser.get(login_url, timeout=10)
    token = browser.cookies["providercsrftoken"]
    next_url = requests.utils.unquote(login_url.split("next=", 1)[1])
    answer = browser.post(
        login_url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "next": next_url,
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text  # noqa: S101
    answer = browser.get(
        requests.compat.urljoin(login_url, answer.headers["Location"]),
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text  # noqa: S101
    return str(answer.headers["Location"])
