from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = "sendsupport.provision"
    label = "provision"
    verbose_name = "Provision, costs and impact"

    def ready(self) -> None:
        from sendsupport.provision import rules, signals  # noqa: F401  (registers rules and the carry-forward)
