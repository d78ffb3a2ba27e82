from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sinergi.core"
    label = "core"
    verbose_name = "Inti / Core"
