"""Reading one RFC 822 message, whatever state it arrives in: no database, no side effects.

Hostile or broken mail is the normal case for a council mailbox: unknown charsets, broken
MIME, NUL bytes, HTML only, no From. Every header and part is read defensively; what cannot be
decoded is replaced, never fatal, so the message still becomes a contact. Only bytes that
are not a message at all raise `EmailUnreadable`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import mimetypes
import quopri
import re
from dataclasses import dataclass, field
from email.errors import MessageError
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# What a broken header or part may raise while it is decoded.
_DECODE_ERRORS = (
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    IndexError,
    UnicodeError,
    MessageError,
    binascii.Error,
)
# Control characters other than tab and line breaks (NUL included): never stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The most body text kept in the case summary; the original message keeps all of it.
TEXT_LIMIT = 100_000
_MESSAGE_ID = re.compile(
    rb"^message-id:[ \t]*((?:[^\r\n]|\r?\n[ \t])*)", re.IGNORECASE | re.MULTILINE
)
_LIST_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_AUTOMATIC_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
_DAEMON_SENDERS = ("mailer-daemon@", "postmaster@")


class EmailUnreadable(Exception):
    """The bytes are not an email at all; the message says why, for the administrator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Document:
    """A file attached to the email, as it came (the casework checks decide on it later)."""

    name: str
    content: bytes


@dataclass
class ParsedEmail:
    message_id: str
    sender_name: str
    sender_address: str
    subject: str
    sent: dt.datetime | None
    text: str
    automatic: bool
    documents: list[Document] = field(default_factory=list)


def clean_text(value: str) -> str:
    """Text safe to store: no NUL or other control characters, Unix line ends."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def without_envelope(raw: bytes) -> bytes:
    """The message without an mbox "From " envelope line, which some delivery agents add."""
    if raw.startswith(b"From "):
        _line, _newline, rest = raw.partition(b"\n")
        return rest
    return raw


def _header_block(raw: bytes) -> bytes:
    raw = without_envelope(raw)
    end = re.search(rb"\r?\n\r?\n", raw)
    return raw[: end.start()] if end else raw


def message_id_of(raw: bytes) -> str:
    """The Message-ID, read from the header bytes without parsing the message."""
    found = _MESSAGE_ID.search(_header_block(raw))
    if not found:
        return ""
    value = re.sub(rb"\s+", b"", found.group(1))
    return clean_text(value.decode("ascii", "replace"))[:300]


def message_key(raw: bytes) -> tuple[str, str]:
    """(key, Message-ID): the key is the Message-ID's hash, else the bytes' hash."""
    message_id = message_id_of(raw)
    source = message_id.encode() if message_id else b"raw:" + raw
    return hashlib.sha256(source).hexdigest(), message_id


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
        return clean_text(str(value)).strip() if value is not None else ""
    except _DECODE_ERRORS:
        return ""


def _sender(message: Message) -> tuple[str, str]:
    header = _header(message, "From")
    if not header:
        return "", ""
    try:
        name, address = email.utils.getaddresses([header])[0]
    except _DECODE_ERRORS:
        return "", ""
    address = address.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        address = ""
    return clean_text(name).strip()[:200], address


def _sent(message: Message) -> dt.datetime | None:
    header = _header(message, "Date")
    if not header:
        return None
    try:
        sent = email.utils.parsedate_to_datetime(header)
    except _DECODE_ERRORS:
        return None
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.UTC)
    return sent


def is_automatic(message: Message, sender_address: str) -> bool:
    """An auto-reply, bounce or list message (RFC 3834): it never gets an auto-reply."""
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if _header(message, "Precedence").lower() in _LIST_PRECEDENCE:
        return True
    if any(_header(message, name) for name in (*_AUTOMATIC_HEADERS, "List-Id")):
        return True
    try:
        return_path = message.get_all("Return-Path") or []
    except _DECODE_ERRORS:
        return_path = []
    if any(str(value).strip() in ("<>", "") for value in return_path):
        return True
    if message.get_content_type() == "multipart/report":
        return True
    return sender_address.startswith(_DAEMON_SENDERS)


class _TextFromHtml(HTMLParser):
    """Text of an HTML body: tags dropped, scripts and styles skipped, blocks on new lines."""

    _SKIP = frozenset({"script", "style", "head", "title"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text from HTML mail, for a case summary (never rendered as HTML)."""
    parser = _TextFromHtml()
    try:
        parser.feed(html)
        parser.close()
    except _DECODE_ERRORS:
        pass
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decoded(part: Message) -> str:
    """A text part's content in its charset; an unknown or wrong charset is replaced."""
    try:
        payload = part.get_payload(decode=True)
    except _DECODE_ERRORS:
        payload = None
    if not isinstance(payload, bytes):
        payload = str(part.get_payload() or "").encode("utf-8", "replace")
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def _is_attachment(part: Message) -> bool:
    try:
        disposition = part.get_content_disposition()
        filename = part.get_filename()
    except _DECODE_ERRORS:
        return True
    return disposition == "attachment" or bool(filename)


