"""Obligations measured from the platform's data: joint-purchase rounds, training attendance,
clinic recommendations done (real rows), and consignment sales and products stocked (through the
consignment selectors, replaced here by stand-ins)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.clinic.models import Case, Programme, Recommendation
from sinergi.events.models import Attendance, Event, Registration
from sinergi.partnerships import measures, selectors, services
from sinergi.partnerships.tests.conftest import sign_all
from sinergi.purchasing.models import CooperativeBill

pytestmark = pytest.mark.django_db


@pytest.fixture
def juk_pks(system, optimised_round, network, juk_coordinator_org, bulog, officer_bandung, office_bandung):
    """The JUK PKS with Bulog: the network's lead signs; its rounds count for the lead."""
    today = timezone.localdate()
    agreement = services.agreement_create(
        actor=officer_bandung, office=office_bandung, kind="pks", title="PKS JUK dengan Bulog",
        start_on=today - dt.timedelta(days=60), end_on=today + dt.timedelta(days=300),
        scopes=["procurement"], parties=[juk_coordinator_org, bulog], network=network,
    )  # fmt: skip
    return sign_all(officer_bandung, agreement, today - dt.timedelta(days=60))


def test_volume_bought_through_the_network_is_computed_from_the_rounds(
    juk_pks, officer_bandung, optimised_round
):
    lead = juk_pks.parties.get(position=1)
    today = timezone.localdate()
    volume = services.obligation_add(
        actor=officer_bandung, agreement=juk_pks, party=lead, measure="purchase_volume",
        description="Belanja lewat JUK", target=Decimal(8_000_000), due_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    savings = services.obligation_add(
        actor=officer_bandung, agreement=juk_pks, party=lead, measure="purchase_savings",
        description="Hemat", target=Decimal(500_000), due_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    # The round's plan: 8.650.000 paid by the two members together, 290.000 saved.
    assert sum(b.pays for b in CooperativeBill.objects.all()) == Decimal(8_650_000)
    assert (volume.achieved, volume.state, volume.met_on) == (Decimal(8_650_000), "met_on_time", today)
    assert (savings.achieved, savings.state) == (Decimal(290_000), "on_track")
    assert volume.explanation["source"] == "purchase_rounds"
    assert selectors.explanation_text(volume) == (
        "dihitung dari 1 putaran Belanja Bareng: Belanja Bareng Desember (Rp8.650.000)"
    )


def test_in_the_networks_agreement_a_member_counts_its_bills_and_the_supplier_the_networks(
    officer_bandung, optimised_round, network, cooperative_bandung, bulog
):
    today = timezone.localdate()
    agreement = services.agreement_create(
        actor=officer_bandung, office=None, kind="pks", title="Mekar Sari dan Bulog", network=network,
        start_on=today - dt.timedelta(days=5), end_on=today + dt.timedelta(days=5), scopes=["procurement"],
        parties=[cooperative_bandung, bulog],
    )  # fmt: skip
    member, supplier = (
        services.obligation_add(
            actor=officer_bandung,
            agreement=agreement,
            party=agreement.parties.get(organization=org),
            measure="purchase_volume",
            description="Belanja",
            target=Decimal(1),
            due_on=today,
        )  # fmt: skip
        for org in (cooperative_bandung, bulog)
    )
    own = CooperativeBill.objects.get(cooperative=cooperative_bandung).pays
    assert own < Decimal(8_650_000)
    assert (member.achieved, supplier.achieved) == (own, Decimal(8_650_000))


def test_rounds_outside_the_period_do_not_count(juk_pks, officer_bandung, optimised_round):
    obligation = services.obligation_add(
        actor=officer_bandung, agreement=juk_pks, party=juk_pks.parties.get(position=1), measure="purchase_volume",
        description="Belanja", target=Decimal(1), due_on=timezone.localdate() + dt.timedelta(days=30),
        start_on=timezone.localdate() + dt.timedelta(days=1),
    )  # fmt: skip
    assert (obligation.achieved, obligation.explanation) == (Decimal(0), {"source": "not_started"})


def test_people_trained_counts_attendance_of_the_parties(active, officer_kab, office_kab, coop_kab, today):
    event = Event.objects.create(kind="training", title="Pelatihan Pemasaran Digital", date=today - dt.timedelta(days=3),
                                 place="Cibinong", region_id="32.01.01.1008", office=office_kab)  # fmt: skip
    other = Event.objects.create(kind="temu_koperasi", title="Temu", date=today - dt.timedelta(days=3),
                                 place="Cibinong", region_id="32.01.01.1008", office=office_kab)  # fmt: skip
    stranger = OrganizationFactory(kind="cooperative", region_id="32.01.05.2001")
    for ev, org, name in ((event, coop_kab, "Ujang"), (event, stranger, "Asep"), (other, coop_kab, "Iis")):
        Attendance.objects.create(
            registration=Registration.objects.create(event=ev, organization=org, attendee_name=name)
        )
    Registration.objects.create(
        event=event, organization=active.parties.get(position=2).organization, attendee_name="Absen"
    )
    obligation = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.get(organization=coop_kab), measure="trained",
        description="Melatih", target=Decimal(2), due_on=today,
    )  # fmt: skip
    assert (obligation.achieved, obligation.state) == (Decimal(1), "on_track")
    assert (
        selectors.explanation_text(obligation) == "dihitung dari 1 pelatihan: Pelatihan Pemasaran Digital (1)"
    )


def test_clinic_recommendations_done_for_the_bank(active, officer_kab, office_kab, bank, umkm_kab, today):
    programme = Programme.objects.create(office=office_kab, region_code="32.01", year=today.year, name="Klinik",
                                         start_year=today.year)  # fmt: skip
    case = Case.objects.create(programme=programme, participant=umkm_kab[0], region_code=umkm_kab[0].region_id,
                               source="registry", stage="follow_up")  # fmt: skip
    common = {"case": case, "kind": "capital", "description": "KUR", "responsible": "bank", "due_on": today}
    Recommendation.objects.create(
        **common, responsible_org=bank, status="done", done_on=today - dt.timedelta(days=2)
    )
    Recommendation.objects.create(
        **common, target_org=bank, status="done", done_on=today - dt.timedelta(days=1)
    )
    Recommendation.objects.create(**common, responsible_org=bank, status="planned")
    obligation = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.get(organization=bank), measure="clinic_referrals",
        description="Rujukan klinik", target=Decimal(2), due_on=today,
    )  # fmt: skip
    assert (obligation.achieved, obligation.met_on, obligation.state) == (
        Decimal(2),
        today - dt.timedelta(days=1),
        "met_on_time",
    )


