"""Merging duplicates, marking pairs distinct, undoing merges, scanning (services)."""

import datetime as dt
import sys
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.accounts.models import BusinessClaim, Membership, Organization
from sinergi.accounts.scoping import forget_reach
from sinergi.accounts.tests.factories import MembershipFactory, UserFactory
from sinergi.core.jobs import job_create
from sinergi.core.models import AuditEvent, Job
from sinergi.registry import services
from sinergi.registry.models import (
    BusinessProfile,
    Cluster,
    CooperativeProfile,
    DuplicateCandidate,
    Member,
    MergeRecord,
)
from sinergi.registry.services import duplicates as dup_services


def candidate(left, right, kind="umkm", score="95.00"):
    left, right = (left, right) if left.pk < right.pk else (right, left)
    return DuplicateCandidate.objects.create(
        kind=kind,
        left=left,
        right=right,
        score=Decimal(score),
        reasons={"name": 92.3, "phone": "same"},
        region_code=left.region_id,
    )


def business_state():
    """Everything a UMKM merge may touch, as plain values, to compare before and after."""
    through = BusinessProfile.cooperatives.through
    return {
        "memberships": sorted(Membership.objects.values_list("pk", "organization_id")),
        "claims": sorted(BusinessClaim.objects.values_list("pk", "organization_id", "status")),
        "business_coops": sorted(through.objects.values_list("businessprofile_id", "organization_id")),
        "cluster_businesses": sorted(Cluster.businesses.through.objects.values_list("cluster_id", "organization_id")),
        "cluster_coops": sorted(Cluster.cooperatives.through.objects.values_list("cluster_id", "organization_id")),
        "profiles": sorted(
            BusinessProfile.objects.values_list("pk", "owner_name", "owner_nik", "nib", "kbli", "capital",
                                                "annual_sales", "scale", "employees")
        ),
        "orgs": sorted(Organization.objects.values_list("pk", "is_active", "merged_into", "address", "phone", "email")),
        "candidates": sorted(DuplicateCandidate.objects.values_list("pk", "left_id", "right_id", "status")),
        "merges": MergeRecord.objects.count(),
    }  # fmt: skip


def cooperative_state():
    return {
        "members": sorted(Member.objects.values_list("pk", "cooperative_id", "member_number")),
        "memberships": sorted(Membership.objects.values_list("pk", "organization_id")),
        "cluster_coops": sorted(Cluster.cooperatives.through.objects.values_list("cluster_id", "organization_id")),
        "flagships": sorted(Cluster.objects.values_list("pk", "flagship_id")),
        "business_coops": sorted(
            BusinessProfile.cooperatives.through.objects.values_list("businessprofile_id", "organization_id")
        ),
        "profiles": sorted(
            CooperativeProfile.objects.values_list("pk", "nik_koperasi", "legal_number", "legal_key", "secondary_id",
                                                   "is_flagship", "members_male", "members_female")
        ),
        "orgs": sorted(Organization.objects.values_list("pk", "is_active", "merged_into")),
        "candidates": sorted(DuplicateCandidate.objects.values_list("pk", "left_id", "right_id", "status")),
    }  # fmt: skip


