"""Email in fixtures: a council ready to receive mail, and a real IMAP server (Dovecot).

The Dovecot fixture starts Debian's `dovecot-imapd` as an unprivileged process (the
`dovecot` system user when the suite runs as root) with its whole configuration, a
passwd-file user and a maildir in a temporary directory, listening on 127.0.0.1 on free
ports for IMAPS and STARTTLS with a throw-away certificate. Without dovecot the IMAP tests
are skipped and say why.
"""

from __future__ import annotations

import email.utils
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest

from putright.complaints.services import procedure_ensure_builtins
from putright.inbox.models import InboundMessage
from putright.inbox.services import inbound_receive
from putright.organisation.tests.factories import DirectorateFactory

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
COUNCIL_ADDRESS = "complaints@council.example"


def make_email(
    *,
    sender: str | None = "Priya Patel <priya@example.org>",
    subject: str = "Bins not collected",
    text: str | None = "My bins have not been collected for three weeks.",
    html: str | None = None,
    date: str | None = "Tue, 30 Jun 2026 23:30:00 +0000",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
) -> bytes:
    """A well-formed message; hostile ones are written as bytes in the tests."""
    message = EmailMessage()
    if sender is not None:
        message["From"] = sender
    message["To"] = COUNCIL_ADDRESS
    message["Subject"] = subject
    if date is not None:
        message["Date"] = date
    message["Message-ID"] = message_id or email.utils.make_msgid(domain="example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(
            content, maintype=maintype, subtype=subtype, filename=name
        )
    return message.as_bytes()


@pytest.fixture
def triage(db, settings):
    """The council's triage directorate and procedures, as set-up leaves them."""
    procedure_ensure_builtins()
    directorate = DirectorateFactory(name="Corporate")
    settings.PUTRIGHT_INBOX_DIRECTORATE = "Corporate"
    settings.PUTRIGHT_INBOX_ADDRESS = [COUNCIL_ADDRESS]
    settings.DEFAULT_FROM_EMAIL = f"Testshire Council <{COUNCIL_ADDRESS}>"
    return directorate


@pytest.fixture
def receive(triage, django_capture_on_commit_callbacks):
    """Deliver raw bytes as the forwarding address does; what commits runs (the auto-reply)."""

    def deliver(raw: bytes) -> InboundMessage:
        with django_capture_on_commit_callbacks(execute=True):
            return inbound_receive(raw, source=InboundMessage.Source.FORWARDED)

    return deliver


# --- A real IMAP server -----------------------------------------------------------------


@dataclass(frozen=True)
class Dovecot:
    host: str
    ssl_port: int
    starttls_port: int
    user: str
    password: str
    ca_file: str

    def connect(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=self.ca_file)
        connection = imaplib.IMAP4_SSL(self.host, self.ssl_port, ssl_context=context)
        connection.login(self.user, self.password)
        return connection


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(root: Path, uid: int, gid: int, user: str, ports: tuple[int, int]) -> str:
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
default_internal_user = {user}
default_internal_group = {user}
default_login_user = {user}
first_valid_uid = 1
first_valid_gid = 1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
}}
mail_location = maildir:{root}/mail/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {ports[1]}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ports[0]}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    text = log.read_text() if log.exists() else ""
    process.kill()
    pytest.fail(f"Dovecot did not start: {text[-2000:]}")


@pytest.fixture(scope="session")
def dovecot():
    if not os.path.exists(DOVECOT):
        pytest.skip(
            "Debian's dovecot-imapd is not installed (apt-get install dovecot-imapd): "
            "the IMAP tests need a real server."
        )
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl is not installed: the IMAP tests need a TLS certificate.")
    account = (
        pwd.getpwnam("dovecot") if os.geteuid() == 0 else pwd.getpwuid(os.getuid())
    )
    root = Path(tempfile.mkdtemp(prefix="putright-dovecot-"))
    for name in ("run", "state", "mail"):
        (root / name).mkdir()
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"),
            "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    password = "mailbox-secret"  # noqa: S105 - a throw-away test server
    (root / "passwd").write_text(
        f"council:{{PLAIN}}{password}:{account.pw_uid}:{account.pw_gid}::{root}/mail\n"
    )
    ports = (_free_port(), _free_port())
    (root / "dovecot.conf").write_text(
        _config(root, account.pw_uid, account.pw_gid, account.pw_name, ports)
    )
    for path in [root, *root.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        user=account.pw_uid if os.geteuid() == 0 else None,
        group=account.pw_gid if os.geteuid() == 0 else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _wait_for(ports[1], process, root / "dovecot.log")
    _wait_for(ports[0], process, root / "dovecot.log")
    yield Dovecot(
        "127.0.0.1", ports[0], ports[1], "council", password, str(root / "cert.pem")
    )
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailbox(dovecot, triage, settings):
    """An empty INBOX (and Processed folder), and the settings that read it."""
    connection = dovecot.connect()
    for folder in ("INBOX", "Processed"):
        status, _ = connection.select(folder)
        if status != "OK":
            continue
        _status, found = connection.search(None, "ALL")
        if found[0]:
            connection.store("1:*", "+FLAGS", "(\\Deleted)")
            connection.expunge()
    connection.logout()
    settings.PUTRIGHT_INBOX_IMAP_HOST = dovecot.host
    settings.PUTRIGHT_INBOX_IMAP_PORT = dovecot.ssl_port
    settings.PUTRIGHT_INBOX_IMAP_SECURITY = "ssl"
    settings.PUTRIGHT_INBOX_IMAP_USER = dovecot.user
    settings.PUTRIGHT_INBOX_IMAP_PASSWORD = dovecot.password
    settings.PUTRIGHT_INBOX_IMAP_FOLDER = "INBOX"
    settings.PUTRIGHT_INBOX_IMAP_PROCESSED_FOLDER = ""
    settings.PUTRIGHT_INBOX_IMAP_CA_FILE = dovecot.ca_file
    return dovecot
