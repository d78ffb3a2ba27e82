from django.urls import path

from sinergi.purchasing.views import catalogue, networks, results, rounds

app_name = "purchasing"
urlpatterns = [
    path("", networks.index, name="index"),
    path("jaringan/", networks.network_list, name="network_list"),
    path("jaringan/baru/", networks.network_create, name="network_create"),
    path("jaringan/<int:pk>/", networks.network_detail, name="network_detail"),
    # The old address of the network form, moved to the registry (it only redirects).
    path("jaringan/<int:pk>/ubah/", networks.network_edit, name="network_edit_moved"),
    path("jaringan/<int:network_pk>/putaran-baru/", rounds.round_create, name="round_create"),
    path("putaran/", rounds.round_list, name="round_list"),
    path("putaran/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("putaran/<int:pk>/ubah/", rounds.round_edit, name="round_edit"),
    path("putaran/<int:pk>/pemasok/", rounds.round_suppliers, name="round_suppliers"),
    path("putaran/<int:pk>/buka/", rounds.round_open, name="round_open"),
    path("putaran/<int:pk>/tutup/", rounds.round_close, name="round_close"),
    path("putaran/<int:pk>/buka-kembali/", rounds.round_reopen, name="round_reopen"),
    path("putaran/<int:pk>/optimalkan/", rounds.round_optimise, name="round_optimise"),
    path("putaran/<int:pk>/instance.json", rounds.round_instance, name="round_instance"),
    path("putaran/<int:pk>/baris/<int:line_pk>/keluarkan/", rounds.line_drop, name="line_drop"),
    path("putaran/<int:pk>/pesanan/<int:cooperative_pk>/", rounds.order_edit, name="order_edit"),
    path("putaran/<int:pk>/tagihan/<int:cooperative_pk>/", results.bill_detail, name="bill_detail"),
    path(
        "putaran/<int:pk>/tagihan/<int:cooperative_pk>/rincian/",
        results.bill_reconciliation,
        name="bill_reconciliation",
    ),
    path("putaran/<int:pk>/tagihan/<int:cooperative_pk>/pdf/", results.bill_pdf, name="bill_pdf"),
    path("putaran/<int:pk>/pengiriman.xlsx", results.delivery_xlsx, name="delivery_xlsx"),
    path("putaran/<int:pk>/laporan/", results.round_report, name="round_report"),
    path("putaran/<int:pk>/laporan/pdf/", results.round_report_pdf, name="round_report_pdf"),
    path(
        "putaran/<int:pk>/po/kirim-semua/", results.purchase_orders_send_all, name="purchase_orders_send_all"
    ),
    path("po/", results.purchase_order_list, name="purchase_order_list"),
    path("po/<int:pk>/", results.purchase_order_detail, name="purchase_order_detail"),
    path("po/<int:pk>/pdf/", results.purchase_order_pdf, name="purchase_order_pdf"),
    path("po/<int:pk>/xlsx/", results.purchase_order_xlsx, name="purchase_order_xlsx"),
    path("po/<int:pk>/kirim/", results.purchase_order_send, name="purchase_order_send"),
    path("po/<int:pk>/terima/", results.purchase_order_acknowledge, name="purchase_order_acknowledge"),
    path("katalog/", catalogue.catalogue, name="catalogue"),
    path("katalog/barang-baru/", catalogue.product_create, name="product_create"),
    path("katalog/barang/<int:pk>/ubah/", catalogue.product_edit, name="product_edit"),
    path("harga/", catalogue.price_list_list, name="price_list_list"),
    path("harga/baru/", catalogue.price_list_create, name="price_list_create"),
    path("harga/templat.xlsx", catalogue.price_list_template, name="price_list_template"),
    path("harga/<int:pk>/", catalogue.price_list_detail, name="price_list_detail"),
    path("harga/<int:pk>/ubah/", catalogue.price_list_edit, name="price_list_edit"),
    path("harga/<int:pk>/impor/", catalogue.price_list_import, name="price_list_import"),
    path("harga/<int:pk>/barang/<int:item_pk>/", catalogue.price_item_edit, name="price_item_edit"),
    path("harga/<int:pk>/barang/<int:item_pk>/hapus/", catalogue.price_item_remove, name="price_item_remove"),
    path("ongkir/", catalogue.delivery_fees, name="delivery_fees"),
    path("ongkir/lembar.xlsx", catalogue.delivery_fee_sheet, name="delivery_fee_sheet"),
    path("ongkir/impor/", catalogue.delivery_fee_import, name="delivery_fee_import"),
]
