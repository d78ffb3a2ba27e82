from django.urls import path

from sinergi.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("baru/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/ubah/", views.event_edit, name="event_edit"),
    path("<int:pk>/batalkan/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/undangan/", views.event_invite, name="event_invite"),
    path("<int:pk>/undangan/<int:invitation_pk>/cabut/", views.invitation_remove, name="invitation_remove"),
    path("<int:pk>/daftar/", views.event_register, name="event_register"),
    path(
        "<int:pk>/peserta/<int:registration_pk>/batal/", views.registration_cancel, name="registration_cancel"
    ),
    path("<int:pk>/kehadiran/", views.attendance, name="attendance"),
    path("<int:pk>/kehadiran/<int:registration_pk>/", views.attendance_toggle, name="attendance_toggle"),
    path("<int:pk>/materi/", views.material_add, name="material_add"),
    path("<int:pk>/materi/<int:material_pk>/", views.material_download, name="material_download"),
    path("<int:pk>/materi/<int:material_pk>/hapus/", views.material_remove, name="material_remove"),
    path("<int:pk>/sertifikat/<int:registration_pk>/unduh/", views.certificate, name="certificate"),
]
