from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sendsupport.portal"
    label = "portal"
    verbose_name = "Parent portal"