@pytest.fixture
def umkm_world(officer_bogor):
    """Two records of one business (Keripik Talas Bu Euis) and everything that hangs off them."""
    kept = services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003",
        owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890",
    )  # fmt: skip
    merged = services.business_register(
        actor=officer_bogor, name="Kripik Talas Ibu Euis", region_code="32.71.06.1003",
        owner_name="Euis R", owner_nik="3271064107850003", nib="9120001234567", kbli="10792",
        capital=Decimal("50000000"), annual_sales=Decimal("300000000"), employees=3,
        address="Kp. Cibuluh RT 02/03", phone="081299998888",
    )  # fmt: skip
    other = services.business_register(
        actor=officer_bogor,
        name="Keripik Talas Euis",
        region_code="32.71.06.1003",
        owner_name="Euis Rahmawati",
    )
    third = services.business_register(
        actor=officer_bogor,
        name="Talas Euis Cabang",
        region_code="32.71.06.1003",
        owner_name="Euis Rahmawati",
    )
    coop_c = services.cooperative_register(actor=officer_bogor, name="KSP Talas", region_code="32.71.06.1003")
    coop_d = services.cooperative_register(actor=officer_bogor, name="KSU Bogor", region_code="32.71.06.1003")
    services.business_set_cooperatives(
        actor=officer_bogor, business=merged, cooperatives=[coop_c.organization, coop_d.organization]
    )
    services.business_set_cooperatives(actor=officer_bogor, business=kept, cooperatives=[coop_d.organization])
    k, m = kept.organization, merged.organization
    cluster_one = services.cluster_save(
        actor=officer_bogor, name="Kampung Talas", commodity="Talas", district_code="32.71.06", businesses=[m]
    )
    cluster_two = services.cluster_save(
        actor=officer_bogor, name="Kampung Keripik", commodity="Keripik", district_code="32.71.06", businesses=[k, m]
    )  # fmt: skip
    owner = UserFactory(email="euis@sinergi.test")
    both = UserFactory(email="anak.euis@sinergi.test")
    owner_membership = MembershipFactory(user=owner, organization=m, role="owner")
    both_on_kept = MembershipFactory(user=both, organization=k, role="owner")
    both_on_merged = MembershipFactory(user=both, organization=m, role="owner")
    claimant = UserFactory(email="klaim@sinergi.test")
    twice = UserFactory(email="klaim.dua@sinergi.test")
    claim_moves = BusinessClaim.objects.create(user=claimant, organization=m)
    claim_stays = BusinessClaim.objects.create(user=twice, organization=m)
    claim_on_kept = BusinessClaim.objects.create(user=twice, organization=k)
    pair = candidate(k, m)
    carried = candidate(m, other.organization, score="88.00")
    existing = candidate(k, third.organization, score="86.00")
    hidden = candidate(m, third.organization, score="87.00")
    return {
        "kept": kept, "merged": merged, "k": k, "m": m, "other": other.organization, "third": third.organization,
        "coop_c": coop_c.organization, "coop_d": coop_d.organization, "cluster_one": cluster_one,
        "cluster_two": cluster_two, "owner_membership": owner_membership, "both_on_kept": both_on_kept,
        "both_on_merged": both_on_merged, "claim_moves": claim_moves, "claim_stays": claim_stays,
        "claim_on_kept": claim_on_kept, "pair": pair, "carried": carried, "existing": existing, "hidden": hidden,
    }  # fmt: skip


