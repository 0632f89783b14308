from django.apps import AppConfig


class InclusionConfig(AppConfig):
    name = "sendsupport.statutory.inclusion"
    label = "inclusion"
    verbose_name = "Inclusion in activities, adjustments and exam access arrangements"
