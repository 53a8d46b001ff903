from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bangkom.accounts"
    label = "accounts"
