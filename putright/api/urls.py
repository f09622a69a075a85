"""Mounted at /api/: version 1 at /api/v1/ (URL names in the `api` namespace)."""

from django.urls import path

from putright.api.api import api

urlpatterns = [path("v1/", api.urls)]
