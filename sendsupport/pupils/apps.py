from django.apps import AppConfig


class PupilsConfig(AppConfig):
    name = "sendsupport.pupils"
    label = "pupils"
