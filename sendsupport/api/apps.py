from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sendsupport.api"
    label = "api"

    def ready(self) -> None:
        from sendsupport.accounts.signals import password_changed
        from sendsupport.api.services import revoke_tokens_on_password_change

        password_changed.connect(revoke_tokens_on_password_change, dispatch_uid="api-revoke-tokens")
