from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "sinergi.events"
    label = "events"
    verbose_name = "Kegiatan dan pelatihan / Events and training"
