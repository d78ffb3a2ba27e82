from django.urls import path

from sinergi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("privasi/", views.privacy, name="privacy"),
    path("ganti-organisasi/", views.switch_membership, name="switch"),
    path("profil/", views.profile, name="profile"),
    path("profil/data-saya/", views.my_data, name="my_data"),
    path("profil/koreksi/", views.correction_create, name="correction_create"),
    path("profil/token/", views.token_create, name="token_create"),
    path("profil/token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("koreksi/", views.correction_list, name="correction_list"),
    path("koreksi/<int:pk>/", views.correction_resolve, name="correction_resolve"),
    path("undangan/<str:key>/", views.invitation_accept, name="invitation_accept"),
    path("undangan/<int:pk>/cabut/", views.invitation_revoke, name="invitation_revoke"),
    path("klaim/", views.claim_start, name="claim_start"),
    path("klaim/tinjau/", views.claim_list, name="claim_list"),
    path("organisasi/", views.organization_list, name="organization_list"),
    path("organisasi/baru/", views.organization_create, name="organization_create"),
    path("organisasi/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organisasi/<int:pk>/ubah/", views.organization_edit, name="organization_edit"),
    path("organisasi/<int:pk>/undang/", views.invitation_create, name="invitation_create"),
    path("keanggotaan/<int:pk>/hapus/", views.membership_remove, name="membership_remove"),
    path("audit/", views.audit_list, name="audit_list"),
    path("sandi/ganti/", views.password_change, name="password_change"),
    path("buka-kunci/", views.login_unlock_request, name="login_unlock_request"),
    path("buka-kunci/<str:token>/", views.login_unlock, name="login_unlock"),
]
