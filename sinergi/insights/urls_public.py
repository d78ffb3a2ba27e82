from django.urls import path

from sinergi.insights import views_public

app_name = "open_statistics"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("<str:code>/", views_public.place, name="place"),
    path("<str:code>/unduh.csv", views_public.download_csv, name="csv"),
]
