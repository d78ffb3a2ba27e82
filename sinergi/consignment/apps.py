from django.apps import AppConfig


class ConsignmentConfig(AppConfig):
    name = "sinergi.consignment"
    label = "consignment"
    verbose_name = "Gerai dan titip jual / Outlets and consignment"
