"""Where messages go: Django's email backends (default) or GOV.UK Notify.

Choose with the setting `PUTRIGHT_NOTIFICATION_BACKEND` (a dotted path). The Notify backend
needs the optional `notifications-python-client` package (`pip install putright[notify]`),
`NOTIFY_API_KEY` and `NOTIFY_EMAIL_TEMPLATE_ID`: an email template whose subject is
`((subject))` and whose body is `((body))`.

A letter's email carries its PDF. Django's backends attach it. GOV.UK Notify sends it as a
secure download link (`prepare_upload`), which needs a second template,
`NOTIFY_LETTER_TEMPLATE_ID`, whose body has `((body))` and `((link_to_file))`.
"""

from __future__ import annotations

import io
from typing import NamedTuple, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, send_mail
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "putright.notifications.backends.EmailBackend"


class Attachment(NamedTuple):
    name: str
    content: bytes
    mimetype: str


class Backend(Protocol):
    def send(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        attachments: list[Attachment] | None = None,
    ) -> None: ...


class EmailBackend:
    """Sends through Django's EMAIL_BACKEND (SMTP in production, console in the demo)."""

    def send(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        attachments: list[Attachment] | None = None,
    ) -> None:
        if not attachments:
            send_mail(
                subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False
            )
            return
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        for attachment in attachments:
            message.attach(attachment.name, attachment.content, attachment.mimetype)
        message.send(fail_silently=False)


class NotifyBackend:
    """Sends through GOV.UK Notify with one generic email template."""

    def __init__(self) -> None:
        api_key = getattr(settings, "NOTIFY_API_KEY", "")
        self.template_id = getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", "")
        if not api_key or not self.template_id:
            raise ImproperlyConfigured(
                "Set NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID to use GOV.UK Notify."
            )
        try:
            from notifications_python_client.notifications import (
                NotificationsAPIClient,
            )
        except ImportError as error:
            raise ImproperlyConfigured(
                "Install notifications-python-client to use GOV.UK Notify "
                "(pip install 'putright[notify]')."
            ) from error
        self.client = NotificationsAPIClient(api_key)

    def send(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        attachments: list[Attachment] | None = None,
    ) -> None:
        personalisation: dict[str, object] = {"subject": subject, "body": body}
        template_id = self.template_id
        if attachments:
            template_id = getattr(settings, "NOTIFY_LETTER_TEMPLATE_ID", "")
            if not template_id:
                raise ImproperlyConfigured(
                    "Set NOTIFY_LETTER_TEMPLATE_ID to send letters through GOV.UK Notify."
                )
            from notifications_python_client import prepare_upload

            first = attachments[0]
            personalisation["link_to_file"] = prepare_upload(
                io.BytesIO(first.content),
                filename=first.name,
                confirm_email_before_download=True,
            )
        self.client.send_email_notification(
            email_address=to, template_id=template_id, personalisation=personalisation
        )


def get_backend() -> Backend:
    """The configured backend, built once per run."""
    path = getattr(settings, "PUTRIGHT_NOTIFICATION_BACKEND", DEFAULT_BACKEND)
    return import_string(path)()
