from django.urls import path

from sinergi.consignment import views

app_name = "consignment"

urlpatterns = [
    path("", views.index, name="index"),
]
