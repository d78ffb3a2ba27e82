from django.urls import path

from sinergi.assistance import views

app_name = "assistance"

urlpatterns = [
    path("", views.index, name="index"),
]
