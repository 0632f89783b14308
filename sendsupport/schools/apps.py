from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "sendsupport.schools"
    label = "schools"

    def ready(self) -> None:
        from sendsupport.schools import memo

        memo.connect()
