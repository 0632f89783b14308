from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    name = "sendsupport.subject_access"
    label = "subject_access"
