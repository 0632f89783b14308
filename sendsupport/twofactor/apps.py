from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "sendsupport.twofactor"
    label = "twofactor"
    verbose_name = "Two-factor sign-in"

    def ready(self) -> None:
        from sendsupport.twofactor import signals  # noqa: F401  (decides at sign-in whether a second factor is due)
