from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "sinergi.market"
    label = "market"
    verbose_name = "Produk UMKM dan katalog / UMKM products and catalogue"
