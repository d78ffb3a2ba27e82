from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "sinergi.insights"
    label = "insights"
    verbose_name = "Wawasan / Insights"
