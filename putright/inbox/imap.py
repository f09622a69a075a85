"""Reading the council's mailbox over IMAP (TLS or STARTTLS), for `putright read_mailbox`.

Each new message is fetched without marking it read (BODY.PEEK), kept and processed
(`putright.inbox.services`); only once its record is committed as processed is it moved to
the processed folder, or flagged \\Seen when no folder is set. A failed message stays
unread in the mailbox and is tried again on the next run; one processed but not yet marked
(the connection dropped) is recognised by its Message-ID and only marked.
"""

from __future__ import annotations

import imaplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings

from putright.core.errors import ServiceError
from putright.inbox.models import InboundMessage
from putright.inbox.services import inbound_process, inbound_retry, inbound_store

# Anything a dropped connection, a refused log-in or a bad certificate raises.
_IMAP_ERRORS = (OSError, imaplib.IMAP4.error, EOFError)


class MailboxUnavailable(ServiceError):
    """The mailbox could not be read; the message is one line for the log or cron mail."""


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int
    security: str
    user: str
    password: str
    folder: str
    processed_folder: str
    ca_file: str
    timeout: int

    @classmethod
    def from_settings(cls) -> MailboxSettings | None:
        host = getattr(settings, "PUTRIGHT_INBOX_IMAP_HOST", "")
        if not host:
            return None
        security = getattr(settings, "PUTRIGHT_INBOX_IMAP_SECURITY", "ssl").lower()
        if security not in ("ssl", "starttls"):
            raise MailboxUnavailable(
                "PUTRIGHT_INBOX_IMAP_SECURITY must be ssl or starttls, not "
                f"{security!r}: the mailbox password is never sent unencrypted."
            )
        default_port = 993 if security == "ssl" else 143
        return cls(
            host=host,
            port=int(getattr(settings, "PUTRIGHT_INBOX_IMAP_PORT", 0) or default_port),
            security=security,
            user=getattr(settings, "PUTRIGHT_INBOX_IMAP_USER", ""),
            password=getattr(settings, "PUTRIGHT_INBOX_IMAP_PASSWORD", ""),
            folder=getattr(settings, "PUTRIGHT_INBOX_IMAP_FOLDER", "") or "INBOX",
            processed_folder=getattr(
                settings, "PUTRIGHT_INBOX_IMAP_PROCESSED_FOLDER", ""
            ),
            ca_file=getattr(settings, "PUTRIGHT_INBOX_IMAP_CA_FILE", ""),
            timeout=int(getattr(settings, "PUTRIGHT_INBOX_IMAP_TIMEOUT", 60)),
        )


@dataclass
class MailboxRun:
    """What a run of `read_mailbox` did."""

    fetched: int = 0
    processed: int = 0
    already: int = 0  # processed on an earlier run, only marked now
    failed: list[int] = field(default_factory=list)  # InboundMessage ids
    retried: int = 0  # kept messages read again (forwarded ones, or earlier failures)
    mailbox: bool = True


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(response: tuple[str, list], what: str) -> list:
    status, data = response
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode(
            "utf-8", "replace"
        )
        raise imaplib.IMAP4.error(f"{what} refused: {detail}".strip())
    return data


def _open(config: MailboxSettings) -> imaplib.IMAP4:
    context = ssl.create_default_context(cafile=config.ca_file or None)
    if config.security == "ssl":
        return imaplib.IMAP4_SSL(
            config.host, config.port, ssl_context=context, timeout=config.timeout
        )
    connection = imaplib.IMAP4(config.host, config.port, timeout=config.timeout)
    connection.starttls(ssl_context=context)
    return connection


@contextmanager
def _mailbox(config: MailboxSettings) -> Iterator[imaplib.IMAP4]:
    where = f"{config.host}:{config.port}"
    try:
        connection = _open(config)
    except _IMAP_ERRORS as error:
        raise MailboxUnavailable(
            f"Could not connect to the mailbox at {where}: {error or type(error).__name__}."
        ) from error
    try:
        try:
            connection.login(config.user, config.password)
        except imaplib.IMAP4.error as error:
            raise MailboxUnavailable(
                f"The mailbox at {where} refused the user name or password for "
                f"{config.user!r}."
            ) from error
        yield connection
    except _IMAP_ERRORS as error:
        raise MailboxUnavailable(
            f"Reading the mailbox at {where} failed: {error or type(error).__name__}. "
            "What was read is kept; the rest is read on the next run."
        ) from error
    finally:
        try:
            connection.logout()
        except _IMAP_ERRORS:
            pass


def _capabilities(connection: imaplib.IMAP4) -> set[str]:
    data = _check(connection.capability(), "CAPABILITY")
    return {word.upper() for word in b" ".join(data).decode().split()}


def _fetch(connection: imaplib.IMAP4, uid: str) -> bytes | None:
    data = _check(connection.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    return None  # the message went away meanwhile


def _mark_processed(
    connection: imaplib.IMAP4, uid: str, config: MailboxSettings, can_move: bool
) -> None:
    _check(connection.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "STORE")
    if not config.processed_folder:
        return
    target = _quote(config.processed_folder)
    if can_move:
        _check(connection.uid("MOVE", uid, target), "MOVE")
        return
    _check(connection.uid("COPY", uid, target), "COPY")
    _check(connection.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), "STORE")
    _check(connection.expunge(), "EXPUNGE")


def _read_one(
    connection: imaplib.IMAP4,
    uid: str,
    config: MailboxSettings,
    can_move: bool,
    run: MailboxRun,
) -> None:
    raw = _fetch(connection, uid)
    if raw is None:
        return
    run.fetched += 1
    message, _created = inbound_store(raw, source=InboundMessage.Source.IMAP)
    if message.pk in run.failed:
        return  # failed again this run already: left unread for the next run
    if message.status == InboundMessage.Status.PROCESSED:
        run.already += 1
    else:
        message = inbound_process(message)
        if message.status != InboundMessage.Status.PROCESSED:
            run.failed.append(message.pk)
            return  # left unread in the mailbox: tried again on the next run
        run.processed += 1
    _mark_processed(connection, uid, config, can_move)


def _read(config: MailboxSettings, run: MailboxRun) -> None:
    with _mailbox(config) as connection:
        can_move = "MOVE" in _capabilities(connection)
        if config.processed_folder:
            connection.create(_quote(config.processed_folder))  # fails if it exists
        _check(connection.select(_quote(config.folder)), f"Opening {config.folder!r}")
        # With a processed folder, whatever is left in the folder is new or failed (a
        # person may have opened it); without one, unread means not yet processed.
        criteria = "UNDELETED" if config.processed_folder else "(UNSEEN UNDELETED)"
        uids = _check(connection.uid("SEARCH", criteria), "SEARCH")
        for uid in (uids[0] or b"").decode("ascii").split():
            _read_one(connection, uid, config, can_move, run)


def mailbox_read() -> MailboxRun:
    """Read again every kept message not yet processed, then the mailbox (if set up)."""
    run = MailboxRun()
    for message in inbound_retry():
        run.retried += 1
        if message.status != InboundMessage.Status.PROCESSED:
            run.failed.append(message.pk)
    config = MailboxSettings.from_settings()
    if config is None:
        run.mailbox = False
        return run
    _read(config, run)
    return run
