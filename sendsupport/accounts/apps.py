from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendsupport.accounts"
    label = "accounts"
