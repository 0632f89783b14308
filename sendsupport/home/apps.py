from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page and the navigation: the top floor, composing every capability app."""

    name = "sendsupport.home"
    label = "home"
