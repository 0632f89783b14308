from django.apps import AppConfig


class PupilsConfig(AppConfig):
    name = "sendsupport.pupils"
    label = "pupils"

    def ready(self) -> None:
        from sendsupport.pupils import current_sen

        current_sen.connect()
