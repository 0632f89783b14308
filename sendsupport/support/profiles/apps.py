from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "sendsupport.support.profiles"
    label = "profiles"
