"""Supervision pages: officers only, scoped, and the main path of proposals and a dissolution case."""

import datetime as dt

import pytest
from django.urls import reverse

from sinergi.health.models import DissolutionCase, StatusProposal
from sinergi.registry.models import CooperativeProfile

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
PAGES = ["supervision", "rat_list", "inactivity_list", "pillar_list", "early_warning", "case_list"]


def url(name, *args):
    return reverse(f"health:{name}", args=args)


@pytest.fixture
def dormant(ksp_bogor):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=TODAY - dt.timedelta(days=5 * 365))
    ksp_bogor.refresh_from_db()
    return ksp_bogor


@pytest.mark.parametrize("name", PAGES)
def test_pages_for_officers(client, officer_bogor, viewer_bogor, dormant, name):
    client.force_login(officer_bogor)
    response = client.get(url(name))
    assert response.status_code == 200
    if name in ("rat_list", "inactivity_list", "pillar_list", "early_warning"):
        assert "Koperasi Sejahtera Bersama" in response.text
    client.force_login(viewer_bogor)
    assert client.get(url(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_pages_are_not_for_cooperatives(client, coop_manager, name):
    client.force_login(coop_manager)
    assert client.get(url(name)).status_code == 403


@pytest.mark.parametrize("name", ["rat_list", "inactivity_list", "pillar_list", "early_warning"])
def test_other_region_sees_nothing(client, officer_bandung, dormant, name):
    client.force_login(officer_bandung)
    response = client.get(url(name))
    assert response.status_code == 200
    assert "Koperasi Sejahtera Bersama" not in response.text


def test_pillar_page_shows_rule_and_districts(client, officer_bogor, dormant):
    client.force_login(officer_bogor)
    response = client.get(url("pillar_list"), {"pilar": "reorientasi"})
    assert "urutan pertama yang cocok" in response.text
    assert 'data-pillar="reorientasi"' in response.text
    assert "Tanah Sareal" in response.text


def test_propose_confirm_from_the_page(client, officer_bogor, viewer_bogor, dormant):
    client.force_login(viewer_bogor)
    client.post(url("proposal_create", dormant.pk))
    assert StatusProposal.objects.count() == 0
    client.force_login(officer_bogor)
    client.post(url("proposal_create", dormant.pk))
    proposal = StatusProposal.objects.get()
    response = client.get(url("inactivity_list"))
    assert "Konfirmasi tidak aktif" in response.text
    client.post(url("proposal_confirm", proposal.pk), {"note": "Dicek"})
    dormant.refresh_from_db()
    assert dormant.status == "tidak_aktif"


def test_dismiss_and_generate_from_the_page(client, officer_bogor, dormant):
    client.force_login(officer_bogor)
    client.post(url("proposals_generate"), {"region": "32.71"})
    proposal = StatusProposal.objects.get()
    response = client.post(url("proposal_dismiss", proposal.pk), {"note": ""}, follow=True)
    assert "Alasan penolakan wajib diisi" in response.text
    client.post(url("proposal_dismiss", proposal.pk), {"note": "RAT sudah diadakan, belum dilaporkan"})
    proposal.refresh_from_db()
    assert proposal.state == "dismissed"


def test_proposal_of_another_region_is_404(client, officer_bandung, officer_bogor, dormant):
    client.force_login(officer_bogor)
    client.post(url("proposal_create", dormant.pk))
    proposal = StatusProposal.objects.get()
    client.force_login(officer_bandung)
    assert client.post(url("proposal_confirm", proposal.pk)).status_code == 404
    assert client.post(url("proposal_create", dormant.pk)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == "open"


def test_dissolution_case_through_the_pages(client, officer_bogor, officer_bandung, dormant):
    client.force_login(officer_bogor)
    assert client.get(url("case_create")).status_code == 200
    response = client.post(
        url("case_create"), {"cooperative": dormant.pk, "ground": "no_activity", "facts": "Tidak ada kegiatan usaha."}
    )
    case = DissolutionCase.objects.get()
    assert response["Location"] == url("case_detail", case.pk)
    assert client.get(url("case_letter", case.pk, "pemberitahuan")).status_code == 404
    received = TODAY - dt.timedelta(days=130)
    step = {
        "notice-notice_number": "518/7/Diskop",
        "notice-notice_date": (received - dt.timedelta(days=2)).isoformat(),
        "notice-received_on": received.isoformat(),
        "notice-signatory": "Kepala Dinas",
    }
    assert client.post(url("case_step", case.pk, "notice"), step).status_code == 302
    page = client.get(url("case_detail", case.pk)).text
    assert 'data-testid="overdue"' in page  # four months have passed without a decision
    letter = client.get(url("case_letter", case.pk, "pemberitahuan"))
    assert letter.content.startswith(b"%PDF-")
    bad = {"decision-dissolve": "1", "decision-decided_on": "", "decision-number": "", "decision-reason": "", "decision-signatory": ""}
    assert client.post(url("case_step", case.pk, "decision"), bad).status_code == 400
    decision = {
        "decision-dissolve": "1",
        "decision-decided_on": TODAY.isoformat(),
        "decision-number": "K/12/2026",
        "decision-reason": "Tidak ada kegiatan usaha dua tahun",
        "decision-signatory": "Kepala Dinas",
    }
    assert client.post(url("case_step", case.pk, "decision"), decision).status_code == 302
    case.refresh_from_db()
    dormant.refresh_from_db()
    assert (case.state, dormant.status) == ("dissolved", "dibubarkan")
    assert client.get(url("case_letter", case.pk, "keputusan")).content.startswith(b"%PDF-")
    client.force_login(officer_bandung)
    assert client.get(url("case_detail", case.pk)).status_code == 404
    assert client.get(url("case_letter", case.pk, "keputusan")).status_code == 404


def test_unknown_step_is_404(client, officer_bogor, dormant):
    case = DissolutionCase.objects.create(cooperative=dormant, ground="bankrupt", facts="x")
    client.force_login(officer_bogor)
    assert client.post(url("case_step", case.pk, "bubarkan-saja")).status_code == 404


def test_viewer_cannot_open_a_case(client, viewer_bogor, dormant):
    client.force_login(viewer_bogor)
    assert client.get(url("case_create")).status_code == 403


@pytest.mark.django_db
def test_the_supervision_filter_uses_the_region_picker_never_a_typed_code(client, officer_bogor):
    client.force_login(officer_bogor)
    page = client.get("/kesehatan/pengawasan/pilar/").content.decode()
    assert 'id="f-region"' not in page and "Kode wilayah" not in page
    # The picker starts at Kota Bogor and offers its kecamatan.
    assert 'name="region_3"' in page and "Bogor Tengah" in page
    # Choosing a kecamatan filters the page; a plain `region` in a link still works.
    chosen = client.get("/kesehatan/pengawasan/pilar/", {"region_2": "32.71", "region_3": "32.71.03"})
    assert chosen.context["filters"].region == "32.71.03"
    assert client.get("/kesehatan/pengawasan/pilar/", {"region": "32.71.06"}).context["filters"].region == "32.71.06"
