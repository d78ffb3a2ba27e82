"""Round pages in plain words: confirmations, reopening, the plan's quality, the bill's reckoning,
and the technical download kept for the office."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sinergi.core.models import AuditEvent
from sinergi.purchasing import selectors, services
from sinergi.purchasing.models import CooperativeBill, PurchaseOrder, Round, RoundStatus

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"purchasing:{name}", args=args)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- confirmations ---------------------------------------------------------------------------


def test_closing_early_says_how_many_members_lose_their_chance(
    as_user, coordinator, open_round, cooperative_bandung
):
    services.order_save(actor=coordinator, round=open_round, cooperative=cooperative_bandung, quantities={})
    page = as_user(coordinator).get(url("round_detail", open_round.pk)).text
    assert (
        'data-confirm="Putaran akan ditutup sekarang. 2 koperasi yang belum memesan tidak dapat memesan lagi."'
        in page
    )


def test_send_all_and_remove_confirm_first(
    as_user, coordinator, optimised_round, network, price_lists, supplier
):
    page = as_user(coordinator).get(url("round_detail", optimised_round.pk)).text
    assert (
        'data-confirm="2 surat pesanan akan dikirim ke pemasok lewat e-mail. Surat yang sudah dikirim tidak dapat '
        'ditarik kembali dan rencana tidak dapat dihitung ulang."' in page
    )
    page = as_user(coordinator).get(reverse("registry:network_detail", args=[network.pk])).text
    assert (
        'data-confirm="Koperasi Cahaya akan dikeluarkan dari JUK Kota Bandung dan tidak dapat memesan di putaran '
        'berikutnya. Pesanan lamanya tetap tersimpan."' in page
    )
    page = as_user(supplier).get(url("price_list_detail", price_lists["bulog"].pk)).text
    assert (
        'data-confirm="Beras medium 5 kg akan dihapus dari Harga November beserta semua jenjang harganya. '
        'Putaran yang dibuka sesudah ini tidak lagi menawarkan barang ini dari daftar ini."' in page
    )


# --- reopening -------------------------------------------------------------------------------


def test_coordinator_reopens_from_the_round_page(as_user, coordinator, closed_round):
    client = as_user(coordinator)
    page = client.get(url("round_detail", closed_round.pk)).text
    assert url("round_reopen", closed_round.pk) in page
    assert 'data-confirm="Putaran akan dibuka kembali sampai waktu tutup yang baru.' in page
    new_time = (timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    response = client.post(url("round_reopen", closed_round.pk), {"closes_at": local_input(new_time)})
    assert response.status_code == 302
    row = Round.objects.get(pk=closed_round.pk)
    assert (row.status, row.closes_at, row.closed_at) == (RoundStatus.OPEN, new_time, None)
    assert AuditEvent.objects.filter(action="purchasing.round.reopen").count() == 1


def test_reopen_refused_for_a_member_and_for_a_past_time(as_user, coordinator, bandung_manager, closed_round):
    before = Round.objects.filter(pk=closed_round.pk).values("status", "closes_at", "closed_at").get()
    later = local_input(timezone.now() + dt.timedelta(days=1))
    as_user(bandung_manager).post(url("round_reopen", closed_round.pk), {"closes_at": later})
    as_user(coordinator).post(
        url("round_reopen", closed_round.pk),
        {"closes_at": local_input(timezone.now() - dt.timedelta(hours=1))},
    )
    assert Round.objects.filter(pk=closed_round.pk).values("status", "closes_at", "closed_at").get() == before
    assert not AuditEvent.objects.filter(action="purchasing.round.reopen").exists()
    # A member sees no reopen button at all.
    assert (
        url("round_reopen", closed_round.pk)
        not in as_user(bandung_manager).get(url("round_detail", closed_round.pk)).text
    )


def test_reopen_through_the_api(client, coordinator, bandung_manager, closed_round):
    from sinergi.accounts.services import api_token_create

    later = (timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)

    def reopen_as(user):
        _t, raw = api_token_create(actor=user, name="uji")
        return client.post(
            f"/api/v1/purchasing/rounds/{closed_round.pk}/reopen",
            {"closes_at": later.isoformat()},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    assert reopen_as(bandung_manager).status_code == 403
    assert Round.objects.get(pk=closed_round.pk).status == RoundStatus.CLOSED
    answer = reopen_as(coordinator)
    assert answer.status_code == 200
    assert answer.json()["status"] == "open"
    assert Round.objects.get(pk=closed_round.pk).closes_at == later


# --- plain results and the technical download ------------------------------------------------


def test_plan_quality_in_plain_words(as_user, coordinator, officer_bandung, optimised_round):
    plan = optimised_round.plan
    for gap, text in (
        (0.0004, "Hasil terbaik, terbukti: paling jauh 0,1% dari yang termurah."),
        (0.0, "Hasil terbaik, terbukti yang termurah."),
        (0.0012, "Hasil terbaik, terbukti: paling jauh 0,2% dari yang termurah."),
    ):
        type(plan).objects.filter(pk=plan.pk).update(gap=gap, status="optimal")
        for user in (coordinator, officer_bandung):
            page = as_user(user).get(url("round_detail", optimised_round.pk)).text
            assert text in page
            assert "selisih terjamin" not in page and "optimum" not in page
        report = as_user(officer_bandung).get(url("round_report", optimised_round.pk)).text
        assert text in report and "· optimal" not in report


def test_technical_download_for_the_office_only(
    as_user, coordinator, officer_bandung, officer_bogor, bandung_manager, supplier, optimised_round
):
    link = url("round_instance", optimised_round.pk)
    office_page = as_user(officer_bandung).get(url("round_detail", optimised_round.pk)).text
    assert link in office_page and "<summary>Lanjutan</summary>" in office_page
    assert as_user(officer_bandung).get(link).status_code == 200
    for user in (coordinator, bandung_manager, supplier):
        client = as_user(user)
        page = client.get(url("round_detail", optimised_round.pk))
        assert link not in page.text
        assert client.get(link).status_code in (403, 404)
    assert as_user(officer_bogor).get(link).status_code == 404


# --- the bill's reckoning ----------------------------------------------------------------------


def test_bill_reconciliation_adds_up_exactly(as_user, bandung_manager, optimised_round, cooperative_bandung):
    bill = CooperativeBill.objects.get(plan=optimised_round.plan, cooperative=cooperative_bandung)
    reckoning = selectors.bill_reconciliation(bill=bill)
    assert reckoning.goods == Decimal("4980000")
    assert reckoning.delivery == Decimal("150000")
    assert reckoning.own_cost == Decimal("5130000")
    assert reckoning.pays == bill.pays == Decimal("5099049")
    assert reckoning.adjustment == Decimal("30951")
    assert reckoning.goods + reckoning.delivery - reckoning.adjustment == reckoning.pays
    assert reckoning.exact_share == Decimal("5099049.22")
    assert reckoning.saves == Decimal("170951")
    client = as_user(bandung_manager)
    assert (
        url("bill_reconciliation", optimised_round.pk, cooperative_bandung.pk)
        in client.get(url("bill_detail", optimised_round.pk, cooperative_bandung.pk)).text
    )
    page = client.get(url("bill_reconciliation", optimised_round.pk, cooperative_bandung.pk)).text
    for text in (
        "Rp4.980.000",
        "Rp150.000",
        "Rp5.130.000",
        "− Bagian penghematan bersama",
        "Rp30.951",
        "Rp5.099.049",
        "Rp8.650.000 × Rp5.270.000 ÷ Rp8.940.000 = Rp5.099.049,22, dibulatkan ke rupiah penuh: Rp5.099.049.",
    ):
        assert text in page, text


def test_a_member_who_gives_to_the_pool_sees_it_said(
    as_user, cahaya_manager, optimised_round, cooperative_cahaya
):
    bill = CooperativeBill.objects.get(plan=optimised_round.plan, cooperative=cooperative_cahaya)
    reckoning = selectors.bill_reconciliation(bill=bill)
    assert (reckoning.own_cost, reckoning.adjustment, reckoning.pays) == (
        Decimal("3520000"),
        Decimal("-30951"),
        Decimal("3550951"),
    )
    page = (
        as_user(cahaya_manager)
        .get(url("bill_reconciliation", optimised_round.pk, cooperative_cahaya.pk))
        .text
    )
    assert "+ Bagian untuk penghematan bersama" in page and "Rp30.951" in page and "Rp3.550.951" in page


def test_bill_reconciliation_of_another_cooperative_is_not_found(
    as_user, bandung_manager, officer_bogor, optimised_round, cooperative_cahaya
):
    for user in (bandung_manager, officer_bogor):
        assert (
            as_user(user)
            .get(url("bill_reconciliation", optimised_round.pk, cooperative_cahaya.pk))
            .status_code
            == 404
        )


def test_order_form_shows_the_estimated_total(as_user, bandung_manager, ordered_round, cooperative_bandung):
    page = as_user(bandung_manager).get(url("order_edit", ordered_round.pk, cooperative_bandung.pk)).text
    # Beras pooled at 110 reaches Bulog's 100+ tier (65.000); minyak 30 is at 36.000: 3.900.000 + 1.080.000.
    assert "<strong data-order-total>Rp4.980.000</strong>" in page
    assert 'data-price="65000"' in page and 'data-price="36000"' in page
    assert PurchaseOrder.objects.count() == 0
