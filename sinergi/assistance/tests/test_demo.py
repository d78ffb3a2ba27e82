"""The demo programme: in its monitoring stage, within budget and stock, visits recorded."""

import pytest

from sinergi.assistance import demo
from sinergi.assistance.models import Application, Cycle, Handover, Programme, Visit

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_programme_in_monitoring_once(system, cooperative_bogor):
    from sinergi.registry.models import CooperativeProfile

    CooperativeProfile.objects.create(
        organization=cooperative_bogor, region_code="32.71.06.1001", district_code="32.71.06", regency_code="32.71",
        nik_koperasi=demo.KSB_NIK,
    )  # fmt: skip
    demo.seed(actor=system)
    demo.seed(actor=system)
    programme = Programme.objects.get()
    assert programme.organization == cooperative_bogor
    assert programme.cycle == Cycle.MONITORED
    assert Application.objects.count() == 15
    handed = Handover.objects.count()
    assert handed == Application.objects.filter(status="handed_over").count() >= 10
    spent = sum(h.package.unit_cost for h in Handover.objects.select_related("package"))
    assert spent <= programme.budget
    assert Visit.objects.filter(month=3, visited_on__isnull=False).count() == handed
    assert Visit.objects.filter(month=6, visited_on__isnull=True).count() == handed
