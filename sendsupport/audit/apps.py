from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sendsupport.audit"
    label = "audit"

    def ready(self) -> None:
        from sendsupport.audit import signals  # noqa: F401 - connects the receivers
        from sendsupport.audit.append_only import allow_flush

        allow_flush()
