from django.urls import path

from sinergi.regions import views

app_name = "regions"
urlpatterns = [
    path("pilih/", views.picker, name="picker"),
]
