"""Signals of notifications: higher layers (correspondence) react without being imported."""

from django.dispatch import Signal

# Sent by the worker once an email has gone: `email` is the NotificationEmail.
email_sent = Signal()