def _attached_message(part: Message) -> bytes:
    """The bytes of an attached message; some programs base64-encode it against the RFC."""
    inner = part.get_payload()
    first = inner[0] if isinstance(inner, list) and inner else None
    if not isinstance(first, Message):
        return str(inner).encode("utf-8", "replace")
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        return base64.b64decode(str(first.get_payload()))
    if encoding == "quoted-printable":
        return quopri.decodestring(str(first.get_payload()).encode("ascii", "replace"))
    return first.as_bytes()


def _document(part: Message, number: int) -> Document:
    content_type = part.get_content_type()
    try:
        name = clean_text(part.get_filename() or "").strip()
    except _DECODE_ERRORS:
        name = ""
    if content_type == "message/rfc822":
        try:
            content = _attached_message(part)
        except _DECODE_ERRORS:
            content = str(part).encode("utf-8", "replace")
        return Document(name or f"forwarded-message-{number}.eml", content)
    try:
        payload = part.get_payload(decode=True)
    except _DECODE_ERRORS:
        payload = None
    data = payload if isinstance(payload, bytes) else b""
    if not name:
        extension = mimetypes.guess_extension(content_type) or ".bin"
        name = f"attachment-{number}{extension}"
    return Document(name[:200], data)


def _leaves(message: Message) -> list[Message]:
    """The parts that hold content, in order; an attached message stays whole."""
    if message.get_content_type() == "message/rfc822":
        return [message]
    if message.is_multipart():
        payload = message.get_payload()
        if isinstance(payload, list):
            return [
                leaf
                for child in payload
                if isinstance(child, Message)
                for leaf in _leaves(child)
            ]
    return [message]


def _body_and_documents(message: Message) -> tuple[str, list[Document]]:
    plain: str | None = None
    html: str | None = None
    documents: list[Document] = []
    for part in _leaves(message) if message.is_multipart() else [message]:
        content_type = part.get_content_type()
        if part is not message and (
            content_type == "message/rfc822" or _is_attachment(part)
        ):
            documents.append(_document(part, len(documents) + 1))
        elif content_type == "text/plain" and plain is None:
            plain = _decoded(part)
        elif content_type == "text/html" and html is None:
            html = _decoded(part)
        elif part is not message and not content_type.startswith("text/"):
            documents.append(_document(part, len(documents) + 1))
    if plain is not None and plain.strip():
        text = plain
    elif html is not None:
        text = html_to_text(html)
    else:
        text = plain or ""
    text = clean_text(text).strip()
    if len(text) > TEXT_LIMIT:
        text = text[:TEXT_LIMIT] + "\n\n[The rest is in the original message.]"
    return text, documents


def parse(raw: bytes) -> ParsedEmail:
    """Read a message: sender, subject, date, body text and attachments."""
    if not raw.strip():
        raise EmailUnreadable("The message is empty.")
    raw = without_envelope(raw)
    message = email.message_from_bytes(
        raw, _class=EmailMessage, policy=email.policy.default
    )
    if not message.keys():
        raise EmailUnreadable("The message has no headers: it is not an email.")
    name, address = _sender(message)
    text, documents = _body_and_documents(message)
    return ParsedEmail(
        message_id=message_id_of(raw),
        sender_name=name,
        sender_address=address,
        subject=_header(message, "Subject")[:500],
        sent=_sent(message),
        text=text,
        automatic=is_automatic(message, address),
        documents=documents,
    )
