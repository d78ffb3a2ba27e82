"""The product edit pages, opened and saved untouched in a real browser in both languages, change
nothing, keep a published product published, and write no audit event."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import login
from sinergi.core.models import AuditEvent
from sinergi.market import services
from sinergi.market.models import Legality, Product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save_untouched(page, url):
    page.goto(page.base_url + url)
    with page.expect_navigation():
        page.click("main form.stack button[type=submit]")


@pytest.mark.parametrize("language", ["id", "en"])
def test_product_and_legality_edit_untouched(page, listed, umkm_owner, language):
    today = timezone.localdate()
    legality = services.legality_save(
        actor=umkm_owner, product=listed, kind="pirt", number="P-IRT 2063271010123-29",
        issued_on=today - dt.timedelta(days=100), expires_on=today + dt.timedelta(days=1700),
    )  # fmt: skip
    services.product_publish(actor=listed.curated_by, product=listed)
    product_before = Product.objects.values().get(pk=listed.pk)
    legality_before = Legality.objects.values().get(pk=legality.pk)
    events = AuditEvent.objects.count()
    login(page, umkm_owner.email)
    page.wait_for_url(page.base_url + "/")
    page.context.add_cookies([{"name": "sinergi_lang", "value": language, "url": page.base_url}])
    _save_untouched(page, f"/produk/{listed.pk}/ubah/")
    assert page.url.endswith(f"/produk/{listed.pk}/")
    _save_untouched(page, f"/produk/{listed.pk}/izin/{legality.pk}/")
    assert page.url.endswith(f"/produk/{listed.pk}/")
    assert Product.objects.values().get(pk=listed.pk) == product_before
    assert Legality.objects.values().get(pk=legality.pk) == legality_before
    assert AuditEvent.objects.count() == events
