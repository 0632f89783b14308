from django.apps import AppConfig


class SpecialistsConfig(AppConfig):
    name = "sendsupport.support.specialists"
    label = "specialists"