def test_consignment_sales_and_stock_use_the_consignment_selectors(
    active, officer_kab, coop_kab, umkm_kab, monkeypatch, today
):
    calls = []

    def sales_total(*, producer_ids=None, outlet_org_ids=None, start, end):
        calls.append(("sales", producer_ids, outlet_org_ids, start, end))
        return Decimal(1_250_000)

    def products_stocked(*, producer_ids=None, outlet_org_ids=None, on):
        calls.append(("stocked", producer_ids, outlet_org_ids, on))
        return 7

    import sinergi.consignment.selectors as consignment_selectors

    monkeypatch.setattr(consignment_selectors, "sales_total", sales_total, raising=False)
    monkeypatch.setattr(consignment_selectors, "products_stocked", products_stocked, raising=False)
    party = active.parties.get(organization=coop_kab)
    sales = services.obligation_add(
        actor=officer_kab, agreement=active, party=party, measure="consignment_sales", description="Penjualan",
        target=Decimal(1_000_000), due_on=today,
    )  # fmt: skip
    stocked = services.obligation_add(
        actor=officer_kab, agreement=active, party=party, measure="stocked", description="Produk di gerai",
        target=Decimal(10), due_on=today,
    )  # fmt: skip
    assert (sales.achieved, sales.state) == (Decimal(1_250_000), "met_on_time")
    assert (stocked.achieved, stocked.state) == (Decimal(7), "on_track")
    assert calls[0] == ("sales", [umkm_kab[0].pk], [coop_kab.pk], active.start_on, today)
    assert ("stocked", [umkm_kab[0].pk], [coop_kab.pk], today) in calls


def test_without_the_consignment_selectors_nothing_is_invented(
    active, officer_kab, coop_kab, monkeypatch, today
):
    import sinergi.consignment.selectors as consignment_selectors

    monkeypatch.delattr(consignment_selectors, "sales_total", raising=False)
    obligation = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.get(organization=coop_kab),
        measure="consignment_sales", description="Penjualan", target=Decimal(5), due_on=today,
    )  # fmt: skip
    assert measures.consignment_sales(obligation, active.start_on, today) is None
    assert (obligation.achieved, obligation.explanation) == (Decimal(0), {"source": "unavailable"})
