from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "sinergi.partnerships"
    label = "partnerships"
    verbose_name = "Kemitraan / Partnerships"
