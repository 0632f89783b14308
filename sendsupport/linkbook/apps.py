from django.apps import AppConfig


class LinkBookConfig(AppConfig):
    name = "sendsupport.linkbook"
    label = "linkbook"
    verbose_name = "Home-school link book"
