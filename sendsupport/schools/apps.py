from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "sendsupport.schools"
    label = "schools"
