from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "sinergi.health"
    label = "health"
    verbose_name = "Kesehatan koperasi / Cooperative health"
