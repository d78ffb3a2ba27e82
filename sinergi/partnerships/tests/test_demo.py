"""The partnerships demo builds the three programmes' agreements through the services, once."""

import pytest

from sinergi.accounts.tests.factories import (
    MembershipFactory,
    OfficeFactory,
    OrganizationFactory,
    UserFactory,
)
from sinergi.partnerships import demo
from sinergi.partnerships.models import Agreement, Obligation, Referral
from sinergi.registry.services import networks as network_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(system):
    OfficeFactory(name=demo.KOTA_BOGOR, region_id="32.71.03.1005", jurisdiction_id="32.71")
    OfficeFactory(name=demo.KAB_BOGOR, region_id="32.01.01.1008", jurisdiction_id="32.01")
    OfficeFactory(name=demo.KOTA_BANDUNG, region_id="32.73.19.1003", jurisdiction_id="32.73")
    bank = OrganizationFactory(kind="bank", name=demo.BANK, region_id="32.71.03.1006")
    MembershipFactory(user=UserFactory(email="mitra.bank@sinergi.test"), organization=bank, role="partner")
    OrganizationFactory(kind="company", name=demo.BULOG, region_id="32.73.13.1007")
    OrganizationFactory(kind="association", name="Dekopinda Kota Bogor", region_id="32.71.03.1005")
    OrganizationFactory(kind="cooperative", name="Koperasi Sejahtera Bersama", region_id="32.71.06.1001")
    OrganizationFactory(kind="university", name="IPB University", region_id="32.01.30.2008")
    OrganizationFactory(kind="company", name="Mal Bogor Trade Mall (BTM)", region_id="32.71.03.1002")
    OrganizationFactory(kind="cooperative", name="Koperasi Kopi Babakan Madang", region_id="32.01.05.2001")
    for name in ("Kopi Bubuk Pak Dadang", "Keripik Singkong", "Dodol Talas"):
        OrganizationFactory(kind="umkm", name=name, region_id="32.01.05.2001")
    OrganizationFactory(kind="umkm", name="Keripik Talas Bu Euis", region_id="32.71.06.1003")
    lead = OrganizationFactory(kind="cooperative", name="Koperasi Sekunder JUK", region_id="32.73.19.1003")
    juk = network_services.network_create(
        actor=system, name="JUK Kota Bandung", region_code="32.73", lead=lead
    )
    member = OrganizationFactory(kind="cooperative", name="Koperasi Mekar Sari", region_id="32.73.02.1004")
    network_services.network_member_add(actor=system, network=juk, organization=member)


def test_demo_builds_the_three_programmes_once(system, world, today):
    demo.seed(actor=system, today=today)
    demo.seed(actor=system, today=today)
    agreements = {a.title: a for a in Agreement.objects.all()}
    assert sorted(agreements) == sorted([demo.CONSORTIUM_TITLE, demo.KAB_TITLE, demo.JUK_TITLE])
    assert {a.status for a in agreements.values()} == {"active"}
    assert agreements[demo.KAB_TITLE].scopes == ["capital", "capacity", "distribution", "marketing"]
    assert agreements[demo.KAB_TITLE].parties.count() == 5
    juk = agreements[demo.JUK_TITLE]
    assert juk.network.name == "JUK Kota Bandung"
    assert [p.organization.name for p in juk.parties.all()] == [
        "Koperasi Sekunder JUK",
        "Koperasi Mekar Sari",
        demo.BULOG,
    ]
    assert list(Obligation.objects.filter(state="overdue").values_list("description", flat=True)) == [
        "Mendampingi 10 koperasi menyelenggarakan RAT tepat waktu"
    ]
    referral = Referral.objects.get()
    assert (referral.partner.name, referral.organization.name, referral.status) == (
        demo.BANK,
        "Keripik Talas Bu Euis",
        "sent",
    )
