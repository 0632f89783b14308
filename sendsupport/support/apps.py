from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "sendsupport.support"
    label = "support"
