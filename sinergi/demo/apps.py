from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sinergi.demo"
    label = "demo"
    verbose_name = "Dunia demo / Demo world"
