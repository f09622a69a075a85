"""The demo council generator is a development tool: installed in dev and test only."""

import importlib
import sys

import pytest


def _installed_apps(module: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    monkeypatch.delitem(sys.modules, module, raising=False)
    return list(importlib.import_module(module).INSTALLED_APPS)


def test_production_settings_do_not_install_the_demo_app(monkeypatch):
    apps = _installed_apps("putright.config.settings.production", monkeypatch)
    assert "putright.demo" not in apps
    assert "putright.statistics" in apps


@pytest.mark.parametrize(
    "module", ["putright.config.settings.dev", "putright.config.settings.test"]
)
def test_development_and_test_settings_install_the_demo_app(module, monkeypatch):
    assert "putright.demo" in _installed_apps(module, monkeypatch)
