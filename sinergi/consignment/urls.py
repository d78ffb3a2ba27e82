from django.urls import path

from sinergi.consignment import views

app_name = "consignment"

urlpatterns = [
    path("", views.index, name="index"),
    path("saya/", views.mine, name="mine"),
    path("<int:pk>/", views.outlet_detail, name="outlet"),
    path("<int:pk>/jual/", views.sell, name="sell"),
    path("<int:pk>/perjanjian/baru/", views.agreement_new, name="agreement_new"),
    path("<int:pk>/impor/", views.import_sales, name="import"),
    path("<int:pk>/tempat/", views.spaces, name="spaces"),
    path("<int:pk>/selesaikan/", views.settle, name="settle"),
    path("perjanjian/<int:pk>/terima/", views.delivery, name="delivery"),
    path("perjanjian/<int:pk>/keluar/", views.stock_out, name="stock_out"),
    path("laporan/<int:pk>/", views.statement_detail, name="statement"),
    path("laporan/<int:pk>/setujui/", views.statement_approve, name="statement_approve"),
    path("laporan/<int:pk>/bayar/", views.statement_pay, name="statement_pay"),
    path("laporan/<int:pk>/koreksi/", views.statement_correct, name="statement_correct"),
    path("laporan/<int:pk>/pdf/", views.statement_pdf, name="statement_pdf"),
]
