from django.urls import path

from sinergi.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.index, name="index"),
]
