"""The partnerships edit page (a bank's lending criteria), opened and saved untouched in a real
browser in both languages, changes nothing and writes no audit event."""

import pytest

from conftest import login
from sinergi.core.models import AuditEvent
from sinergi.partnerships import services
from sinergi.partnerships.models import LendingCriteria

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_lending_criteria_untouched(page, bank, bank_staff, language):
    services.lending_criteria_set(
        actor=bank_staff,
        bank=bank,
        scales=["mikro", "kecil"],
        kbli_prefixes=["10", "47"],
        predicates=["sehat"],
    )
    before = LendingCriteria.objects.values().get(bank=bank)
    events = AuditEvent.objects.count()
    login(page, bank_staff.email)
    page.wait_for_url(page.base_url + "/")
    page.context.add_cookies([{"name": "sinergi_lang", "value": language, "url": page.base_url}])
    page.goto(page.base_url + f"/kemitraan/kriteria/{bank.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.input_value("#id_kbli_prefixes") == "10, 47"
    with page.expect_navigation():
        page.click("main form.stack button[type=submit]")
    assert page.url.endswith(f"/kemitraan/rapor/{bank.pk}/")
    assert LendingCriteria.objects.values().get(bank=bank) == before
    assert AuditEvent.objects.count() == events
