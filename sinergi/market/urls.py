from django.urls import path

from sinergi.market import views

app_name = "market"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    path("kurasi/", views.curation, name="curation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/foto/", views.photo, name="photo"),
    path("<int:pk>/foto/<str:size>.jpg", views.photo_file, name="photo_file"),
    path("<int:pk>/izin/baru/", views.legality, name="legality_add"),
    path("<int:pk>/izin/<int:legality_id>/", views.legality, name="legality_edit"),
    path("<int:pk>/izin/<int:legality_id>/hapus/", views.legality_delete, name="legality_delete"),
    path("<int:pk>/ajukan/", views.submit, name="submit"),
    path("<int:pk>/tayangkan/", views.publish, name="publish"),
    path("<int:pk>/kembalikan/", views.return_, name="return"),
]
