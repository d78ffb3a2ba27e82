"""A dissolved cooperative stays dissolved: health asks the registry's status rule
(`registry.rules.status_transition_problem`) and gives the reason the registry's own doors give."""

import pytest
from django.core.exceptions import ValidationError

from sinergi.accounts.services import api_token_create
from sinergi.core.models import AuditEvent
from sinergi.health import services
from sinergi.health.models import AnnualReport, DissolutionCase
from sinergi.health.supervision import services as supervision
from sinergi.registry import services as registry
from sinergi.registry.models import CooperativeStatusChange

pytestmark = pytest.mark.django_db

REASON = "Koperasi yang sudah dibubarkan tidak dapat diubah statusnya"


@pytest.fixture
def dissolved(ksp_bogor, officer_bogor):
    """Koperasi Sejahtera Bersama, dissolved through the registry."""
    return registry.cooperative_set_status(
        actor=officer_bogor, cooperative=ksp_bogor, status="dibubarkan", reason="Keputusan pembubaran"
    )


def _state(cooperative):
    cooperative.refresh_from_db()
    return (
        cooperative.status,
        AnnualReport.objects.count(),
        DissolutionCase.objects.count(),
        CooperativeStatusChange.objects.filter(cooperative=cooperative).count(),
        AuditEvent.objects.count(),
    )


def _registry_reason(officer, cooperative, status):
    with pytest.raises(ValidationError) as exc:
        registry.cooperative_set_status(actor=officer, cooperative=cooperative, status=status, reason="x")
    return exc.value.message_dict["status"]


def test_no_annual_report_for_a_dissolved_cooperative(dissolved, coop_manager, officer_bogor, values):
    before = _state(dissolved)
    with pytest.raises(ValidationError) as exc:
        services.annual_report_create(actor=coop_manager, cooperative=dissolved, year=2024, values=values)
    assert exc.value.message_dict == {"cooperative": [REASON]}
    # The registry's status page refuses reviving it with the same words.
    assert _registry_reason(officer_bogor, dissolved, "aktif") == [REASON]
    assert _state(dissolved) == before


def test_the_api_refuses_a_report_of_a_dissolved_cooperative_alike(client, dissolved, officer_bogor):
    before = _state(dissolved)
    raw = api_token_create(actor=officer_bogor, name="uji")[1]
    response = client.post(
        "/api/v1/health/reports/",
        {"cooperative_id": dissolved.pk, "year": 2024},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": REASON, "errors": {"cooperative": [REASON]}},
    )
    assert _state(dissolved)[:4] == before[:4]
    assert AuditEvent.objects.count() == before[4] + 1  # only the token's creation


def test_no_dissolution_plan_for_a_dissolved_cooperative(dissolved, officer_bogor):
    before = _state(dissolved)
    with pytest.raises(ValidationError) as exc:
        supervision.dissolution_case_open(
            actor=officer_bogor, cooperative=dissolved, ground="no_activity", facts="Tidak ada kegiatan usaha."
        )
    assert exc.value.message_dict == {"cooperative": [REASON]}
    # Dissolving it again through the registry gives the same words.
    assert _registry_reason(officer_bogor, dissolved, "dibubarkan") == [REASON]
    assert _state(dissolved) == before


@pytest.mark.parametrize("status", ["aktif", "tidak_aktif", "dibekukan", "belum_tahu"])
def test_any_other_status_may_report_and_be_planned_for_dissolution(ksp_bogor, officer_bogor, status, values):
    """The control: only the dissolved status refuses (belum diketahui and frozen cooperatives too
    report and may be dissolved)."""
    from sinergi.registry.models import CooperativeProfile

    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(status=status)
    ksp_bogor.refresh_from_db()
    report = services.annual_report_create(actor=officer_bogor, cooperative=ksp_bogor, year=2024, values=values)
    case = supervision.dissolution_case_open(
        actor=officer_bogor, cooperative=ksp_bogor, ground="no_activity", facts="Tidak ada kegiatan usaha."
    )
    assert (report.cooperative_id, case.cooperative_id, case.state) == (ksp_bogor.pk, ksp_bogor.pk, "draft")
