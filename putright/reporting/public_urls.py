"""Mounted at /figures/: the public dashboard and open data (when the council publishes)."""

from django.urls import path

from putright.reporting import public_views

app_name = "figures"

urlpatterns = [
    path("", public_views.figures, name="dashboard"),
    path("open-data/", public_views.open_data, name="open_data"),
    path("open-data/figures.csv", public_views.open_data_csv, name="open_data_csv"),
    path("open-data/figures.json", public_views.open_data_json, name="open_data_json"),
]
