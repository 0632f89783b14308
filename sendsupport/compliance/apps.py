from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "sendsupport.compliance"
    label = "compliance"

    def ready(self) -> None:
        from sendsupport.compliance import memo

        memo.connect()
