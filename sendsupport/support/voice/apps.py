from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "sendsupport.support.voice"
    label = "voice"
    verbose_name = "Parent and pupil views"

    def ready(self) -> None:
        from sendsupport.support.voice import signals  # noqa: F401 - marks a pupil's session at sign-in
