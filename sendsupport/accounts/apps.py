from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendsupport.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Connects the sign-in stamp of the idle time-out before anyone signs in, not at the first request.
        from sendsupport.accounts import middleware  # noqa: F401
