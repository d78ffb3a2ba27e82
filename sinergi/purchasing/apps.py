from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "sinergi.purchasing"
    label = "purchasing"
    verbose_name = "Belanja Bareng / Joint purchasing"
