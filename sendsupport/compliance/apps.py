from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "sendsupport.compliance"
    label = "compliance"
