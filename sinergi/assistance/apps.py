from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "sinergi.assistance"
    label = "assistance"
    verbose_name = "Bantuan warung / Warung assistance"
