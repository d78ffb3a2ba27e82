from django.urls import path

from sinergi.assistance import views

app_name = "assistance"

urlpatterns = [
    path("", views.index, name="index"),
    path("program/baru/", views.programme_create, name="programme_create"),
    path("program/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("program/<int:pk>/paket/", views.package_add, name="package_add"),
    path("program/<int:pk>/tahap/<slug:step>/", views.programme_step, name="programme_step"),
    path("program/<int:pk>/daftar/", views.application_create, name="application_create"),
    path("program/<int:pk>/pengaduan/", views.grievances, name="grievances"),
    path(
        "program/<int:pk>/pengaduan/<int:grievance_pk>/jawab/",
        views.grievance_answer,
        name="grievance_answer",
    ),
    path("program/<int:pk>/hasil/", views.programme_outcomes, name="outcomes"),
    path("program/<int:pk>/hasil.pdf", views.programme_outcomes_pdf, name="outcomes_pdf"),
    path("permohonan/<int:pk>/", views.application_detail, name="application_detail"),
    path("permohonan/<int:pk>/keputusan/", views.application_override, name="application_override"),
    path("permohonan/<int:pk>/serah-terima/", views.handover_create, name="handover_create"),
    path("permohonan/<int:pk>/konfirmasi/", views.handover_confirm, name="handover_confirm"),
    path("permohonan/<int:pk>/kunjungan/<int:month>/", views.visit_record, name="visit_record"),
    path("permohonan/<int:pk>/angsuran/", views.repayment_add, name="repayment_add"),
    path("warung/<int:org_pk>/", views.warung_assets, name="warung_assets"),
]