@pytest.mark.django_db
def test_umkm_merge_moves_every_link_and_fills_empty_fields(umkm_world, officer_bogor):
    w = umkm_world
    k, m = w["k"], w["m"]
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=k)

    assert (record.kept_id, record.merged_id, record.merged_by) == (k.pk, m.pk, officer_bogor)
    m.refresh_from_db()
    assert (m.merged_into_id, m.is_active) == (k.pk, False)
    w["pair"].refresh_from_db()
    assert (w["pair"].status, w["pair"].decided_by) == ("merged", officer_bogor)
    # People: the owner moves, the user already acting for the kept business stays where they were.
    assert Membership.objects.get(pk=w["owner_membership"].pk).organization_id == k.pk
    assert Membership.objects.get(pk=w["both_on_merged"].pk).organization_id == m.pk
    assert BusinessClaim.objects.get(pk=w["claim_moves"].pk).organization_id == k.pk
    assert BusinessClaim.objects.get(pk=w["claim_stays"].pk).organization_id == m.pk
    # Cooperative memberships of the business, and clusters.
    kept = BusinessProfile.objects.get(pk=k.pk)
    assert sorted(kept.cooperatives.values_list("pk", flat=True)) == sorted([w["coop_c"].pk, w["coop_d"].pk])
    assert not BusinessProfile.objects.get(pk=m.pk).cooperatives.exists()
    assert list(w["cluster_one"].businesses.values_list("pk", flat=True)) == [k.pk]
    assert list(w["cluster_two"].businesses.values_list("pk", flat=True)) == [k.pk]
    # Empty fields filled, filled ones kept; the NIB moved off the merged profile first.
    assert (kept.owner_name, kept.nib, kept.kbli, kept.capital, kept.annual_sales, kept.employees, kept.scale) == (
        "Euis Rahmawati", "9120001234567", "10792", Decimal("50000000.00"), Decimal("300000000.00"), 3, "mikro",
    )  # fmt: skip
    assert BusinessProfile.objects.get(pk=m.pk).nib == ""
    k.refresh_from_db()
    assert (k.address, k.phone) == ("Kp. Cibuluh RT 02/03", "6281234567890")
    # Other pairs with the merged business: carried over to the kept one, or hidden.
    w["carried"].refresh_from_db()
    assert (w["carried"].left_id, w["carried"].right_id, w["carried"].status) == (
        min(k.pk, w["other"].pk), max(k.pk, w["other"].pk), "open",
    )  # fmt: skip
    w["hidden"].refresh_from_db()
    assert (w["hidden"].left_id, w["hidden"].right_id, w["hidden"].status) == (
        min(m.pk, w["third"].pk), max(m.pk, w["third"].pk), "open",
    )  # fmt: skip
    assert record.moved == {
        "candidate": w["pair"].pk,
        "kind": "umkm",
        "was_active": True,
        "accounts": {
            "memberships": [w["owner_membership"].pk],
            "memberships_skipped": [w["both_on_merged"].pk],
            "claims": [w["claim_moves"].pk],
            "claims_skipped": [w["claim_stays"].pk],
        },
        "links": {
            "cluster_cooperatives": {"ids": [], "added": []},
            "cluster_businesses": {
                "ids": sorted([w["cluster_one"].pk, w["cluster_two"].pk]), "added": [w["cluster_one"].pk],
            },
            "business_cooperatives": {"ids": [], "added": []},
            "cooperatives_of_business": {
                "ids": sorted([w["coop_c"].pk, w["coop_d"].pk]), "added": [w["coop_c"].pk],
            },
            "cluster_flagship": [],
            "secondary": [],
        },
        "filled": {
            "nib": "9120001234567", "kbli": "10792", "capital": "50000000.00", "annual_sales": "300000000.00",
            "employees": 3,
        },
        "cleared": {"nib": "9120001234567"},
        "derived": {"scale": ""},
        "kept_cleared": {},
        "org_filled": {"address": "Kp. Cibuluh RT 02/03"},
        "carried_over": [[w["carried"].pk, min(m.pk, w["other"].pk), max(m.pk, w["other"].pk), "32.71.06.1003"]],
        "superseded": [w["hidden"].pk],
    }  # fmt: skip
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"duplicate.merge", "duplicate.merge.links", "duplicate.merge.fill", "membership.move",
            "organization.merge", "organization.update"} <= actions  # fmt: skip


@pytest.mark.django_db
def test_umkm_revert_restores_everything_exactly(umkm_world, officer_bogor, admin_bogor):
    w = umkm_world
    before = business_state()
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    assert business_state() != before
    services.merge_revert(actor=admin_bogor, merge=record)
    after = business_state()
    assert after == before | {"merges": 1}
    record.refresh_from_db()
    assert (record.reverted_by, record.reverted_at is not None) == (admin_bogor, True)
    assert AuditEvent.objects.filter(action="duplicate.merge_revert", object_id=str(record.pk)).count() == 1
    with pytest.raises(ValidationError):
        services.merge_revert(actor=admin_bogor, merge=record)


@pytest.mark.django_db
def test_revert_keeps_a_field_changed_since(umkm_world, officer_bogor, admin_bogor):
    w = umkm_world
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    services.business_update(actor=officer_bogor, business=w["kept"], kbli="10799")
    services.merge_revert(actor=admin_bogor, merge=record)
    kept = BusinessProfile.objects.get(pk=w["k"].pk)
    assert (kept.kbli, kept.nib, kept.capital) == ("10799", "", None)
    assert BusinessProfile.objects.get(pk=w["m"].pk).nib == "9120001234567"


@pytest.mark.django_db
def test_merge_keeping_the_right_record(umkm_world, officer_bogor):
    w = umkm_world
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["m"])
    assert (record.kept_id, record.merged_id) == (w["m"].pk, w["k"].pk)
    merged = BusinessProfile.objects.get(pk=w["m"].pk)
    assert (merged.owner_name, merged.nib) == ("Euis R", "9120001234567")  # filled fields stay as they were


