"""The site's URLs plus a page that fails, to draw the 500 page through the site's own handler."""

from django.urls import path

from sinergi import urls as site_urls


def failing_page(request):
    raise RuntimeError("the page failed")


handler500 = site_urls.handler500
urlpatterns = [path("rusak/", failing_page), *site_urls.urlpatterns]
