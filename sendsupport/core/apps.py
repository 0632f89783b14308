from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendsupport.core"
    label = "core"