@pytest.mark.django_db
def test_merge_denials_change_nothing(umkm_world, officer_bandung, viewer_bogor, umkm_owner, officer_bogor):
    w = umkm_world
    before = business_state()
    for actor in (officer_bandung, viewer_bogor, umkm_owner):
        with pytest.raises(PermissionDenied):
            services.duplicate_merge(actor=actor, candidate=w["pair"], keep=w["k"])
        with pytest.raises(PermissionDenied):
            services.duplicate_mark_distinct(actor=actor, candidate=w["pair"])
    with pytest.raises(ValidationError):
        services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["other"])
    assert business_state() == before


@pytest.mark.django_db
def test_revert_only_by_office_admins(umkm_world, officer_bogor, officer_bandung, superuser):
    w = umkm_world
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    merged_state = business_state()
    for actor in (officer_bogor, officer_bandung):  # staff of the region, another region's staff
        with pytest.raises(PermissionDenied):
            services.merge_revert(actor=actor, merge=record)
    assert business_state() == merged_state
    services.merge_revert(actor=superuser, merge=record)
    assert Organization.objects.get(pk=w["m"].pk).merged_into_id is None


@pytest.mark.django_db
def test_admin_of_other_region_cannot_revert(umkm_world, officer_bogor, office_bandung):
    admin_bandung = MembershipFactory(
        user=UserFactory(email="admin.bandung@sinergi.test"), organization=office_bandung, role="admin"
    ).user
    record = services.duplicate_merge(actor=officer_bogor, candidate=umkm_world["pair"], keep=umkm_world["k"])
    with pytest.raises(PermissionDenied):
        services.merge_revert(actor=admin_bandung, merge=record)
    assert MergeRecord.objects.get(pk=record.pk).reverted_at is None


@pytest.mark.django_db
def test_merge_needs_both_records_in_jurisdiction(officer_bogor, officer_bandung, superuser):
    bogor = services.business_register(
        actor=officer_bogor, name="Bakso Mang Ujang", region_code="32.71.06.1003"
    )
    bandung = services.business_register(
        actor=officer_bandung, name="Bakso Mang Ujang", region_code="32.73.02.1004"
    )
    pair = candidate(bogor.organization, bandung.organization)
    for actor in (officer_bogor, officer_bandung):
        with pytest.raises(PermissionDenied):
            services.duplicate_merge(actor=actor, candidate=pair, keep=bogor.organization)
    assert DuplicateCandidate.objects.get(pk=pair.pk).status == "open"
    services.duplicate_merge(actor=superuser, candidate=pair, keep=bogor.organization)
    assert Organization.objects.get(pk=bandung.pk).merged_into_id == bogor.pk


@pytest.mark.django_db
def test_decided_or_superseded_pairs_cannot_be_merged(umkm_world, officer_bogor):
    w = umkm_world
    services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    with pytest.raises(ValidationError):
        services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    with pytest.raises(ValidationError):  # its merged business is gone
        services.duplicate_mark_distinct(actor=officer_bogor, candidate=w["hidden"])


@pytest.mark.django_db
def test_revert_refused_when_a_carried_pair_was_decided(umkm_world, officer_bogor, admin_bogor):
    w = umkm_world
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    services.duplicate_mark_distinct(actor=officer_bogor, candidate=w["carried"])
    with pytest.raises(ValidationError):
        services.merge_revert(actor=admin_bogor, merge=record)
    assert Organization.objects.get(pk=w["m"].pk).merged_into_id == w["k"].pk


