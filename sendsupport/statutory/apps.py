from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "sendsupport.statutory"
    label = "statutory"
    verbose_name = "EHC needs assessments and plans"

    def ready(self) -> None:
        from sendsupport.statutory import rules  # noqa: F401  (registers the permission rules)
        from sendsupport.statutory.evidence import rules as evidence_rules  # noqa: F401  (the evidence pack's)
