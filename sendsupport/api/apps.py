from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sendsupport.api"
    label = "api"
