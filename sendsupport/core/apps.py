from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendsupport.core"
    label = "core"

    def ready(self) -> None:
        from sendsupport.core import checks  # noqa: F401  registers the system checks
