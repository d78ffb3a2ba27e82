from django.urls import path

from sinergi.market import views_public

app_name = "catalogue"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("sitemap.xml", views_public.sitemap, name="sitemap"),
    path("produk/<int:pk>-<str:slug>/", views_public.product, name="product"),
    path("usaha/<int:pk>-<str:slug>/", views_public.producer, name="producer"),
    path("foto/<int:pk>/<str:size>.jpg", views_public.photo, name="photo"),
]
