"""Production: secure defaults on; SECRET_KEY and ALLOWED_HOSTS must come from the environment.

`putright check` (and every command, and the WSGI application as it starts) refuses to run
with the development secret key, a short key or DEBUG on (putright/core/checks.py).
"""

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import DEVELOPMENT_SECRET_KEY, env

PUTRIGHT_PRODUCTION = True

# Read (not forced off) so that DEBUG=1 in an env file is refused by the check, not ignored.
DEBUG = env.bool("DEBUG", default=False)
# An empty key counts as none: the check then says so (Django would raise instead).
SECRET_KEY = env.str("SECRET_KEY", default="") or DEVELOPMENT_SECRET_KEY

# Collected once by `putright collectstatic`; hashed, compressed names cached forever.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "putright.core.staticfiles.ManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

# HTTPS behind the council's proxy: the proxy ends TLS and says so in X-Forwarded-Proto
# (it must overwrite any such header from the client). CSRF_TRUSTED_ORIGINS lists the
# https:// address staff use when it differs from the Host the proxy passes on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The proxy's health probe may call /healthz over plain HTTP on the machine itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,  # noqa: F405
    # security.W021 (HSTS preload): joining the browsers' preload list commits every
    # subdomain of the council's domain to HTTPS for good; that is the council's decision
    # (SECURE_HSTS_PRELOAD=1), not a default.
    "security.W021",
]
