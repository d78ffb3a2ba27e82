from django.urls import path

from sinergi.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.index, name="index"),
    path("perjanjian/baru/", views.agreement_create, name="agreement_create"),
    path("perjanjian/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("perjanjian/<int:pk>/ringkasan.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("perjanjian/<int:pk>/pihak/", views.party_add, name="party_add"),
    path("perjanjian/<int:pk>/pihak/<int:party_pk>/tanda-tangan/", views.party_sign, name="party_sign"),
    path("perjanjian/<int:pk>/akhiri/", views.agreement_terminate, name="agreement_terminate"),
    path("perjanjian/<int:pk>/dokumen/", views.document_add, name="document_add"),
    path("perjanjian/<int:pk>/dokumen/<int:document_pk>/", views.document_download, name="document_download"),
    path("perjanjian/<int:pk>/kewajiban/", views.obligation_add, name="obligation_add"),
    path("kewajiban/<int:pk>/", views.obligation_detail, name="obligation_detail"),
    path("kewajiban/<int:pk>/bukti/<int:entry_pk>/", views.evidence_download, name="evidence_download"),
    path("rapor/", views.scorecard_list, name="scorecard_list"),
    path("rapor/<int:org_pk>/", views.scorecard, name="scorecard"),
    path("kriteria/<int:bank_pk>/", views.lending_criteria_edit, name="lending_criteria_edit"),
    path("rujukan/", views.referral_list, name="referral_list"),
    path("rujukan/baru/", views.referral_create, name="referral_create"),
    path("rujukan/<int:pk>/jawab/", views.referral_answer, name="referral_answer"),
    path("pencocokan/", views.matches, name="matches"),
    path("pencocokan/<int:seeker_pk>/putuskan/", views.match_decide, name="match_decide"),
]
