from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "sendsupport.interop"
    label = "interop"
