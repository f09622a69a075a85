"""Production: secure defaults on; SECRET_KEY and ALLOWED_HOSTS must come from the environment."""

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
