from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Adds the claims a council's provider sends: name, email, groups, service."""

    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "groups": "profile",
        "department": "profile",
        "team": "profile",
    }

    def get_additional_claims(self, request):
        user = request.user
        person = next(
            (p for p in settings.PROVIDER_PEOPLE if p["username"] == user.username), {}
        )
        claims = {
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "preferred_username": user.username,
            "groups": person.get("groups", []),
        }
        for claim in ("department", "team"):
            if person.get(claim):
                claims[claim] = person[claim]
        return claims
