"""The history panels and the audit trail read as sentences, and an organisation's history shows every
change filed under it."""

import datetime as dt

import pytest
from django.utils import translation

from sinergi.accounts.selectors import audit_filter_choices, organization_timeline
from sinergi.accounts.services import organization_update
from sinergi.accounts.tests.factories import MembershipFactory, UserFactory
from sinergi.core.audit_text import event_text
from sinergi.core.models import AuditEvent
from sinergi.registry.services import cooperative_register, cooperative_set_status, member_save


@pytest.fixture
def office_login_bandung(office_bandung):
    """A shared office login whose name is a role word and the office's name."""
    return MembershipFactory(
        user=UserFactory(email="staf.kota.bandung@sinergi.test", full_name="Staf Dinas Kota Bandung"),
        organization=office_bandung,
        role="staff",
    ).user


@pytest.mark.django_db
def test_a_change_reads_as_one_sentence_with_the_date_the_empty_value_and_the_actor(office_login_bandung):
    event = AuditEvent.objects.create(
        actor=office_login_bandung,
        actor_label=office_login_bandung.email,
        action="cooperative.update",
        object_type="registry.cooperativeprofile",
        object_id="1",
        before={"last_rat_date": "2026-06-03"},
        after={"last_rat_date": None},
    )
    with translation.override("id"):
        text = event_text(event)
    assert text.headline == (
        "Tanggal RAT terakhir diubah dari 03-06-2026 menjadi kosong oleh Staf Dinas Kota Bandung"
    )
    assert text.lines == []


@pytest.mark.django_db
def test_choices_by_their_label_amounts_grouped_codes_left_out(officer_bogor):
    event = AuditEvent.objects.create(
        actor=officer_bogor,
        actor_label=officer_bogor.email,
        action="cooperative.status",
        object_type="registry.cooperativeprofile",
        object_id="1",
        before={"status": "aktif"},
        after={"status": "tidak_aktif", "reason": "Tidak RAT 3 tahun", "effective_on": "2026-01-31",
               "internal_code": "x1"},
    )  # fmt: skip
    member = AuditEvent.objects.create(
        actor=None,
        actor_label="system",
        action="member.update",
        object_type="registry.member",
        object_id="2",
        before={"savings_wajib": "1250000.50", "nik": "•••"},
        after={"savings_wajib": "1500000.00", "nik": "•••"},
    )
    with translation.override("id"):
        status, savings = event_text(event), event_text(member)
    assert status.headline == "Status koperasi diubah oleh Siti Nurhayati"
    assert status.lines == [
        "Status diubah dari Aktif menjadi Tidak aktif",
        "Alasan: Tidak RAT 3 tahun",
        "Berlaku sejak: 31-01-2026",
    ]
    assert savings.headline == "Data anggota diubah oleh Sistem"
    assert savings.lines == [
        "Simpanan wajib diubah dari Rp1.250.000,50 menjadi Rp1.500.000",
        "NIK diubah (data pribadi tidak dicatat)",
    ]
    assert "tidak_aktif" not in " ".join(status.lines)


@pytest.mark.django_db
def test_the_organisation_history_shows_its_own_changes_and_its_profiles(officer_bogor, officer_bandung):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    other = cooperative_register(actor=officer_bandung, name="KSP Bandung", region_code="32.73.02.1004")
    org = ksp.organization
    organization_update(actor=officer_bogor, organization=org, address="Jl. Merdeka 5")
    cooperative_set_status(actor=officer_bogor, cooperative=ksp, status="tidak_aktif", reason="Tidak RAT",
                           effective_on=dt.date(2026, 1, 31))  # fmt: skip
    member_save(actor=officer_bogor, cooperative=org, member_number="A-1", name="Asep")
    actions = list(
        organization_timeline(user=officer_bogor, organization=org).values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        [
            "cooperative.register",
            "organization.create",
            "organization.update",
            "cooperative.status",
            "member.add",
        ]
    )
    assert other.organization.pk not in set(
        organization_timeline(user=officer_bogor, organization=org).values_list("organization_id", flat=True)
    )


@pytest.mark.django_db
def test_the_cooperative_page_shows_the_history_in_words(client, officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    organization_update(actor=officer_bogor, organization=ksp.organization, address="Jl. Merdeka 5")
    client.force_login(officer_bogor)
    html = client.get(f"/registri/koperasi/{ksp.pk}/").content.decode()
    assert "Alamat diubah dari kosong menjadi data pribadi (tidak dicatat) oleh Siti Nurhayati" in html
    assert "organization.update" not in html and "cooperative.register" not in html
    assert "Koperasi didaftarkan oleh Siti Nurhayati" in html


@pytest.mark.django_db
def test_audit_filters_are_choices_in_words(client, admin_bogor, officer_bogor):
    cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    with translation.override("id"):
        choices = audit_filter_choices(user=admin_bogor)
    assert ("accounts.organization", "Organisasi") in choices["object_types"]
    assert ("cooperative.register", "Koperasi didaftarkan") in choices["actions"]
    client.force_login(admin_bogor)
    html = client.get("/akun/audit/", {"object_type": "registry.cooperativeprofile"}).content.decode()
    assert 'placeholder="accounts.organization"' not in html
    assert '<option value="accounts.organization">Organisasi</option>' in html
    assert "Koperasi didaftarkan oleh Siti Nurhayati" in html
    assert 'class="cards"' in html
