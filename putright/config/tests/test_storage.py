"""Attachments and reports go through Django's storage: local, S3 or Azure by environment."""

from __future__ import annotations

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404, resolve

from putright.config.storage import AZURE, FILESYSTEM, S3, default_storage


def _storage(monkeypatch, **values: str) -> dict:
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return default_storage(environ.Env())


def test_files_are_kept_in_the_data_folder_by_default(monkeypatch):
    monkeypatch.delenv("PUTRIGHT_FILE_STORAGE", raising=False)
    assert _storage(monkeypatch) == {"BACKEND": FILESYSTEM}


def test_s3_storage_is_private_signed_and_never_overwrites(monkeypatch):
    storage = _storage(
        monkeypatch,
        PUTRIGHT_FILE_STORAGE="s3",
        PUTRIGHT_S3_BUCKET="council-putright",
        PUTRIGHT_S3_REGION="eu-west-2",
        PUTRIGHT_S3_ENDPOINT_URL="https://s3.council.example",
    )
    assert storage["BACKEND"] == S3
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "council-putright"
    assert options["region_name"] == "eu-west-2"
    assert options["endpoint_url"] == "https://s3.council.example"
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_azure_storage_takes_a_connection_string_or_an_account(monkeypatch):
    by_string = _storage(
        monkeypatch,
        PUTRIGHT_FILE_STORAGE="azure",
        PUTRIGHT_AZURE_CONTAINER="putright",
        PUTRIGHT_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=x",
    )
    assert by_string["BACKEND"] == AZURE
    assert by_string["OPTIONS"]["azure_container"] == "putright"
    assert by_string["OPTIONS"]["overwrite_files"] is False
    monkeypatch.delenv("PUTRIGHT_AZURE_CONNECTION_STRING")
    by_account = _storage(monkeypatch, PUTRIGHT_AZURE_ACCOUNT_NAME="councilfiles")
    assert by_account["OPTIONS"]["account_name"] == "councilfiles"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"PUTRIGHT_FILE_STORAGE": "dropbox"}, "'dropbox', which is not recognised"),
        ({"PUTRIGHT_FILE_STORAGE": "s3"}, "so PUTRIGHT_S3_BUCKET must be set"),
        ({"PUTRIGHT_FILE_STORAGE": "azure"}, "so PUTRIGHT_AZURE_CONTAINER must be set"),
    ],
)
def test_incomplete_storage_settings_are_refused_by_name(monkeypatch, values, message):
    for name in ("PUTRIGHT_S3_BUCKET", "PUTRIGHT_AZURE_CONTAINER"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ImproperlyConfigured, match=message):
        _storage(monkeypatch, **values)


def test_uploaded_files_have_no_public_url():
    # Downloads go through the case-scope check in the views, never a media URL.
    with pytest.raises(Resolver404):
        resolve("/media/attachments/anything.pdf")