@pytest.mark.django_db
def test_mark_distinct_keeps_the_pair_out_of_later_scans(officer_bogor):
    a = services.business_register(actor=officer_bogor, name="Bakso Mang Ujang", region_code="32.71.06.1003",
                                   owner_name="Ujang Suryana", phone="081311112222")  # fmt: skip
    b = services.business_register(actor=officer_bogor, name="Bakso Mang Ujang 2", region_code="32.71.06.1003",
                                   owner_name="Ujang Suryana", phone="081311112222")  # fmt: skip
    pairs, added = services.duplicate_scan(actor=officer_bogor, kind="umkm", region="32.71")
    assert ([(p.left, p.right) for p in pairs], added) == ([(a.pk, b.pk)], 1)
    pair = DuplicateCandidate.objects.get()
    decided = services.duplicate_mark_distinct(
        actor=officer_bogor, candidate=pair, note="Dua gerobak berbeda"
    )
    assert (decided.status, decided.decided_by) == ("distinct", officer_bogor)
    event = AuditEvent.objects.get(action="duplicate.distinct")
    assert event.after == {"status": "distinct", "note": "Dua gerobak berbeda"}
    assert services.duplicate_scan(actor=officer_bogor, kind="umkm", region="32.71")[1] == 0
    assert DuplicateCandidate.objects.get().status == "distinct"
    with pytest.raises(ValidationError):
        services.duplicate_mark_distinct(actor=officer_bogor, candidate=pair)


@pytest.mark.django_db
def test_scan_permissions(officer_bogor, officer_bandung, viewer_bogor, superuser):
    for actor, region in ((officer_bandung, "32.71"), (officer_bogor, ""), (viewer_bogor, "32.71")):
        with pytest.raises(PermissionDenied):
            services.duplicate_scan(actor=actor, kind="umkm", region=region)
    with pytest.raises(ValidationError):
        services.duplicate_scan(actor=officer_bogor, kind="alien", region="32.71")
    assert services.duplicate_scan(actor=superuser, kind="cooperative") == ([], 0)
    assert not AuditEvent.objects.filter(action="duplicate.scan", actor=officer_bandung).exists()


