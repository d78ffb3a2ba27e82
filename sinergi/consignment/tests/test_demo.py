"""The demo: outlets, agreements, a month of sales and last month paid; running it twice changes nothing."""

import pytest

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.consignment import demo, services, tallies
from sinergi.consignment.models import Outlet, Sale, Statement
from sinergi.consignment.tests.factories import product

pytestmark = pytest.mark.django_db


def test_demo_seed_twice(system, pkpri, umkm_bogor, today):
    OrganizationFactory(kind="company", name="Mal Bogor Trade Mall (BTM)", region_id="32.71.03.1002")
    other = OrganizationFactory(kind="umkm", name="Dodol Bu Imas", region_id="32.71.02.1001")
    product(umkm_bogor, "Keripik Talas 200 g")
    product(umkm_bogor, "Sambal Roa 150 ml")
    product(other, "Dodol Talas 250 g")
    logins = demo.seed(actor=system, today=today)
    assert [email for email, _what in logins] == ["gerai.pkpri@sinergi.test", "gerai@sinergi.test"]
    sales = Sale.objects.count()
    assert sales > 50
    assert Outlet.objects.count() == 2
    statements = list(Statement.objects.values_list("status", flat=True))
    assert statements and set(statements) == {"paid"}
    assert services.stock_differences() == []
    assert tallies.differences() == []
    demo.seed(actor=system, today=today)
    assert Sale.objects.count() == sales
    assert Statement.objects.count() == len(statements)
