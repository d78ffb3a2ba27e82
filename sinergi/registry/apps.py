from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sinergi.registry"
    label = "registry"
    verbose_name = "Registri / Registry"
