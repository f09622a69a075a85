"""A real OpenID provider for the single sign-on tests: django-oauth-toolkit with OIDC.

It runs in its own process with its own settings and SQLite database, listens on
127.0.0.1 on a free port, and signs ID tokens with an RS256 key made when it starts.
`start_provider()` launches it and returns its issuer once discovery answers.
"""
