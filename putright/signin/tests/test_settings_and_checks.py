"""Sign-in settings read from the environment, and the start-up checks on them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from putright.signin.checks import role_map_names_real_roles

REPO_ROOT = Path(__file__).resolve().parents[3]


def _settings_in_a_fresh_process(**environment):
    code = (
        "import json; from putright.config.settings import base as s; "
        "print(json.dumps({'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['form-action'], 'role_map': s.PUTRIGHT_OIDC_ROLE_MAP, "
        "'idle': s.PUTRIGHT_SESSION_IDLE_MINUTES, 'cookie': s.SESSION_COOKIE_AGE, "
        "'lockout': s.AXES_LOCKOUT_PARAMETERS, 'two_factor': "
        "s.PUTRIGHT_SECOND_FACTOR_REQUIRED}))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **environment}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_environment_sets_the_provider_role_map_and_session_limits():
    found = _settings_in_a_fresh_process(
        PUTRIGHT_OIDC_ISSUER="https://login.microsoftonline.com/tenant/v2.0",
        PUTRIGHT_OIDC_ROLE_MAP='{"putright.complaints_team": "complaints_team"}',
        PUTRIGHT_SESSION_IDLE_MINUTES="15",
        PUTRIGHT_SESSION_MAX_HOURS="8",
        PUTRIGHT_SECOND_FACTOR_REQUIRED="false",
    )
    # Signing out may continue to the provider's end-session page after the form post.
    assert found["form_action"] == ["'self'", "https://login.microsoftonline.com"]
    assert found["role_map"] == {"putright.complaints_team": "complaints_team"}
    assert found["idle"] == 15
    assert found["cookie"] == 8 * 3600
    # Never a username on its own; and the base (production) settings keep the second
    # factor on whatever the environment says.
    assert found["lockout"] == [["username", "ip_address"]]
    assert found["two_factor"] is True


def test_role_map_naming_an_unknown_role_is_reported(settings):
    settings.PUTRIGHT_OIDC_ROLE_MAP = {"Staff": "complaints_team", "Bosses": "boss"}
    errors = role_map_names_real_roles(None)
    assert [e.id for e in errors] == ["putright.signin.E002"]
    assert "'Bosses'" in errors[0].msg
    assert "'boss'" in errors[0].msg


def test_role_map_that_is_not_an_object_is_reported(settings):
    settings.PUTRIGHT_OIDC_ROLE_MAP = ["complaints_team"]
    assert [e.id for e in role_map_names_real_roles(None)] == ["putright.signin.E001"]
