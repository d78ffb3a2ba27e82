from django.urls import path

from sinergi.core import notification_views

app_name = "notifications"

urlpatterns = [
    path("", notification_views.notification_list, name="list"),
    path("<int:pk>/buka/", notification_views.notification_open, name="open"),
    path("baca-semua/", notification_views.notification_read_all, name="read_all"),
    path("pengaturan/", notification_views.notification_preferences, name="preferences"),
]
