"""The home page per role: an office's queues of waiting work, a cooperative manager's own state."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from sinergi.health import services as health
from sinergi.health.tests.factories import AnnualReportFactory
from sinergi.home import cooperative_state, office_queues
from sinergi.purchasing.tests.conftest import order

pytestmark = pytest.mark.django_db


def queue_counts(user) -> dict[str, int]:
    return {q.label: q.count for q in office_queues(user)}


def test_office_sees_the_reports_waiting_in_its_jurisdiction_only(submitted, officer_bogor, officer_bandung):
    assert queue_counts(officer_bogor)["laporan tahunan menunggu verifikasi"] == 1
    assert queue_counts(officer_bandung)["laporan tahunan menunggu verifikasi"] == 0


def test_office_home_links_each_queue_to_its_list(client, submitted, officer_bogor):
    client.force_login(officer_bogor)
    html = client.get("/").content.decode()
    card = re.search(r'<a class="card stat" href="([^"]+)"><span class="value">(\d+)</span>'
                     r'<span class="label">laporan tahunan menunggu verifikasi', html)  # fmt: skip
    assert card.groups() == ("/kesehatan/laporan/?status=submitted", "1")
    listing = client.get(card.group(1)).content.decode()
    assert "Koperasi Sejahtera Bersama" in listing


def test_verifying_empties_the_queue(submitted, officer_bogor):
    health.annual_report_verify(actor=officer_bogor, report=submitted)
    assert queue_counts(officer_bogor)["laporan tahunan menunggu verifikasi"] == 0


def test_manager_sees_latest_report_and_rat_state(client, submitted, coop_manager):
    client.force_login(coop_manager)
    html = client.get("/").content.decode()
    assert "Laporan tahun buku 2024" in html and "Diajukan" in html
    state = cooperative_state(coop_manager, coop_manager.memberships.get(), today=dt.date(2025, 11, 1))
    # The golden report's RAT (15-03-2025) is not verified yet, so the registry's 20-04-2024 counts:
    # tahun buku 2024 closed on 31-12-2024 and its RAT is due by 30-06-2025, now overdue.
    assert (state.rat.state, state.rat.year, state.rat.due_date, state.rat.days_overdue) == (
        "overdue", 2024, dt.date(2025, 6, 30), 124,
    )  # fmt: skip
    assert state.rat_source == "registry"
    assert state.assessment is None


def test_manager_sees_the_assessment_once_verified(client, submitted, coop_manager, officer_bogor):
    health.annual_report_verify(actor=officer_bogor, report=submitted)
    state = cooperative_state(coop_manager, coop_manager.memberships.get(), today=dt.date(2025, 11, 1))
    assert (state.assessment.year, str(state.assessment.total)) == (2024, "72.05")
    assert (state.rat.state, state.rat_source) == ("recorded", "report")
    client.force_login(coop_manager)
    text = " ".join(client.get("/").content.decode().split())
    assert "Penilaian kesehatan 2024: <strong>72,05</strong>" in text


def test_manager_sees_open_rounds_and_their_order(client, open_round, bandung_manager, cooperative_bandung):
    client.force_login(bandung_manager)
    html = client.get("/").content.decode()
    assert "Belanja Bareng Desember" in html and "belum memesan" in html
    order(bandung_manager, open_round, cooperative_bandung, **{"beras-medium-5kg": 6, "minyak-goreng-2l": 3})
    html = client.get("/").content.decode()
    assert "Pesanan Anda: 2 barang." in html
    assert f'href="/belanja-bareng/putaran/{open_round.pk}/pesanan/{cooperative_bandung.pk}/"' in html


def test_rounds_of_other_networks_stay_out(open_round, coop_manager):
    state = cooperative_state(coop_manager, coop_manager.memberships.get())
    assert state.rounds == []


def test_a_round_past_its_close_is_not_listed_once_closed(system, open_round, bandung_manager):
    from sinergi.purchasing import services as purchasing

    purchasing.round_close(actor=system, round=open_round)
    assert cooperative_state(bandung_manager, bandung_manager.memberships.get()).rounds == []


def test_owner_of_a_business_has_no_cooperative_state(umkm_owner):
    assert cooperative_state(umkm_owner, umkm_owner.memberships.get()) is None


def test_pengawas_reads_but_cannot_start_a_report(submitted, cooperative_bogor):
    from sinergi.accounts.tests.factories import MembershipFactory, UserFactory

    pengawas = MembershipFactory(
        user=UserFactory(email="pengawas.home@sinergi.test"), organization=cooperative_bogor, role="pengawas"
    )
    state = cooperative_state(pengawas.user, pengawas, today=timezone.localdate())
    assert state.report == submitted and state.new_report_url == ""


def test_a_long_queue_reads_as_capped(client, officer_bogor, monkeypatch):
    import sinergi.home as home

    monkeypatch.setattr(home, "QUEUE_CAP", 2)
    for year in (2021, 2022, 2023):
        AnnualReportFactory(year=year, status="submitted")
    queue = next(q for q in office_queues(officer_bogor) if q.label == "laporan tahunan menunggu verifikasi")
    assert (queue.count, queue.shown, queue.more) == (3, 2, True)
    client.force_login(officer_bogor)
    assert (
        '<span class="value">2+</span><span class="label">laporan tahunan menunggu verifikasi'
        in client.get("/").content.decode()
    )


def test_a_supervisor_sees_the_order_but_is_not_asked_to_fill_it(client, open_round, cooperative_bandung):
    from sinergi.accounts.tests.factories import MembershipFactory, UserFactory

    pengawas = MembershipFactory(
        user=UserFactory(email="pengawas.bandung@sinergi.test"),
        organization=cooperative_bandung,
        role="pengawas",
    ).user
    state = cooperative_state(pengawas, pengawas.memberships.get())
    assert [(r["round"].pk, r["may_order"]) for r in state.rounds] == [(open_round.pk, False)]
    client.force_login(pengawas)
    html = client.get("/").content.decode()
    assert "Lihat pesanan" in html and "Isi pesanan" not in html
