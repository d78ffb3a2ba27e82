from django.urls import path
from django.views.generic import RedirectView

from sinergi.health import views
from sinergi.health.supervision import views as supervision

app_name = "health"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="health:report_list"), name="index"),
    path("laporan/", views.report_list, name="report_list"),
    path("laporan/baru/", views.report_create, name="report_create"),
    path("laporan/baru/draf/", views.report_draft_create, name="report_draft_create"),
    path("laporan/<int:pk>/", views.report_detail, name="report_detail"),
    path("laporan/<int:pk>/ubah/", views.report_edit, name="report_edit"),
    path("laporan/<int:pk>/draf/", views.report_draft_save, name="report_draft_save"),
    path("laporan/<int:pk>/ajukan/", views.report_submit, name="report_submit"),
    path("laporan/<int:pk>/verifikasi/", views.report_verify, name="report_verify"),
    path("laporan/<int:pk>/kembalikan/", views.report_return, name="report_return"),
    path("laporan/<int:pk>/hapus/", views.report_delete, name="report_delete"),
    path("laporan/<int:pk>/json/", views.report_json, name="report_json"),
    path("laporan/<int:pk>/lampiran/", views.attachment_add, name="attachment_add"),
    path(
        "laporan/<int:pk>/lampiran/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "laporan/<int:pk>/lampiran/<int:attachment_pk>/hapus/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("laporan/<int:pk>/penilaian/", views.assessment_detail, name="assessment_detail"),
    path("laporan/<int:pk>/penilaian.pdf", views.assessment_pdf, name="assessment_pdf"),
    path("koperasi/<int:pk>/", views.cooperative_health, name="cooperative_health"),
    path("impor/", views.report_import, name="report_import"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
    path("impor/<int:job_pk>/", views.import_result, name="import_result"),
    path("nilai-ulang/", views.rescore, name="rescore"),
    path("kuesioner/", views.questionnaire, name="questionnaire"),
    path("kuesioner/ubah/", views.questionnaire_edit, name="questionnaire_edit"),
    path("kuesioner/<int:pk>/", views.questionnaire, name="questionnaire_version"),
    path("pengawasan/", supervision.overview, name="supervision"),
    path("pengawasan/rat/", supervision.rat_list, name="rat_list"),
    path("pengawasan/rat/ingatkan/", supervision.rat_reminders, name="rat_reminders"),
    path("pengawasan/tidak-aktif/", supervision.inactivity_list, name="inactivity_list"),
    path("pengawasan/tidak-aktif/usulkan/", supervision.proposals_generate, name="proposals_generate"),
    path(
        "pengawasan/tidak-aktif/<int:cooperative_pk>/usulkan/",
        supervision.proposal_create,
        name="proposal_create",
    ),
    path(
        "pengawasan/usulan/<int:pk>/konfirmasi/",
        supervision.proposal_decide,
        {"decision": "confirm"},
        name="proposal_confirm",
    ),
    path(
        "pengawasan/usulan/<int:pk>/tolak/",
        supervision.proposal_decide,
        {"decision": "dismiss"},
        name="proposal_dismiss",
    ),
    path("pengawasan/pilar/", supervision.pillar_list, name="pillar_list"),
    path("pengawasan/peringatan-dini/", supervision.early_warning, name="early_warning"),
    path("pengawasan/pembubaran/", supervision.case_list, name="case_list"),
    path("pengawasan/pembubaran/baru/", supervision.case_create, name="case_create"),
    path("pengawasan/pembubaran/<int:pk>/", supervision.case_detail, name="case_detail"),
    path("pengawasan/pembubaran/<int:pk>/surat/<str:kind>.pdf", supervision.case_letter, name="case_letter"),
    path("pengawasan/pembubaran/<int:pk>/<str:step>/", supervision.case_step, name="case_step"),
]
