"""The assistance services: each write, its refusals (nothing changes), its audit and tally."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.assistance import services
from sinergi.assistance.models import (
    Application,
    ApplicationTally,
    Cycle,
    Grievance,
    Handover,
    Programme,
    Visit,
)
from sinergi.assistance.tests.factories import jpeg_upload, signature_url, warung
from sinergi.core.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


def codes(exc) -> list[str]:
    return [e.code for errors in exc.value.error_dict.values() for e in errors]


def audits(action: str) -> int:
    return AuditEvent.objects.filter(action=f"assistance.{action}").count()


def tally(status: str) -> int:
    row = ApplicationTally.objects.filter(layer=0, status=status).values_list("count", flat=True)
    return sum(row)


def test_programme_create_by_cooperative_manager_copies_region_and_audits(programme, cooperative_bogor):
    assert programme.region_code == "32.71.06.1001"
    assert programme.weights == {"retail_nearby": "2", "revenue_drop": "1", "woman_owner": "1"}
    assert programme.cycle == Cycle.OPEN
    assert audits("programme.create") == 1


def test_programme_create_refused_for_other_region_and_unknown_regions(
    officer_bandung, cooperative_bogor, coop_manager, today
):
    args = dict(
        name="X",
        budget=Decimal(1000),
        opens_on=today,
        closes_on=today,
        target_regions=["32.71"],
        weights={"dependants": 1},
    )
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=officer_bandung, organization=cooperative_bogor, **args)
    with pytest.raises(ValidationError) as caught:
        services.programme_create(
            actor=coop_manager, organization=cooperative_bogor, **{**args, "target_regions": ["99.99"]}
        )
    assert "target_regions" in caught.value.error_dict
    assert audits("programme.create") == 0


def test_application_judged_eligible_with_computed_criteria(apply, shops, etalase):
    application = apply(shops[0], etalase, retail="0.8", drop="0.25")
    assert application.status == "eligible"
    assert application.reasons == []
    assert application.criteria == {
        "retail_nearby": "0.8", "revenue_drop": "0.25", "woman_owner": "1", "years_operating": "1",
    }  # fmt: skip
    assert application.owner_nik == "3271064107850011"
    assert tally("eligible") == 1
    assert audits("application.submit") == 1


def test_application_ineligible_reasons_are_stored(apply, etalase):
    small = warung(
        "Toko Besar", nik="1234", scale="kecil", founded_on=timezone.localdate() - dt.timedelta(days=100)
    )
    application = apply(small, etalase)
    assert application.status == "ineligible"
    assert application.reasons == ["scale", "months", "nik"]
    assert tally("ineligible") == 1


def test_application_outside_regions_or_period_refused_nothing_changes(apply, etalase, programme, shops):
    outside = warung("Warung Cibinong", region="32.71.01.1001", nik="3271064107850099")
    with pytest.raises(ValidationError) as caught:
        apply(outside, etalase)
    assert codes(caught) == ["region"]
    programme.closes_on = timezone.localdate() - dt.timedelta(days=6)
    programme.save()
    with pytest.raises(ValidationError) as caught:
        apply(shops[0], etalase)
    assert codes(caught) == ["period"]
    assert Application.objects.count() == 0
    assert audits("application.submit") == 0
    assert ApplicationTally.objects.count() == 0


def test_same_nik_twice_in_cycle_is_ineligible_and_duplicates_are_shown(apply, etalase, shops):
    from sinergi.assistance.selectors import duplicates_of

    twin = warung("Warung Kembar", nik="3271064107850011", address="Jl. Warung Bu Ani No. 1")
    first = apply(shops[0], etalase)
    second = apply(twin, etalase)
    assert second.reasons == ["nik"]
    assert [(d["application"].pk, d["matches"]) for d in duplicates_of(second)] == [
        (first.pk, ["nik", "address"])
    ]


def test_owner_applies_for_own_business_only(programme, etalase, umkm_owner, umkm_bogor):
    from sinergi.registry.models import BusinessProfile

    BusinessProfile.objects.create(
        organization=umkm_bogor, region_code="32.71.06.1003", district_code="32.71.06", regency_code="32.71",
        name_key="x", owner_nik="3271064107850003", scale="mikro", founded_on=dt.date(2015, 1, 1),
    )  # fmt: skip
    application = services.application_submit(
        actor=umkm_owner, programme=programme, business=umkm_bogor, package=etalase,
        baseline_revenue=Decimal(2000000), criteria={}, photo=jpeg_upload(),
    )  # fmt: skip
    assert application.by_owner is True
    assert application.photo.name.endswith(".jpg")
    other = warung("Warung Orang Lain", nik="3271064107850077")
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=umkm_owner,
            programme=programme,
            business=other,
            package=etalase,
            baseline_revenue=Decimal(1),
        )
    assert Application.objects.count() == 1


def test_photo_checked_by_content(apply, programme, etalase, shops, coop_manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("warung.jpg", b"\xff\xd8\xff not really", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        services.application_submit(
            actor=coop_manager, programme=programme, business=shops[0], package=etalase,
            baseline_revenue=Decimal(1), photo=fake,
        )  # fmt: skip
    assert caught.value.message_dict == {"photo": ["Berkas harus foto JPEG atau PNG."]}
    assert Application.objects.count() == 0


def _four(apply, shops, etalase, freezer):
    return [
        apply(shops[0], etalase, retail="1", drop="1"),  # 4.0 (woman)
        apply(shops[1], freezer, retail="1", drop="1"),  # 3.0 (man)
        apply(shops[2], etalase, retail="0.5", drop="0.5"),  # 2.5
        apply(shops[3], etalase, retail="0.5", drop="0.5", minutes=1),  # 2.5, later: stock gone
    ]


def test_selection_before_close_refused_then_runs_and_reruns_identically(
    apply, shops, etalase, freezer, programme, coop_manager
):
    apps = _four(apply, shops, etalase, freezer)
    with pytest.raises(ValidationError) as caught:
        services.selection_run(actor=coop_manager, programme=programme)
    assert codes(caught) == ["select"]
    services.applications_close(actor=coop_manager, programme=programme)
    from sinergi.assistance.selection import to_dict

    first = to_dict(services.selection_run(actor=coop_manager, programme=programme))
    assert first == {
        "selected": [
            {"application": apps[0].pk, "package": etalase.pk, "score": "4.000000"},
            {"application": apps[1].pk, "package": freezer.pk, "score": "3.000000"},
            {"application": apps[2].pk, "package": etalase.pk, "score": "2.500000"},
        ],
        "skipped": [{"application": apps[3].pk, "reason": "stock"}],
        "ineligible": [],
        "budget_left": "0",
        "stock_left": {str(etalase.pk): 0, str(freezer.pk): 0},
    }
    assert to_dict(services.selection_run(actor=coop_manager, programme=programme)) == first
    stored = {a.pk: (a.status, a.rank, a.skip_reason) for a in Application.objects.all()}
    assert stored[apps[3].pk] == ("skipped", 4, "stock")
    assert tally("selected") == 3 and tally("skipped") == 1 and tally("eligible") == 0


@pytest.fixture
def selected(apply, shops, etalase, freezer, programme, coop_manager):
    apps = _four(apply, shops, etalase, freezer)
    services.applications_close(actor=coop_manager, programme=programme)
    services.selection_run(actor=coop_manager, programme=programme)
    return [Application.objects.get(pk=a.pk) for a in apps]


def test_override_over_stock_refused_and_drop_then_pick_recorded(selected, coop_manager):
    with pytest.raises(ValidationError) as caught:
        services.selection_override(actor=coop_manager, application=selected[3], select=True, note="Butuh")
    assert codes(caught) == ["over_stock"]
    assert Application.objects.get(pk=selected[3].pk).status == "skipped"
    assert audits("selection.override") == 0
    services.selection_override(
        actor=coop_manager, application=selected[2], select=False, note="Sudah pindah"
    )
    picked = services.selection_override(
        actor=coop_manager, application=selected[3], select=True, note="Ganti"
    )
    assert (picked.status, picked.override_note) == ("selected", "Ganti")
    assert audits("selection.override") == 2


def test_override_over_budget_refused(selected, coop_manager, programme):
    services.selection_override(actor=coop_manager, application=selected[2], select=False, note="Pindah")
    Programme.objects.filter(pk=programme.pk).update(budget=Decimal("9000000"))
    with pytest.raises(ValidationError) as caught:
        services.selection_override(actor=coop_manager, application=selected[3], select=True, note="Ganti")
    assert codes(caught) == ["over_budget"]


def test_handover_before_selection_refused(apply, shops, etalase, coop_manager):
    application = apply(shops[0], etalase)
    with pytest.raises(ValidationError) as caught:
        services.handover_record(
            actor=coop_manager, application=application, handed_on=timezone.localdate(), items="Etalase",
            address="Jl. A", confirmation="signature", signature=signature_url(),
        )  # fmt: skip
    assert codes(caught) == ["handover"]
    assert Handover.objects.count() == 0


def handover(actor, application, **extra):
    values = dict(
        handed_on=timezone.localdate() - dt.timedelta(days=200), items="Etalase kaca 1 m", address="Jl. Bu Ani 1",
        confirmation="signature", signature=signature_url(), serial_numbers="ET-001",
    )  # fmt: skip
    values.update(extra)
    return services.handover_record(actor=actor, application=application, **values)


def test_handover_schedules_visits_and_second_refused(selected, coop_manager, programme):
    record, link = handover(
        coop_manager, selected[0], photo=jpeg_upload("serah.jpg"), latitude="-6.5611", longitude="106.7892"
    )
    assert link is None and record.confirmed_at is not None and record.signature.name.endswith(".png")
    assert [(v.month, v.due_on) for v in record.visits.order_by("month")] == [
        (3, services._add_months(record.handed_on, 3)),
        (6, services._add_months(record.handed_on, 6)),
        (12, services._add_months(record.handed_on, 12)),
    ]
    programme.refresh_from_db()
    assert programme.cycle == Cycle.HANDED_OVER
    with pytest.raises(ValidationError) as caught:
        handover(coop_manager, Application.objects.get(pk=selected[0].pk))
    assert codes(caught) == ["handed_over"]
    with pytest.raises(ValidationError) as caught:
        handover(coop_manager, selected[3])
    assert codes(caught) == ["not_selected"]
    assert Handover.objects.count() == 1 and Visit.objects.count() == 3
    assert tally("handed_over") == 1
    # The selection may not run again once goods went out.
    with pytest.raises(ValidationError) as caught:
        services.selection_run(actor=coop_manager, programme=programme)
    assert codes(caught) == ["select"]


def test_blank_signature_refused():
    import base64

    from sinergi.assistance.photos import checked_signature
    from sinergi.assistance.tests.factories import png_bytes

    blank = "data:image/png;base64," + base64.b64encode(png_bytes(color=(0, 0, 0, 0))).decode()
    with pytest.raises(ValidationError):
        checked_signature(blank)


def test_handover_by_whatsapp_code(selected, coop_manager):
    record, link = handover(coop_manager, selected[0], confirmation="code", signature="")
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert record.confirmed_at is None
    with pytest.raises(ValidationError):
        services.handover_confirm(actor=coop_manager, handover=record, code="000000x")
    from urllib.parse import unquote

    code = unquote(link).rsplit(" ", 1)[-1]
    assert services.handover_confirm(actor=coop_manager, handover=record, code=code).confirmed_at is not None


def test_visits_record_outcomes_and_before_handover_refused(selected, coop_manager, programme):
    from sinergi.assistance.outcomes import programme_outcomes

    with pytest.raises(ValidationError) as caught:
        services.visit_for(selected[0], 3)
    assert caught.value.message_dict == {"month": ["Belum ada serah terima untuk warung ini."]}
    record, _link = handover(coop_manager, selected[0])
    visit = services.visit_for(Application.objects.get(pk=selected[0].pk), 3)
    with pytest.raises(ValidationError) as caught:
        services.visit_record(
            actor=coop_manager, visit=visit, visited_on=record.handed_on - dt.timedelta(days=1), revenue=Decimal(1),
            operating=True, goods_in_use={},
        )  # fmt: skip
    assert codes(caught) == ["before_handover"]
    services.visit_record(
        actor=coop_manager, visit=visit, visited_on=record.handed_on + dt.timedelta(days=92),
        revenue=Decimal(3600000), operating=True, goods_in_use={"Etalase kaca 1 m": True},
    )  # fmt: skip
    programme.refresh_from_db()
    assert programme.cycle == Cycle.MONITORED
    twelve = services.visit_for(selected[0], 12)
    services.visit_record(
        actor=coop_manager, visit=twelve, visited_on=timezone.localdate(),
        revenue=Decimal(4500000), operating=True, goods_in_use={"Etalase kaca 1 m": False},
    )  # fmt: skip
    result = programme_outcomes(programme)
    assert (result.recipients, result.revenue_before, result.revenue_after) == (
        1,
        Decimal(3000000),
        Decimal(4500000),
    )
    assert result.revenue_change_pct == Decimal("50.0")
    assert (result.items_in_use, result.items_checked, result.in_use_pct) == (0, 1, Decimal("0.0"))
    assert (result.operating_12, result.cost_per_operating) == (1, Decimal(3000000))
    assert result.repayment_pct is None
    assert audits("visit.record") == 2


def test_grievance_escalates_past_deadline_to_office_admins(
    selected, coop_manager, programme, admin_bogor, system
):
    today = timezone.localdate()
    grievance = services.grievance_file(
        actor=coop_manager, programme=programme, kind="appeal", text="Mengapa tidak terpilih?",
        application=selected[3], today=today - dt.timedelta(days=20),
    )  # fmt: skip
    assert grievance.due_on == today - dt.timedelta(days=6)
    assert services.grievances_escalate(actor=system, today=today) == [grievance]
    grievance.refresh_from_db()
    assert (grievance.status, grievance.escalated_on) == ("escalated", today)
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        "admin.bogor@sinergi.test"
    ]
    assert services.grievances_escalate(actor=system, today=today) == []
    services.grievance_answer(actor=coop_manager, grievance=grievance, answer="Stok habis.")
    assert Grievance.objects.get().status == "answered"
    assert audits("grievance.escalate") == 1 and audits("grievance.answer") == 1


def test_revolving_fund_repayment_rate(apply, shops, coop_manager, cooperative_bogor, today):
    programme = services.programme_create(
        actor=coop_manager, organization=cooperative_bogor, name="Bergulir", budget=Decimal(5000000),
        opens_on=today - dt.timedelta(days=3), closes_on=today, target_regions=["32.71"],
        weights={"dependants": 1}, revolving_fund=True, amount_due=Decimal(1000000),
    )  # fmt: skip
    package = services.package_add(
        actor=coop_manager, programme=programme, name="Stok awal", unit_cost=Decimal(1000000), stock=3
    )
    application = services.application_submit(
        actor=coop_manager, programme=programme, business=shops[0], package=package, baseline_revenue=Decimal(100),
        applied_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    services.applications_close(actor=coop_manager, programme=programme)
    services.selection_run(actor=coop_manager, programme=programme)
    handover(coop_manager, Application.objects.get(pk=application.pk))
    services.repayment_record(actor=coop_manager, application=Application.objects.get(pk=application.pk),
                              paid_on=today, amount=Decimal(250000))  # fmt: skip
    from sinergi.assistance.outcomes import programme_outcomes

    assert programme_outcomes(programme).repayment_pct == Decimal("25.0")


def test_outsider_may_not_run_and_nothing_changes(selected, officer_bandung, programme):
    with pytest.raises(PermissionDenied):
        services.selection_run(actor=officer_bandung, programme=programme)
    with pytest.raises(PermissionDenied):
        handover(officer_bandung, selected[0])
    assert Handover.objects.count() == 0
    assert audits("selection.run") == 1


@pytest.mark.parametrize("lenient", [False, True])
def test_truncated_photo_is_refused(monkeypatch, lenient, apply, programme, etalase, shops, coop_manager):
    """A photo cut short in transfer is refused, even after a library set Pillow to accept
    truncated pictures for the whole process (WeasyPrint does when it is imported)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    whole = jpeg_upload().read()
    cut = SimpleUploadedFile("warung.jpg", whole[: len(whole) // 3], content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        services.application_submit(
            actor=coop_manager, programme=programme, business=shops[0], package=etalase,
            baseline_revenue=Decimal(1), photo=cut,
        )  # fmt: skip
    assert caught.value.message_dict == {"photo": ["Berkas harus foto JPEG atau PNG."]}
    assert Application.objects.count() == 0
    assert ImageFile.LOAD_TRUNCATED_IMAGES is lenient
