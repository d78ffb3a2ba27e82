"""URL wiring: each slice owns its URLs; this file only mounts them."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from sinergi.accounts import views as account_views
from sinergi.api.api import api
from sinergi.core import views as core_views
from sinergi.home import home

urlpatterns = [
    path("", home, name="home"),
    path("masuk/", account_views.login_view, name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/lupa/", account_views.password_reset, name="password_reset"),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("sandi/atur/<uidb64>/<token>/", account_views.password_reset_confirm, name="password_reset_confirm"),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("bahasa/", set_language, name="set_language"),
    path("tugas/<int:pk>/", core_views.job_detail, name="job_detail"),
    path("sehat/", core_views.health, name="health"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("pemberitahuan/", include("sinergi.core.urls")),
    path("akun/", include("sinergi.accounts.urls")),
    path("wilayah/", include("sinergi.regions.urls")),
    path("kesehatan/", include("sinergi.health.urls")),
    path("registri/", include("sinergi.registry.urls")),
    path("belanja-bareng/", include("sinergi.purchasing.urls")),
    path("klinik/", include("sinergi.clinic.urls")),
    path("kegiatan/", include("sinergi.events.urls")),
    path("produk/", include("sinergi.market.urls")),
    path("katalog/", include("sinergi.market.urls_public")),
    path("gerai/", include("sinergi.consignment.urls")),
    path("kemitraan/", include("sinergi.partnerships.urls")),
    path("bantuan-warung/", include("sinergi.assistance.urls")),
    path("wawasan/", include("sinergi.insights.urls")),
    path("statistik/", include("sinergi.insights.urls_public")),
    path("api/v1/", api.urls),
]

# 403.html and 404.html are drawn by Django's own handlers in the site's layout; the 500 page
# has its own view because it must not depend on what may have broken.
handler500 = core_views.server_error
