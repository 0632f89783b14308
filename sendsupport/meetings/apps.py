from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sendsupport.meetings"
    label = "meetings"
