import pytest

from putright.signin.tests.provider.process import running_provider

ROLE_MAP = {"Complaints officers": "complaints_team", "Managers": "manager"}


@pytest.fixture(scope="module")
def provider():
    """A real OpenID provider process that knows the test client's callback."""
    with running_provider(["http://testserver/accounts/sso/callback/"]) as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    """putright configured for single sign-on with the test provider."""
    settings.PUTRIGHT_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.PUTRIGHT_OIDC_ROLE_MAP = ROLE_MAP
    settings.PUTRIGHT_OIDC_DIRECTORATE_CLAIM = "department"
    settings.PUTRIGHT_OIDC_TEAM_CLAIM = "team"
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = True
    return provider