@pytest.mark.django_db
def test_scan_start_small_region_runs_at_once(officer_bogor):
    services.business_register(actor=officer_bogor, name="Opak Cibuluh", region_code="32.71.06.1003",
                               owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    services.business_register(actor=officer_bogor, name="Opak Cibuluh 2", region_code="32.71.06.1003",
                               owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    job = services.duplicate_scan_start(actor=officer_bogor, kind="umkm", region="32.71")
    assert (job.status, job.result["pairs"], job.result["added"]) == ("done", 1, 1)
    assert job.result["next_url"] == "/registri/duplikat/?kind=umkm&region=32.71"


@pytest.mark.django_db
def test_scan_start_large_region_runs_as_a_job(
    officer_bogor, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(dup_services, "SCAN_INLINE_LIMIT", 0)
    services.business_register(actor=officer_bogor, name="Opak Cibuluh", region_code="32.71.06.1003")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.duplicate_scan_start(actor=officer_bogor, kind="umkm", region="32.71")
    assert (job.status, len(callbacks)) == ("queued", 1)
    callbacks[0]()
    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.result["pairs"], job.created_by) == ("done", 0, officer_bogor)


@pytest.mark.django_db
def test_small_scan_runs_without_the_background_task(officer_bogor, monkeypatch):
    # The page's scan calls the scan service itself; only a large region goes through the queue.
    monkeypatch.setitem(sys.modules, "sinergi.registry.tasks", None)
    services.business_register(actor=officer_bogor, name="Opak Cibuluh", region_code="32.71.06.1003",
                               owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    services.business_register(actor=officer_bogor, name="Opak Cibuluh 2", region_code="32.71.06.1003",
                               owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    job = services.duplicate_scan_start(actor=officer_bogor, kind="umkm", region="32.71")
    assert (job.status, job.result["pairs"], job.result["added"]) == ("done", 1, 1)


@pytest.mark.django_db
def test_scan_task_only_calls_the_scan_service(monkeypatch):
    from sinergi.registry import tasks

    calls = []
    monkeypatch.setattr(tasks, "duplicate_scan_run", lambda **kwargs: calls.append(kwargs) or {"pairs": 0})
    assert tasks.run_duplicate_scan.call(41) == {"pairs": 0}
    # A scan queued with its actor, kind and region as arguments reads them from its job all the same.
    assert tasks.run_duplicate_scan.call(42, 7, "umkm", "32.71") == {"pairs": 0}
    assert calls == [{"job_id": 41}, {"job_id": 42}]


@pytest.mark.django_db
def test_scan_run_keeps_the_job(officer_bogor):
    for name in ("Opak Cibuluh", "Opak Cibuluh 2"):
        services.business_register(actor=officer_bogor, name=name, region_code="32.71.06.1003",
                                   owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    job = job_create(actor=officer_bogor, kind="registry.duplicate_scan", label="Pindai",
                     params={"kind": "umkm", "region": "32.71"})  # fmt: skip
    result = dup_services.duplicate_scan_run(job_id=job.pk)
    expected = {"kind": "umkm", "region": "32.71", "pairs": 1, "added": 1,
                "next_url": "/registri/duplikat/?kind=umkm&region=32.71"}  # fmt: skip
    assert result == expected
    job.refresh_from_db()
    assert (job.status, job.result, job.error) == ("done", expected, "")
    assert job.done == job.total > 0 and job.finished_at is not None
    assert DuplicateCandidate.objects.count() == 1


@pytest.mark.django_db
def test_scan_run_fails_the_job_when_the_starter_lost_the_region(officer_bogor):
    services.business_register(actor=officer_bogor, name="Opak Cibuluh", region_code="32.71.06.1003")
    services.business_register(actor=officer_bogor, name="Opak Cibuluh", region_code="32.71.06.1003")
    job = job_create(actor=officer_bogor, kind="registry.duplicate_scan", label="Pindai",
                     params={"kind": "umkm", "region": "32.71"})  # fmt: skip
    Membership.objects.filter(user=officer_bogor).delete()  # moved to another office while queued
    forget_reach(officer_bogor)
    with pytest.raises(PermissionDenied):
        dup_services.duplicate_scan_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.result) == ("failed", "Pindai hanya wilayah kerja Anda.", {})
    assert not DuplicateCandidate.objects.exists()
    assert not AuditEvent.objects.filter(action="duplicate.scan").exists()


@pytest.mark.django_db
def test_scan_flags_a_cooperative_registered_twice_and_leaves_namesakes(officer_bogor):
    # Kecamatan Bogor Tengah: one cooperative from the ministry's export and again from the
    # office's sheet; two village unit cooperatives of similar names; an old local legal number
    # that a third cooperative was given too.
    ministry = services.cooperative_register(
        actor=officer_bogor, name="Koperasi Konsumen Pasir Mulia Sejahtera", region_code="32.71.03.1002",
        address="Jl. Pasir Mulia No. 12", nik_koperasi="3271030010001", legal_number="518/13/BH/PERINDAGKOP",
        legal_date=dt.date(1987, 3, 12),
    )  # fmt: skip
    office = services.cooperative_register(
        actor=officer_bogor, name="Koperasi Pasir Mulia Sejahtera", region_code="32.71.03.1005",
        address="Jalan Pasir Mulia No.12 RT 03/04", legal_number="No. 518/13/BH/PERINDAGKOP",
        legal_date=dt.date(1987, 3, 12),
    )  # fmt: skip
    services.cooperative_register(
        actor=officer_bogor, name="KSU Harapan Kita", region_code="32.71.03.1002",
        address="Jl. Pasir Mulia No. 3", legal_number="518/13/BH/PERINDAGKOP", legal_date=dt.date(1983, 9, 15),
    )  # fmt: skip
    services.cooperative_register(
        actor=officer_bogor, name="KUD Mekar", region_code="32.71.03.1002", address="Jl. Veteran No. 41",
        legal_number="12/BH/KWK.10/1979", legal_date=dt.date(1979, 5, 2),
    )  # fmt: skip
    services.cooperative_register(
        actor=officer_bogor, name="KUD Makmur", region_code="32.71.03.1005", address="Kp. Babakan RT 02/05",
        legal_number="77/BH/KWK.10/1981", legal_date=dt.date(1981, 11, 20),
    )  # fmt: skip
    pairs, added = services.duplicate_scan(actor=officer_bogor, kind="cooperative", region="32.71")
    left, right = sorted((ministry.pk, office.pk))
    assert ([(p.left, p.right, p.score) for p in pairs], added) == ([(left, right, 100.0)], 1)
    stored = DuplicateCandidate.objects.get()
    assert (stored.kind, stored.left_id, stored.right_id, stored.score) == (
        "cooperative", left, right, Decimal("100.00"),
    )  # fmt: skip
    assert stored.reasons == {"name": 100.0, "legal": "same", "legal_date": "same", "address": 100.0}


# --- cooperatives -------------------------------------------------------------------------------


@pytest.fixture
def coop_world(officer_bogor, coop_manager):
    kept = services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002"
    )
    merged = services.cooperative_register(
        actor=officer_bogor, name="Koperasi Simpan Pinjam Mekar Jaya", region_code="32.71.03.1005",
        nik_koperasi="3271030010002", legal_number="12 / BH / 2001", members_male=10, members_female=15,
        is_flagship=True,
    )  # fmt: skip
    primary = services.cooperative_register(
        actor=officer_bogor, name="Kopkar Pabrik", region_code="32.71.03.1002", secondary=merged.organization
    )
    k, m = kept.organization, merged.organization
    asep = services.member_save(
        actor=officer_bogor, cooperative=k, member_number="A-1", name="Asep", nik="3271060101800001"
    )
    budi = services.member_save(actor=officer_bogor, cooperative=k, member_number="A-2", name="Budi")
    asep_again = services.member_save(
        actor=officer_bogor, cooperative=m, member_number="A-1", name="Asep S.", nik="3271060101800001"
    )
    cecep = services.member_save(actor=officer_bogor, cooperative=m, member_number="A-2", name="Cecep")
    dedi = services.member_save(actor=officer_bogor, cooperative=m, member_number="A-3", name="Dedi")
    budi_again = services.member_save(actor=officer_bogor, cooperative=m, member_number="A-2-G", name="Budi")
    cluster = services.cluster_save(
        actor=officer_bogor, name="Kampung Talas", commodity="Talas", district_code="32.71.03", flagship=m,
        cooperatives=[m],
    )  # fmt: skip
    shop = services.business_register(actor=officer_bogor, name="Warung Asep", region_code="32.71.03.1002")
    services.business_set_cooperatives(actor=officer_bogor, business=shop, cooperatives=[m])
    pengurus = MembershipFactory(
        user=UserFactory(email="bendahara@sinergi.test"), organization=m, role="pengurus"
    )
    return {
        "kept": kept, "merged": merged, "k": k, "m": m, "primary": primary, "asep": asep, "budi": budi,
        "asep_again": asep_again, "cecep": cecep, "dedi": dedi, "budi_again": budi_again, "cluster": cluster,
        "shop": shop, "pengurus": pengurus, "pair": candidate(k, m, kind="cooperative"),
    }  # fmt: skip


@pytest.mark.django_db
def test_cooperative_merge_moves_members_links_and_numbers(coop_world, officer_bogor):
    w = coop_world
    k, m = w["k"], w["m"]
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=k)
    members = dict(Member.objects.values_list("pk", "cooperative_id"))
    numbers = dict(Member.objects.values_list("pk", "member_number"))
    # Asep is already a member (same NIK): his second row stays with the merged cooperative.
    assert members[w["asep_again"].pk] == m.pk
    # Cecep holds a number the kept cooperative uses for Budi: he moves, suffixed.
    assert (members[w["cecep"].pk], numbers[w["cecep"].pk]) == (k.pk, f"A-2-G{m.pk}")
    assert (members[w["dedi"].pk], numbers[w["dedi"].pk]) == (k.pk, "A-3")
    assert (members[w["budi_again"].pk], numbers[w["budi_again"].pk]) == (k.pk, "A-2-G")
    assert record.moved["members"] == [
        {"id": w["cecep"].pk, "number": "A-2"}, {"id": w["dedi"].pk, "number": None},
        {"id": w["budi_again"].pk, "number": None},
    ]  # fmt: skip
    assert record.moved["members_skipped"] == [{"id": w["asep_again"].pk, "same_as": w["asep"].pk}]
    kept = CooperativeProfile.objects.get(pk=k.pk)
    assert (kept.nik_koperasi, kept.legal_number, kept.legal_key, kept.is_flagship, kept.members_male,
            kept.members_female) == ("3271030010002", "12 / BH / 2001", "12/BH/2001", True, 10, 15)  # fmt: skip
    merged = CooperativeProfile.objects.get(pk=m.pk)
    assert (merged.nik_koperasi, merged.is_flagship) == ("", False)
    assert CooperativeProfile.objects.get(pk=w["primary"].pk).secondary_id == k.pk
    w["cluster"].refresh_from_db()
    assert (w["cluster"].flagship_id, list(w["cluster"].cooperatives.values_list("pk", flat=True))) == (
        k.pk,
        [k.pk],
    )
    assert list(BusinessProfile.objects.get(pk=w["shop"].pk).cooperatives.values_list("pk", flat=True)) == [
        k.pk
    ]
    assert Membership.objects.get(pk=w["pengurus"].pk).organization_id == k.pk
    assert record.moved["cleared"] == {"nik_koperasi": "3271030010002", "is_flagship": True}
    assert record.moved["links"]["secondary"] == [w["primary"].pk]
    assert record.moved["links"]["cluster_flagship"] == [w["cluster"].pk]


@pytest.mark.django_db
def test_cooperative_revert_restores_everything_exactly(coop_world, officer_bogor, admin_bogor):
    before = cooperative_state()
    record = services.duplicate_merge(actor=officer_bogor, candidate=coop_world["pair"], keep=coop_world["k"])
    assert cooperative_state() != before
    services.merge_revert(actor=admin_bogor, merge=record)
    assert cooperative_state() == before


@pytest.mark.django_db
def test_flagship_stays_when_the_kept_kecamatan_has_one(officer_bogor, coop_world):
    w = coop_world
    # Another kecamatan (Bogor Utara) with its own flagship: the kept cooperative moves there first.
    services.cooperative_register(
        actor=officer_bogor, name="KUD Utara", region_code="32.71.04.1001", is_flagship=True
    )
    services.organization_move_request(
        actor=officer_bogor, organization=w["kept"].organization, region_code="32.71.04.1001"
    )
    record = services.duplicate_merge(actor=officer_bogor, candidate=w["pair"], keep=w["k"])
    assert CooperativeProfile.objects.get(pk=w["k"].pk).is_flagship is False
    assert CooperativeProfile.objects.get(pk=w["m"].pk).is_flagship is False
    assert ("is_flagship" in record.moved["filled"], record.moved["cleared"]["is_flagship"]) == (False, True)


@pytest.mark.django_db
def test_merge_history_dates(coop_world, officer_bogor):
    record = services.duplicate_merge(actor=officer_bogor, candidate=coop_world["pair"], keep=coop_world["k"])
    # The office's calendar day, not UTC's: between 17:00 and 24:00 UTC they differ.
    assert timezone.localdate(record.merged_at) == timezone.localdate()


@pytest.mark.django_db
def test_kept_cooperative_secondary_to_its_duplicate_and_taken_suffix(officer_bogor, admin_bogor):
    merged = services.cooperative_register(
        actor=officer_bogor, name="Puskopdit Bogor", region_code="32.71.03.1002", form="sekunder"
    )
    kept = services.cooperative_register(
        actor=officer_bogor,
        name="Puskopdit Kota Bogor",
        region_code="32.71.03.1002",
        secondary=merged.organization,
    )
    k, m = kept.organization, merged.organization
    services.member_save(actor=officer_bogor, cooperative=k, member_number="7", name="Asep")
    services.member_save(actor=officer_bogor, cooperative=k, member_number=f"7-G{m.pk}", name="Budi")
    cecep = services.member_save(actor=officer_bogor, cooperative=m, member_number="7", name="Cecep")
    pair = candidate(k, m, kind="cooperative")
    before = cooperative_state()
    record = services.duplicate_merge(actor=officer_bogor, candidate=pair, keep=k)
    assert CooperativeProfile.objects.get(pk=k.pk).secondary_id is None
    assert record.moved["kept_cleared"] == {"secondary": m.pk}
    assert Member.objects.get(pk=cecep.pk).member_number == f"7-G{m.pk}-2"
    services.merge_revert(actor=admin_bogor, merge=record)
    assert cooperative_state() == before
