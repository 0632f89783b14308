from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo school and the synthetic seed: the top floor, composing every app below it."""

    name = "sendsupport.demo"
    label = "demo"
