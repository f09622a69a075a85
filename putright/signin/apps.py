from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "putright.signin"
    label = "signin"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        # The session clock starts at sign-in; provider logout is captured at sign-out;
        # the deploy check refuses production without the second factor.
        from putright.signin import checks, signals  # noqa: F401
