from django.urls import path

from sinergi.market import views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
]
