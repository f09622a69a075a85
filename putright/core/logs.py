"""Structured logs: one JSON object a line, each with the request id and the user id.

Personal data stays out of the logs. An access line records the method, the path without
its query string (search terms are names), the status and the time taken; never form data,
headers, email addresses or usernames. The request id comes from the council's proxy
(`X-Request-ID`) when it is well formed, or is made here, and goes back in the response so
a resident's "it failed at 10:32" can be matched to the log line.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is accepted only if short and plain, so a header cannot inject into logs.
_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "putright_request_id", default=None
)
_user_id: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "putright_user_id", default=None
)
access_logger = logging.getLogger("putright.access")

# Attributes a log call may add with `extra=` that are written out; anything else is
# dropped, so a stray `extra={"request": request}` cannot leak headers or form data.
LOG_FORMATS = ("json", "text")
EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "command", "count")


def request_id_from(header: str | None) -> str:
    """The proxy's request id when well formed, else a new random one."""
    if header and _REQUEST_ID_PATTERN.match(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return _request_id.get()


def _user_pk(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)  # absent when a response came before auth
    if user is None or not user.is_authenticated:
        return None
    return int(user.pk)


class RequestLogMiddleware:
    """Give each request an id (returned as X-Request-ID) and log one access line."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        id_token = _request_id.set(request_id)
        user_token = _user_id.set(None)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            _user_id.set(_user_pk(request))
            response[REQUEST_ID_HEADER] = request_id
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _user_id.reset(user_token)
            _request_id.reset(id_token)

    def process_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        # The user is known once authentication has run; errors logged in the view get it.
        _user_id.set(_user_pk(request))


class RequestContextFilter(logging.Filter):
    """Add the current request id and user id to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        record.user_id = _user_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request and user ids."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "user_id": getattr(record, "user_id", None),
        }
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, default=str)


def logging_config(*, level: str, fmt: str) -> dict[str, Any]:
    """Django's LOGGING: JSON lines ("json") or plain text ("text") on standard error."""
    if fmt not in LOG_FORMATS:
        raise ImproperlyConfigured(
            f"LOG_FORMAT is {fmt!r}, which is not recognised: use json or text."
        )
    formatter = (
        {"()": "putright.core.logs.JsonFormatter"}
        if fmt == "json"
        else {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        }
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "putright",
        "filters": ["request_context"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": "putright.core.logs.RequestContextFilter"}
        },
        "formatters": {"putright": formatter},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own request logger repeats the access line for 4xx; errors stay.
            "django.request": {"level": "ERROR"},
            "putright.access": {
                "handlers": ["console"],
                "level": "INFO",
                "propagate": False,
            },
        },
    }
