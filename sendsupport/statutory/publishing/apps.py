from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "sendsupport.statutory.publishing"
    label = "publishing"
    verbose_name = "SEN information report, inclusion strategy and accessibility plan"
