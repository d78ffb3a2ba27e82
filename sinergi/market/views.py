"""Product pages for producers and officers (/produk/): my products, adding and editing, photo and
legality, submitting, and the office's curation queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.core.forms import apply_errors
from sinergi.core.paging import page_of
from sinergi.market import access, forms, selectors, services
from sinergi.market.models import Legality, ProductStatus


def attempt(form, call):
    """Run a service for a valid form; its refusal lands on the form. Returns the result or None."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@login_required
def index(request):
    """A producer's products with their status and legality warnings; an officer's products of
    the jurisdiction, filtered by status, with the curation queue."""
    user = request.user
    if not access.reaches_products(user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    context = {
        "mine": selectors.my_products(user=user),
        "businesses": list(selectors.own_businesses(user=user)),
        "officer": access.is_officer(user),
        "queue_count": selectors.curation_queue_count(user),
        "status": status if status in ProductStatus.values else "",
        "statuses": ProductStatus.choices,
        "q": request.GET.get("q", "")[:100],
    }
    if context["officer"]:
        context["page"] = page_of(
            selectors.product_list(user=user, status=context["status"], q=context["q"]),
            request.GET.get("page"),
        )
    return render(request, "market/index.html", context)


@login_required
def curation(request):
    if not access.is_curator(request.user):
        raise PermissionDenied
    page = page_of(selectors.curation_queue(user=request.user), request.GET.get("page"))
    return render(request, "market/curation.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    businesses = list(selectors.own_businesses(user=request.user))
    if not businesses:
        raise PermissionDenied
    form = forms.ProductForm(request.POST or None, businesses=businesses)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        business = next((b for b in businesses if b.pk == data.pop("business", businesses[0].pk)), None)
        if business is None:
            raise Http404
        product = attempt(
            form, lambda: services.product_create(actor=request.user, business=business, **data)
        )
        if product is not None:
            messages.success(request, _("Produk disimpan sebagai draf. Tambahkan foto dan izinnya."))
            return redirect("market:detail", product.pk)
    return render(request, "market/product_form.html", {"form": form})


@login_required
def detail(request, pk: int):
    product = selectors.access_product(user=request.user, pk=pk)
    user = request.user
    context = {
        "product": product,
        "legalities": list(product.legalities.all()),
        "may_edit": access.may_edit(user, product),
        "may_curate": access.may_curate(user, product),
        "return_form": forms.ReturnForm(),
    }
    return render(request, "market/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    product = selectors.access_product(user=request.user, pk=pk)
    if not access.may_edit(request.user, product):
        raise PermissionDenied
    initial = {name: getattr(product, name) for name in services.PUBLIC_FIELDS}
    form = forms.ProductForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        before = product.status
        done = attempt(
            form, lambda: services.product_update(actor=request.user, product=product, **form.cleaned_data)
        )
        if done is not None:
            if before == ProductStatus.PUBLISHED and done.status == ProductStatus.SUBMITTED:
                messages.warning(
                    request, _("Perubahan disimpan. Produk kembali dikurasi sebelum tayang lagi.")
                )
            else:
                messages.success(request, _("Perubahan disimpan."))
            return redirect("market:detail", product.pk)
    return render(request, "market/product_form.html", {"form": form, "product": product})


@login_required
@require_http_methods(["GET", "POST"])
def photo(request, pk: int):
    product = selectors.access_product(user=request.user, pk=pk)
    if not access.may_edit(request.user, product):
        raise PermissionDenied
    form = forms.PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.product_photo_set(
                actor=request.user, product=product, upload=form.cleaned_data["photo"]
            ),
        )
        if done is not None:
            messages.success(request, _("Foto disimpan."))
            return redirect("market:detail", product.pk)
    return render(request, "market/photo_form.html", {"form": form, "product": product})


@login_required
@require_http_methods(["GET", "POST"])
def legality(request, pk: int, legality_id: int | None = None):
    product = selectors.access_product(user=request.user, pk=pk)
    if not access.may_edit(request.user, product):
        raise PermissionDenied
    found = get_object_or_404(Legality, pk=legality_id, product=product) if legality_id else None
    initial = (
        {
            "kind": found.kind,
            "number": found.number,
            "issued_on": found.issued_on,
            "expires_on": found.expires_on,
        }
        if found
        else None
    )
    form = forms.LegalityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.legality_save(
                actor=request.user, product=product, legality=found, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Izin produk disimpan."))
            return redirect("market:detail", product.pk)
    return render(request, "market/legality_form.html", {"form": form, "product": product, "legality": found})


@login_required
@require_POST
def legality_delete(request, pk: int, legality_id: int):
    product = selectors.access_product(user=request.user, pk=pk)
    found = get_object_or_404(Legality, pk=legality_id, product=product)
    services.legality_delete(actor=request.user, legality=found)
    messages.success(request, _("Izin produk dihapus."))
    return redirect("market:detail", product.pk)


def _step(request, pk: int, call, done_message):
    product = selectors.access_product(user=request.user, pk=pk)
    try:
        call(product)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Anda tidak berwenang melakukan langkah ini."))
    else:
        messages.success(request, done_message)
    return redirect("market:detail", product.pk)


@login_required
@require_POST
def submit(request, pk: int):
    return _step(
        request, pk, lambda p: services.product_submit(actor=request.user, product=p),
        _("Produk diajukan untuk dikurasi petugas dinas."),
    )  # fmt: skip


@login_required
@require_POST
def publish(request, pk: int):
    return _step(
        request, pk, lambda p: services.product_publish(actor=request.user, product=p),
        _("Produk tayang di katalog publik."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def return_(request, pk: int):
    product = selectors.access_product(user=request.user, pk=pk)
    if not access.may_curate(request.user, product):
        raise PermissionDenied
    form = forms.ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.product_return(
                actor=request.user, product=product, note=form.cleaned_data["note"]
            ),
        )
        if done is not None:
            messages.success(request, _("Produk dikembalikan kepada pemilik usaha dengan catatan."))
            return redirect("market:detail", product.pk)
    return render(request, "market/return_form.html", {"form": form, "product": product})


@login_required
def photo_file(request, pk: int, size: str):
    """The photo of a product the user may open (drafts included)."""
    product = selectors.access_product(user=request.user, pk=pk)
    return photo_response(product, size, public=False)


def photo_response(product, size: str, *, public: bool):
    name = product.thumbnail if size == "kecil" else product.photo
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    # A new photo gets a new file name and URL version, so a public copy may be cached long.
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=300"
    return response
