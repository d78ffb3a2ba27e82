from django.urls import path

from sinergi.insights import views, views_recap

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("batas.geojson", views.boundaries, name="boundaries"),
    path("rekap/", views_recap.recap_list, name="recap_list"),
    path("rekap/<int:pk>/<str:kind>/", views_recap.recap_download, name="recap_download"),
    path("kop-surat/", views_recap.letterhead_edit, name="letterhead"),
    path("kop-surat/logo/", views_recap.letterhead_logo, name="letterhead_logo"),
]
