"""Where uploaded attachments and generated reports are kept: Django's default storage.

A council on one machine keeps them in the data folder; a council running several machines
puts them on object storage through django-storages (the `storages` extra), chosen by
environment variables. Files are always served through the app after the case-scope check,
never from a public URL, so the bucket or container stays private.
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
AZURE = "storages.backends.azure_storage.AzureStorage"


def _required(env: environ.Env, name: str, kind: str) -> str:
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"PUTRIGHT_FILE_STORAGE is {kind}, so {name} must be set as well."
        )
    return value


def _s3(env: environ.Env) -> dict[str, Any]:
    options: dict[str, Any] = {
        "bucket_name": _required(env, "PUTRIGHT_S3_BUCKET", "s3"),
        "location": env.str("PUTRIGHT_S3_PREFIX", default="putright"),
        # Private objects, signed short-lived URLs only, and never overwrite a file.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
    }
    for option, name in (
        ("region_name", "PUTRIGHT_S3_REGION"),
        ("endpoint_url", "PUTRIGHT_S3_ENDPOINT_URL"),
    ):
        value = env.str(name, default="").strip()
        if value:
            options[option] = value
    # Credentials come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
    # variables or the machine's instance role, read by boto3 itself.
    return {"BACKEND": S3, "OPTIONS": options}


def _azure(env: environ.Env) -> dict[str, Any]:
    options: dict[str, Any] = {
        "azure_container": _required(env, "PUTRIGHT_AZURE_CONTAINER", "azure"),
        "location": env.str("PUTRIGHT_AZURE_PREFIX", default="putright"),
        "overwrite_files": False,
        "expiration_secs": 300,
    }
    connection_string = env.str("PUTRIGHT_AZURE_CONNECTION_STRING", default="").strip()
    if connection_string:
        options["connection_string"] = connection_string
    else:
        options["account_name"] = _required(env, "PUTRIGHT_AZURE_ACCOUNT_NAME", "azure")
        key = env.str("PUTRIGHT_AZURE_ACCOUNT_KEY", default="").strip()
        if key:
            options["account_key"] = key
    return {"BACKEND": AZURE, "OPTIONS": options}


def default_storage(env: environ.Env) -> dict[str, Any]:
    """STORAGES["default"] from PUTRIGHT_FILE_STORAGE: filesystem (default), s3 or azure."""
    kind = env.str("PUTRIGHT_FILE_STORAGE", default="filesystem").strip().lower()
    if kind == "filesystem":
        return {"BACKEND": FILESYSTEM}  # in MEDIA_ROOT, the data folder's media/
    if kind == "s3":
        return _s3(env)
    if kind == "azure":
        return _azure(env)
    raise ImproperlyConfigured(
        f"PUTRIGHT_FILE_STORAGE is {kind!r}, which is not recognised: use filesystem, "
        f"s3 or azure."
    )
