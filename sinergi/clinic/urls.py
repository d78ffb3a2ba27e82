from django.urls import path

from sinergi.clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.index, name="index"),
    path("program/baru/", views.programme_create, name="programme_create"),
    path("program/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("program/<int:pk>/ubah/", views.programme_edit, name="programme_edit"),
    path("program/<int:pk>/laporan.<str:fmt>", views.programme_report, name="programme_report"),
    path("program/<int:pk>/daftarkan/", views.enrol, name="enrol"),
    path("peringatan-dini/<int:org_pk>/", views.enrol_warning, name="enrol_warning"),
    path("minta/", views.request_clinic, name="request"),
    path("kasus/<int:pk>/", views.case_detail, name="case_detail"),
    path("kasus/<int:pk>/rencana-aksi.pdf", views.case_pdf, name="case_pdf"),
    path("kasus/<int:pk>/terima/", views.case_accept, name="case_accept"),
    path("kasus/<int:pk>/kuesioner/", views.case_intake, name="case_intake"),
    path("kasus/<int:pk>/tim/", views.case_team, name="case_team"),
    path("kasus/<int:pk>/nilai/", views.case_rate, name="case_rate"),
    path("kasus/<int:pk>/sepakati/", views.case_agree, name="case_agree"),
    path("kasus/<int:pk>/rekomendasi/", views.recommendation_add, name="recommendation_add"),
    path("kasus/<int:pk>/kunjungan/", views.visit_add, name="visit_add"),
    path("kasus/<int:pk>/tutup/", views.case_close, name="case_close"),
    path("rekomendasi/<int:pk>/status/", views.recommendation_status, name="recommendation_status"),
    path("kunjungan/<int:pk>/", views.visit_record, name="visit_record"),
    path("kunjungan/<int:pk>/lampiran/<int:attachment_pk>/", views.visit_attachment, name="visit_attachment"),
    path("penyakit/", views.problem_list, name="problem_list"),
    path("penyakit/<int:pk>/", views.problem_edit, name="problem_edit"),
    path("pakar/", views.expert_list, name="expert_list"),
]
