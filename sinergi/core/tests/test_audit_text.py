"""Every value in the change history reads as a person says it: money in Rupiah, a region and a
related row by name, a predicate and a rule set by their names, the questionnaire's answers counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sinergi.core.audit_text import change_lines, event_text, prepare, subject_text
from sinergi.core.models import AuditEvent
from sinergi.registry.services import cooperative_register


def lines(object_type, before, after):
    with translation.override("id"):
        return change_lines(object_type, before, after)


@pytest.mark.django_db
def test_questionnaire_answers_are_counted_never_printed():
    before = {"manajemen": {"umum": [True] * 20 + [False] * 18}}
    after = {"manajemen": {"umum": [False] * 20 + [False] * 18}}
    assert lines("health.annualreport", before, after) == ["20 jawaban kuesioner diubah"]
    filled = {"manajemen": {"umum": [True] * 10, "kelembagaan": [True] * 20 + [False] * 8}}
    assert lines("health.annualreport", {}, filled) == ["Jawaban kuesioner diisi (30 ya dari 38)"]
    assert lines("health.annualreport", {"kas": "1000.00"}, {"kas": "1500000.00"}) == [
        "Kas diubah dari Rp1.000 menjadi Rp1.500.000"
    ]


@pytest.mark.django_db
def test_predicate_rule_set_and_total_by_their_names():
    after = {"rules": "perdep-06-2016", "total": "70.55", "predicate": "cukup_sehat", "official": False}
    assert lines("health.assessment", {}, after) == [
        "Aturan penilaian: Perdep 06/2016 (KSP/USP, 4 predikat)",
        "Skor total: 70,55",
        "Predikat: Cukup Sehat",
        "Resmi: tidak",
    ]
    with translation.override("id"):
        assert subject_text("health.assessment", "KUD Rahayu 2025 perdep-06-2016: 78.64") == (
            "KUD Rahayu, tahun buku 2025, Perdep 06/2016 (KSP/USP, 4 predikat): 78,64"
        )


@pytest.mark.django_db
def test_money_in_rupiah_region_and_related_rows_by_name(officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    assert lines("registry.businessprofile", {"capital": None}, {"capital": "25000000.00"}) == [
        "Modal usaha diubah dari kosong menjadi Rp25.000.000"
    ]
    assert lines(
        "registry.businessprofile", {"cooperatives": []}, {"cooperatives": [ksp.organization_id]}
    ) == ["Anggota koperasi diubah dari kosong menjadi KSP Mekar Jaya"]
    assert lines("registry.cooperativeprofile", {}, {"region": "32.71.06.1003"}) == [
        "Wilayah: Kedung Badak, Tanah Sareal, Kota Bogor"
    ]
    assert lines("accounts.organization", {"region": "32.71.03.1002"}, {"region": "32.71.06.1003"}) == [
        "Wilayah diubah dari Paledang, Bogor Tengah, Kota Bogor menjadi Kedung Badak, Tanah Sareal, Kota Bogor"
    ]


@pytest.mark.django_db
def test_a_page_of_events_names_its_rows_in_a_flat_number_of_queries(officer_bogor):
    orgs = [
        cooperative_register(actor=officer_bogor, name=f"KSP {n}", region_code="32.71.03.1002").organization
        for n in range(6)
    ]

    def events(count):
        AuditEvent.objects.all().delete()
        for org in orgs[:count]:
            AuditEvent.objects.create(
                actor=officer_bogor, actor_label="x", action="business.cooperatives",
                object_type="registry.businessprofile", object_id="1",
                before={"cooperatives": []}, after={"cooperatives": [org.pk], "region": "32.71.03.1002"},
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries, translation.override("id"):
            texts = [event_text(e) for e in prepare(AuditEvent.objects.select_related("actor"))]
        return texts, len(queries)

    few, few_queries = events(2)
    many, many_queries = events(6)
    assert many_queries == few_queries
    assert sorted(line for text in many for line in text.lines if line.startswith("Anggota")) == [
        f"Anggota koperasi diubah dari kosong menjadi KSP {n}" for n in range(6)
    ]
    # The stored order of keys is the database's (PostgreSQL's jsonb sorts them).
    assert sorted(many[0].lines) == [
        "Anggota koperasi diubah dari kosong menjadi KSP 5",
        "Wilayah: Paledang, Bogor Tengah, Kota Bogor",
    ]


@pytest.mark.django_db
def test_the_cooperative_page_shows_names_not_ids(client, officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    AuditEvent.objects.create(
        actor=officer_bogor, actor_label="x", action="organization.move", object_type="accounts.organization",
        object_id=str(ksp.organization_id), organization_id=ksp.organization_id,
        before={"region": "32.71.03.1002"}, after={"region": "32.71.06.1003", "note": "Pindah"},
    )  # fmt: skip
    client.force_login(officer_bogor)
    html = client.get(f"/registri/koperasi/{ksp.pk}/").content.decode()
    assert (
        "Wilayah diubah dari Paledang, Bogor Tengah, Kota Bogor menjadi Kedung Badak, Tanah Sareal, Kota Bogor"
        in html
    )
    assert "32.71.06.1003" not in html


def test_english_sentences():
    with translation.override("en"):
        assert change_lines("health.annualreport", {}, {"manajemen": {"umum": [True, False]}}) == [
            "Questionnaire answered (1 yes out of 2)"
        ]


@pytest.mark.django_db
def test_the_history_panel_keeps_a_flat_query_count(client, officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    others = [
        cooperative_register(
            actor=officer_bogor, name=f"KSP Lain {n}", region_code="32.71.06.1003"
        ).organization
        for n in range(6)
    ]
    client.force_login(officer_bogor)

    def render(count):
        AuditEvent.objects.filter(action="organization.move").delete()
        for n, other in enumerate(others[:count]):
            AuditEvent.objects.create(
                actor=officer_bogor, actor_label="x", action="organization.move",
                object_type="accounts.organization", object_id=str(ksp.organization_id),
                organization_id=ksp.organization_id,
                before={"region": "32.71.03.1002", "merged_into": None},
                after={"region": "32.71.06.1003", "merged_into": other.pk, "note": f"Langkah {n}"},
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/registri/koperasi/{ksp.pk}/").content.decode()
        return html, len(queries)

    _html, few = render(2)
    html, many = render(6)
    assert many == few
    assert "<li>Digabungkan ke diubah dari kosong menjadi KSP Lain 5</li>" in html
    assert (
        html.count(
            "<li>Wilayah diubah dari Paledang, Bogor Tengah, Kota Bogor menjadi Kedung Badak, Tanah Sareal, Kota Bogor</li>"
        )
        == 6
    )


@pytest.mark.django_db
def test_the_audit_trail_names_an_assessment_and_its_values(client, admin_bogor):
    AuditEvent.objects.create(
        actor=admin_bogor, actor_label="x", action="assessment.score", object_type="health.assessment",
        object_id="1", object_repr="KUD Rahayu 2025 perdep-06-2016: 78.64", region_code="32.71.03.1002",
        before={}, after={"predicate": "cukup_sehat", "total": "78.64", "kas": "1500000.00"},
    )  # fmt: skip
    client.force_login(admin_bogor)
    html = client.get("/akun/audit/").content.decode()
    assert "KUD Rahayu, tahun buku 2025, Perdep 06/2016 (KSP/USP, 4 predikat): 78,64" in html
    assert "<li>Predikat: Cukup Sehat</li>" in html and "<li>Skor total: 78,64</li>" in html
    assert "perdep-06-2016" not in html and "cukup_sehat" not in html


@pytest.mark.django_db
def test_a_person_and_an_organisation_by_name_never_an_id_or_an_email(officer_bogor, office_bogor):
    from sinergi.accounts.tests.factories import UserFactory

    nameless = UserFactory(email="tanpa.nama@sinergi.test", full_name="")
    after = {"user": officer_bogor.pk, "organization": office_bogor.pk, "role": "staff"}
    assert lines("core.auditevent", {}, after)[:2] == [
        "Pengguna: Siti Nurhayati",
        f"Organisasi: {office_bogor.name}",
    ]
    assert lines("core.auditevent", {}, {"user": nameless.pk}) == ["Pengguna: pengguna tanpa nama"]
