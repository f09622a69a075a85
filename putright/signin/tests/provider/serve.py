"""Run the test OpenID provider: migrate, register the client and people, then serve.

python -m putright.signin.tests.provider.serve PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI...
(PROVIDER_DATABASE and PROVIDER_PEOPLE come from the environment.)
"""

import os
import sys


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "putright.signin.tests.provider.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    port, client_id, client_secret, *redirect_uris = sys.argv[1:]
    call_command("migrate", verbosity=0, interactive=False)
    for person in settings.PROVIDER_PEOPLE:
        user = User.objects.create_user(
            person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
        user.save()
    logout_uris = " ".join(
        uri.rsplit("/accounts/", 1)[0] + "/accounts/login/" for uri in redirect_uris
    )
    Application.objects.create(
        name="putright",
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(redirect_uris),
        post_logout_redirect_uris=logout_uris,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    print("ready", flush=True)  # noqa: T201
    run(
        "127.0.0.1",
        int(port),
        get_wsgi_application(),
        threading=True,
        server_cls=WSGIServer,
    )


if __name__ == "__main__":
    main()
