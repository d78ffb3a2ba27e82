"""The public catalogue (/katalog/): no login. Server-rendered pages a search engine can index and
a buyer can share: the product list with search and filters, a page per product and per producer
with a WhatsApp contact link, and the sitemap."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sinergi.core.notifications import whatsapp_link
from sinergi.market import selectors
from sinergi.market.filters import CatalogueFilters
from sinergi.market.models import Category, LegalityKind
from sinergi.market.views import photo_response


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def index(request):
    filters = CatalogueFilters.parse(request.GET)
    page = selectors.catalogue_page(filters, request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "categories": Category.choices,
        "legality_kinds": LegalityKind.choices,
        "regions": selectors.region_options(filters),
        "canonical": absolute(reverse("catalogue:index")),
    }
    return render(request, "market/public/index.html", context)


def contact_text(product) -> str:
    url = absolute(product_path(product))
    return _("Halo, saya tertarik dengan %(product)s di katalog Sinergi: %(url)s") % {
        "product": product.name,
        "url": url,
    }


def product_path(product) -> str:
    return reverse("catalogue:product", args=[product.pk, product.slug or "produk"])


def producer_slug(name: str) -> str:
    return slugify(name)[:80] or "usaha"


def producer_path(business) -> str:
    return reverse("catalogue:producer", args=[business.pk, producer_slug(business.name)])


def product(request, pk: int, slug: str):
    found = selectors.catalogue_product(pk)
    path = product_path(found)
    if slug != (found.slug or "produk"):
        return redirect(path, permanent=True)
    url = absolute(path)
    others = list(
        selectors.catalogue_list(CatalogueFilters()).filter(business_id=found.business_id).exclude(pk=pk)[:6]
    )
    context = {
        "product": found,
        "place": selectors.place_of(found.business),
        "canonical": url,
        "producer_url": producer_path(found.business),
        "whatsapp": whatsapp_link(found.business.phone, contact_text(found)),
        "share_whatsapp": f"https://wa.me/?text={quote(f'{found.name} — {url}')}",
        "share_facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
        "og_image": absolute(reverse("catalogue:photo", args=[found.pk, "besar"])) if found.photo else "",
        "others": others,
    }
    return render(request, "market/public/product.html", context)


def producer(request, pk: int, slug: str):
    business = selectors.catalogue_producer(pk)
    path = producer_path(business)
    if slug != producer_slug(business.name):
        return redirect(path, permanent=True)
    filters = CatalogueFilters(producer=business.pk)
    page = selectors.catalogue_page(filters, request.GET.get("page"))
    url = absolute(path)
    first_photo = next((p for p in page.items if p.photo), None)
    context = {
        "business": business,
        "place": selectors.place_of(business),
        "page": page,
        "canonical": url,
        "whatsapp": whatsapp_link(
            business.phone,
            _("Halo, saya tertarik dengan produk %(business)s di katalog Sinergi: %(url)s")
            % {"business": business.name, "url": url},
        ),
        "share_whatsapp": f"https://wa.me/?text={quote(f'{business.name} — {url}')}",
        "share_facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
        "og_image": absolute(reverse("catalogue:photo", args=[first_photo.pk, "besar"]))
        if first_photo
        else "",
    }
    return render(request, "market/public/producer.html", context)


def photo(request, pk: int, size: str):
    if size not in ("besar", "kecil"):
        raise Http404
    return photo_response(selectors.catalogue_product(pk), size, public=True)


def sitemap(request):
    entries = selectors.sitemap_entries()
    urls = [{"loc": absolute(reverse("catalogue:index")), "lastmod": None}]
    for producer_row in entries["producers"]:
        urls.append({
            "loc": absolute(reverse("catalogue:producer", args=[producer_row["pk"], producer_slug(producer_row["name"])])),
            "lastmod": producer_row["updated_at"],
        })  # fmt: skip
    for row in entries["products"]:
        urls.append({
            "loc": absolute(reverse("catalogue:product", args=[row["pk"], row["slug"] or "produk"])),
            "lastmod": row["updated_at"],
        })  # fmt: skip
    body = render_to_string("market/public/sitemap.xml", {"urls": urls})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
