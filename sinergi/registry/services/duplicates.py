"""Duplicates (calon duplikat): scanning, merging two records of one party, marking a pair distinct,
and undoing a merge (pembatalan penggabungan).

A merge keeps one organisation and folds the other into it:

- people acting for the merged organisation (keanggotaan) and its business claims move to the
  kept one through accounts.membership_move, which leaves alone a user already acting for it;
- the members (anggota) of a merged cooperative move to the kept cooperative. A member whose NIK is
  already a member of the kept cooperative, or who has the same number and the same name there
  with no NIK to tell them apart, is the same person recorded twice: the row stays with the
  merged cooperative and the merge notes it. Another person holding a number the kept cooperative
  already uses moves with the number suffixed "-G<id of the merged organisation>" (G: gabungan),
  so no number is lost and the original comes back on revert;
- links to Kampung Koperasi clusters (member cooperatives, member businesses, flagship),
  businesses' cooperative memberships (both directions) and primary cooperatives' secondary
  cooperative point at the kept organisation;
- empty fields of the kept profile and organisation are filled from the merged one; a filled
  field is never overwritten. A unique number (NIB, NIK Koperasi) and the flagship mark are taken
  off the merged profile first, so the constraints hold;
- the merged organisation is deactivated with `merged_into` set; it stays for history.

`MergeRecord.moved` lists exactly what moved, was skipped, filled or cleared, so merge_revert puts
everything back: rows that moved return (those deleted since are gone), fields filled are emptied
again unless someone changed them since, and the pair returns to the review queue.

Other open pairs involving the merged organisation are superseded: a pair (merged, X) is carried
over to (kept, X) when the queue has no such pair yet, and otherwise left hidden (the queue shows
no pair with a merged organisation); reverting restores both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.accounts.services import (
    membership_move,
    organization_mark_merged,
    organization_unmerge,
    organization_update,
)
from sinergi.core.audit import audit_record, jsonable
from sinergi.core.jobs import job_create, job_fail, job_finish, job_progress
from sinergi.core.models import Job
from sinergi.registry.duplicates import records, store_candidates
from sinergi.registry.keys import legal_key, name_key
from sinergi.registry.matching import Pair, find_pairs
from sinergi.registry.models import (
    BusinessProfile,
    Cluster,
    CooperativeProfile,
    DuplicateCandidate,
    Member,
    MergeRecord,
)
from sinergi.registry.scale import business_scale
from sinergi.registry.services.common import audit_change
from sinergi.registry.tallies import TallyChange

KINDS = (OrganizationKind.UMKM, OrganizationKind.COOPERATIVE)
SCAN_JOB_KIND = "registry.duplicate_scan"
# Scans of regions with up to this many records run at once; larger ones run as a background job.
SCAN_INLINE_LIMIT = 5_000

# Profile fields a merge may fill on the kept profile; a tuple is filled only all together, and
# only when all of it is empty on the kept profile (a head count of 0 men and 0 women is unknown).
BUSINESS_FILL: list[str | tuple[str, ...]] = [
    "owner_name",
    "owner_nik",
    "owner_gender",
    "nib",
    "kbli",
    "capital",
    "annual_sales",
    "employees",
    "founded_on",
    ("scale_override", "scale_override_reason"),
]
COOPERATIVE_FILL: list[str | tuple[str, ...]] = [
    "nik_koperasi",
    "legal_number",
    "legal_date",
    "amendment_number",
    "amendment_date",
    "cooperative_type",
    "group",
    "kbli",
    "founded_on",
    "last_rat_date",
    "secondary",
    ("members_male", "members_female"),
]
# Unique numbers: taken off the merged profile before the kept one gets them.
UNIQUE_FIELDS = {"nib", "nik_koperasi"}
ORGANIZATION_FILL = ["address", "phone", "email"]


# --- helpers ------------------------------------------------------------------------------------


def _profile_model(kind: str):
    return BusinessProfile if kind == OrganizationKind.UMKM else CooperativeProfile


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError({"kind": _("Jenis duplikat tidak dikenal: %(v)s") % {"v": kind}})


def _require_manage_both(actor, left: Organization, right: Organization) -> None:
    reach = reach_of(actor)
    if not (reach.manages_region(left.region_id) and reach.manages_region(right.region_id)):
        raise PermissionDenied(_("Kedua data harus berada di wilayah kerja Anda."))


def _lock_open(candidate: DuplicateCandidate) -> DuplicateCandidate:
    locked = (
        DuplicateCandidate.objects.select_for_update()
        .select_related("left", "right")
        .filter(pk=candidate.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("Pasangan ini sudah tidak ada."))
    if locked.status != DuplicateCandidate.Status.OPEN:
        raise ValidationError(_("Pasangan ini sudah diputuskan."))
    if locked.left.merged_into_id or locked.right.merged_into_id:
        raise ValidationError(
            _("Salah satu data sudah digabung ke data lain; pasangan ini tidak berlaku lagi.")
        )
    return locked


def _field(model, name: str) -> models.Field:
    return model._meta.get_field(name)


def _empty(field: models.Field) -> Any:
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return field.get_default()


def _is_empty(field: models.Field, value: Any) -> bool:
    return value in (None, "") or value == _empty(field)


# --- scanning -----------------------------------------------------------------------------------


def _require_scan(actor, region: str) -> None:
    reach = reach_of(actor)
    if reach.everything:
        return
    if not region or not reach.manages_region(region):
        raise PermissionDenied(_("Pindai hanya wilayah kerja Anda."))


def duplicate_scan(
    *,
    actor,
    kind: str,
    region: str = "",
    persist: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Pair], int]:
    """Find every likely duplicate pair of `kind` in `region`; store the new ones in the queue.

    Pairs already in the queue, whatever their status, are not added again: a pair marked distinct
    never comes back.
    """
    _check_kind(kind)
    _require_scan(actor, region)
    pairs = find_pairs(records(kind, region=region), progress=progress)
    added = store_candidates(kind, pairs) if persist else 0
    if persist:
        audit_record(
            actor=actor,
            action="duplicate.scan",
            object_type="registry.duplicatecandidate",
            object_repr=f"{kind} {region or '*'}",
            after={"kind": kind, "region": region, "pairs": len(pairs), "added": added},
            region_code=region,
        )
    return pairs, added


@transaction.atomic
def duplicate_scan_start(*, actor, kind: str, region: str) -> Job:
    """Start a scan from the review page: small regions at once, large ones as a background job.

    Either way the work is `duplicate_scan_run` on the job made here; the background task only
    calls it.
    """
    _check_kind(kind)
    _require_scan(actor, region)
    label = _("Pindai duplikat %(kind)s %(region)s") % {
        "kind": OrganizationKind(kind).label,
        "region": region or _("semua wilayah"),
    }
    job = job_create(actor=actor, kind=SCAN_JOB_KIND, label=label, params={"kind": kind, "region": region})
    qs = _profile_model(kind).objects.filter(organization__merged_into__isnull=True)
    if region:
        qs = qs.filter(region_within_q("region_code", region))
    if qs.count() <= SCAN_INLINE_LIMIT:
        duplicate_scan_run(job_id=job.pk)
        job.refresh_from_db()
    else:
        from sinergi.registry.tasks import run_duplicate_scan

        transaction.on_commit(lambda: run_duplicate_scan.enqueue(job.pk))
    return job


def duplicate_scan_run(*, job_id: int) -> dict:
    """Run the scan a job describes, as the person who started it, and keep the job up to date.

    Their reach is checked again: it may have changed while the scan waited in the queue. The job
    follows the blocks as they are compared, then holds the counts and the queue's address; a
    scan that cannot run leaves the job failed with the reason, never stuck "running".
    """
    job = Job.objects.select_related("created_by").get(pk=job_id)
    kind, region = job.params.get("kind", ""), job.params.get("region", "")
    try:
        if job.created_by is None:
            raise PermissionDenied(_("Akun yang memulai pemindaian ini sudah tidak ada."))
        pairs, added = duplicate_scan(
            actor=job.created_by,
            kind=kind,
            region=region,
            progress=lambda done, total: job_progress(job_id, done, total, "blok / blocks"),
        )
    except (ValidationError, PermissionDenied) as exc:
        job_fail(job_id, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        raise
    except Exception:  # the page must show a failure instead of a job stuck "running"
        job_fail(job_id, _("Pemindaian gagal karena kesalahan sistem; hubungi admin."))
        raise
    query = {"kind": kind, "region": region} if region else {"kind": kind}
    result = {
        "kind": kind,
        "region": region,
        "pairs": len(pairs),
        "added": added,
        "next_url": f"{reverse('registry:duplicate_list')}?{urlencode(query)}",
    }
    job_finish(job_id, result)
    return result


# --- deciding a pair ----------------------------------------------------------------------------


@transaction.atomic
def duplicate_mark_distinct(*, actor, candidate: DuplicateCandidate, note: str = "") -> DuplicateCandidate:
    """Two different parties after all: the pair leaves the queue and a later scan does not add it back."""
    locked = _lock_open(candidate)
    _require_manage_both(actor, locked.left, locked.right)
    locked.status = DuplicateCandidate.Status.DISTINCT
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action="duplicate.distinct",
        obj=locked,
        before={"status": DuplicateCandidate.Status.OPEN},
        after={"status": locked.status, "note": (note or "").strip()},
        region_code=locked.region_code,
        organization_id=locked.left_id,
    )
    return locked


def _fill_profile(kept_profile, merged_profile, spec) -> tuple[dict, dict, dict]:
    """Fill the kept profile's empty fields; returns (filled, cleared on merged, derived before)."""
    model = type(kept_profile)
    filled: dict[str, Any] = {}
    cleared: dict[str, Any] = {}
    for item in spec:
        names = item if isinstance(item, tuple) else (item,)
        fields = [_field(model, n) for n in names]
        if not all(_is_empty(f, getattr(kept_profile, f.attname)) for f in fields):
            continue
        if all(_is_empty(f, getattr(merged_profile, f.attname)) for f in fields):
            continue
        for f in fields:
            value = getattr(merged_profile, f.attname)
            if f.name == "secondary" and value == kept_profile.pk:
                break  # the kept cooperative cannot be its own secondary cooperative
            if f.name in UNIQUE_FIELDS:
                cleared[f.name] = value
                setattr(merged_profile, f.attname, _empty(f))
            setattr(kept_profile, f.attname, value)
            filled[f.name] = jsonable(value)
    derived: dict[str, Any] = {}
    if model is BusinessProfile and {"capital", "annual_sales"} & set(filled):
        derived["scale"] = kept_profile.scale
        kept_profile.scale = (
            business_scale(capital=kept_profile.capital, annual_sales=kept_profile.annual_sales) or ""
        )
    if model is CooperativeProfile and "legal_number" in filled:
        derived["legal_key"] = kept_profile.legal_key
        kept_profile.legal_key = legal_key(kept_profile.legal_number)
    return filled, cleared, derived


def _move_flagship(kept_profile, merged_profile) -> tuple[dict, dict]:
    """The flagship mark (koperasi unggulan kecamatan) goes with the cooperative it describes."""
    if not isinstance(kept_profile, CooperativeProfile) or not merged_profile.is_flagship:
        return {}, {}
    merged_profile.is_flagship = False
    cleared = {"is_flagship": True}
    other = (
        CooperativeProfile.objects.filter(district_code=kept_profile.district_code, is_flagship=True)
        .exclude(pk=merged_profile.pk)
        .exists()
    )
    if other:  # the kept cooperative's kecamatan already has its flagship
        return {}, cleared
    kept_profile.is_flagship = True
    return {"is_flagship": True}, cleared


def _move_links(through, owner_field: str, org_field: str, merged_id: int, kept_id: int) -> dict:
    """Re-point many-to-many rows from the merged organisation to the kept one."""
    owners = sorted(through.objects.filter(**{org_field: merged_id}).values_list(owner_field, flat=True))
    if not owners:
        return {"ids": [], "added": []}
    have = set(
        through.objects.filter(**{org_field: kept_id, f"{owner_field}__in": owners}).values_list(
            owner_field, flat=True
        )
    )
    through.objects.filter(**{org_field: merged_id}).delete()
    added = [o for o in owners if o not in have]
    through.objects.bulk_create([through(**{owner_field: o, org_field: kept_id}) for o in added])
    return {"ids": owners, "added": added}


def _restore_links(through, owner_field: str, org_field: str, merged_id: int, kept_id: int, moved: dict):
    through.objects.filter(**{org_field: kept_id, f"{owner_field}__in": moved["added"]}).delete()
    present = set(
        through.objects.filter(**{org_field: merged_id, f"{owner_field}__in": moved["ids"]}).values_list(
            owner_field, flat=True
        )
    )
    through.objects.bulk_create(
        [through(**{owner_field: o, org_field: merged_id}) for o in moved["ids"] if o not in present]
    )


def _link_tables() -> dict[str, tuple]:
    """Each many-to-many table naming organisations: (through model, other side, organisation side)."""
    coops = BusinessProfile.cooperatives.through
    return {
        "cluster_cooperatives": (Cluster.cooperatives.through, "cluster_id", "organization_id"),
        "cluster_businesses": (Cluster.businesses.through, "cluster_id", "organization_id"),
        # Businesses that are members of the merged cooperative …
        "business_cooperatives": (coops, "businessprofile_id", "organization_id"),
        # … and the cooperatives the merged business is a member of.
        "cooperatives_of_business": (coops, "organization_id", "businessprofile_id"),
    }


def _same_person(member: Member, other: Member) -> bool:
    if member.nik and other.nik:
        return member.nik == other.nik
    return name_key(member.name) == name_key(other.name)


def _move_members(merged: Organization, kept: Organization) -> tuple[list[dict], list[dict]]:
    """Members (anggota) of the merged cooperative to the kept one; see the module docstring."""
    kept_members = list(Member.objects.filter(cooperative=kept))
    by_number = {m.member_number: m for m in kept_members}
    by_nik = {m.nik: m for m in kept_members if m.nik}
    moved: list[dict] = []
    skipped: list[dict] = []
    renumbered: list[Member] = []
    for member in Member.objects.select_for_update().filter(cooperative=merged).order_by("pk"):
        twin = by_nik.get(member.nik) if member.nik else None
        clash = by_number.get(member.member_number)
        if twin is not None or (clash is not None and _same_person(member, clash)):
            skipped.append({"id": member.pk, "same_as": (twin or clash).pk})
            continue
        original = None
        if clash is not None:
            original = member.member_number
            suffix = f"-G{merged.pk}"
            number, n = original[: 40 - len(suffix)] + suffix, 1
            while number in by_number:
                n += 1
                tail = f"{suffix}-{n}"
                number = original[: 40 - len(tail)] + tail
            member.member_number = number
            renumbered.append(member)
        by_number[member.member_number] = member
        if member.nik:
            by_nik[member.nik] = member
        moved.append({"id": member.pk, "number": original})
    now = timezone.now()
    for member in renumbered:
        member.cooperative, member.updated_at = kept, now
    Member.objects.bulk_update(renumbered, ["cooperative", "member_number", "updated_at"], batch_size=500)
    plain = [m["id"] for m in moved if m["number"] is None]
    Member.objects.filter(pk__in=plain).update(cooperative=kept, updated_at=now)
    return moved, skipped


def _supersede(candidate: DuplicateCandidate, merged: Organization, kept: Organization) -> tuple[list, list]:
    """Other open pairs with the merged organisation: carried over to the kept one, or hidden."""
    carried: list[list] = []
    hidden: list[int] = []
    others = (
        DuplicateCandidate.objects.select_for_update()
        .filter(Q(left=merged) | Q(right=merged), status=DuplicateCandidate.Status.OPEN)
        .exclude(pk=candidate.pk)
        .order_by("pk")
    )
    profiles = _profile_model(candidate.kind).objects
    for other in others:
        third = other.right_id if other.left_id == merged.pk else other.left_id
        left, right = min(third, kept.pk), max(third, kept.pk)
        if third == kept.pk or DuplicateCandidate.objects.filter(left_id=left, right_id=right).exists():
            hidden.append(other.pk)
            continue
        carried.append([other.pk, other.left_id, other.right_id, other.region_code])
        other.left_id, other.right_id = left, right
        other.region_code = profiles.filter(pk=left).values_list("region_code", flat=True).first() or ""
        other.save(update_fields=["left", "right", "region_code", "updated_at"])
    return carried, hidden


# --- merging ------------------------------------------------------------------------------------


@transaction.atomic
def duplicate_merge(*, actor, candidate: DuplicateCandidate, keep: Organization) -> MergeRecord:
    """Merge the pair: `keep` stays, the other organisation folds into it (see the module docstring).

    Office admins and staff may merge when both records lie in their jurisdiction.
    """
    locked = _lock_open(candidate)
    if keep.pk not in (locked.left_id, locked.right_id):
        raise ValidationError({"keep": _("Pilih salah satu dari kedua data.")})
    kept, merged = (locked.left, locked.right) if keep.pk == locked.left_id else (locked.right, locked.left)
    _require_manage_both(actor, kept, merged)
    if kept.kind != merged.kind or kept.kind != locked.kind:
        raise ValidationError(_("Hanya data sejenis yang dapat digabung."))
    profiles = _profile_model(locked.kind).objects.select_for_update()
    tally = TallyChange().watch_organizations([kept.pk, merged.pk])
    kept_profile = profiles.filter(pk=kept.pk).first()
    merged_profile = profiles.filter(pk=merged.pk).first()
    moved: dict[str, Any] = {"candidate": locked.pk, "kind": locked.kind, "was_active": merged.is_active}

    moved["accounts"] = membership_move(actor=actor, source=merged, target=kept)
    if locked.kind == OrganizationKind.COOPERATIVE:
        moved["members"], moved["members_skipped"] = _move_members(merged, kept)
        if moved["members"] or moved["members_skipped"]:
            audit_change(
                actor,
                "duplicate.merge.members",
                kept_profile or kept,
                kept,
                after={"moved": moved["members"], "skipped": moved["members_skipped"]},
            )

    links = {
        name: _move_links(through, owner, org_field, merged.pk, kept.pk)
        for name, (through, owner, org_field) in _link_tables().items()
    }
    flagship_clusters = sorted(Cluster.objects.filter(flagship=merged).values_list("pk", flat=True))
    Cluster.objects.filter(pk__in=flagship_clusters).update(flagship=kept)
    links["cluster_flagship"] = flagship_clusters
    secondaries = sorted(
        CooperativeProfile.objects.filter(secondary=merged).exclude(pk=kept.pk).values_list("pk", flat=True)
    )
    CooperativeProfile.objects.filter(pk__in=secondaries).update(secondary=kept)
    links["secondary"] = secondaries
    moved["links"] = links
    if any(v["ids"] if isinstance(v, dict) else v for v in links.values()):
        audit_change(actor, "duplicate.merge.links", kept_profile or kept, kept, after=links)

    moved["filled"], moved["cleared"], moved["derived"], moved["kept_cleared"] = {}, {}, {}, {}
    if kept_profile is not None and merged_profile is not None:
        spec = BUSINESS_FILL if locked.kind == OrganizationKind.UMKM else COOPERATIVE_FILL
        filled, cleared, derived = _fill_profile(kept_profile, merged_profile, spec)
        flag_filled, flag_cleared = _move_flagship(kept_profile, merged_profile)
        filled |= flag_filled
        cleared |= flag_cleared
        if isinstance(kept_profile, CooperativeProfile) and kept_profile.secondary_id == merged.pk:
            # The kept cooperative was a primary member of its own duplicate.
            moved["kept_cleared"]["secondary"] = merged.pk
            kept_profile.secondary = None
        if cleared:
            merged_profile.save(update_fields=[*cleared, "updated_at"])
        if filled or moved["kept_cleared"]:
            kept_profile.save(update_fields=[*filled, *derived, *moved["kept_cleared"], "updated_at"])
            audit_change(
                actor,
                "duplicate.merge.fill",
                kept_profile,
                kept,
                before={k: None for k in filled} | moved["kept_cleared"],
                after=filled,
            )
        moved["filled"], moved["cleared"], moved["derived"] = filled, jsonable(cleared), jsonable(derived)

    org_fill = {
        f: getattr(merged, f) for f in ORGANIZATION_FILL if not getattr(kept, f) and getattr(merged, f)
    }
    if org_fill:
        organization_update(actor=actor, organization=kept, **org_fill)
    moved["org_filled"] = org_fill

    organization_mark_merged(actor=actor, organization=merged, into=kept)
    locked.status = DuplicateCandidate.Status.MERGED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    moved["carried_over"], moved["superseded"] = _supersede(locked, merged, kept)
    record = MergeRecord.objects.create(kept=kept, merged=merged, moved=moved, merged_by=actor)
    tally.apply()
    audit_change(
        actor,
        "duplicate.merge",
        record,
        kept,
        before={"candidate": locked.pk, "status": DuplicateCandidate.Status.OPEN},
        after={"kept": kept.pk, "merged": merged.pk, "status": locked.status},
    )
    return record


# --- undoing a merge ----------------------------------------------------------------------------


def _restore_profile(record: MergeRecord, kept: Organization, merged: Organization) -> dict:
    """Empty what the merge filled (unless changed since) and give the merged profile its numbers back."""
    moved = record.moved
    model = _profile_model(moved["kind"])
    kept_profile = model.objects.select_for_update().filter(pk=kept.pk).first()
    merged_profile = model.objects.select_for_update().filter(pk=merged.pk).first()
    emptied: dict[str, Any] = {}
    if kept_profile is not None:
        for name, value in moved["filled"].items():
            field = _field(model, name)
            if jsonable(getattr(kept_profile, field.attname)) == value:
                setattr(kept_profile, field.attname, _empty(field))
                emptied[name] = value
        for name, value in moved["kept_cleared"].items():
            field = _field(model, name)
            if getattr(kept_profile, field.attname) is None:
                setattr(kept_profile, field.attname, value)
                emptied[name] = None
        derived = {}
        if "scale" in moved["derived"]:
            derived["scale"] = (
                business_scale(capital=kept_profile.capital, annual_sales=kept_profile.annual_sales) or ""
            )
        if "legal_key" in moved["derived"]:
            derived["legal_key"] = legal_key(kept_profile.legal_number)
        for name, value in derived.items():
            setattr(kept_profile, name, value)
        if emptied or derived:
            kept_profile.save(update_fields=[*emptied, *derived, "updated_at"])
    if merged_profile is not None and moved["cleared"]:
        for name, value in moved["cleared"].items():
            setattr(merged_profile, _field(model, name).attname, value)
        try:
            with transaction.atomic():
                merged_profile.save(update_fields=[*moved["cleared"], "updated_at"])
        except IntegrityError as exc:
            raise ValidationError(
                _("Nomor atau tanda unggulan data yang digabung kini dipakai data lain; batalkan tidak bisa.")
            ) from exc
    return emptied


def _return_members(items: list[dict], kept: Organization, merged: Organization) -> list[int]:
    """Members the merge moved go back with their original numbers (those deleted since are gone)."""
    originals = {item["id"]: item["number"] for item in items}
    members = list(Member.objects.select_for_update().filter(pk__in=list(originals), cooperative=kept))
    now = timezone.now()
    for member in members:
        member.cooperative, member.updated_at = merged, now
        member.member_number = originals[member.pk] or member.member_number
    try:
        with transaction.atomic():
            Member.objects.bulk_update(
                members, ["cooperative", "member_number", "updated_at"], batch_size=500
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Nomor anggota yang dikembalikan kini dipakai lagi di koperasi asal; batalkan tidak bisa.")
        ) from exc
    return sorted(m.pk for m in members)


@transaction.atomic
def merge_revert(*, actor, merge: MergeRecord) -> MergeRecord:
    """Undo a merge: everything it moved goes back, and the pair returns to the review queue.

    Only office admins of both organisations' regions and superusers may.
    """
    record = MergeRecord.objects.select_for_update().select_related("kept", "merged").get(pk=merge.pk)
    kept, merged = record.kept, record.merged
    reach = reach_of(actor)
    if not (reach.administers_region(kept.region_id) and reach.administers_region(merged.region_id)):
        raise PermissionDenied(_("Hanya admin dinas yang dapat membatalkan penggabungan."))
    if record.reverted_at is not None:
        raise ValidationError(_("Penggabungan ini sudah dibatalkan."))
    if merged.merged_into_id != kept.pk:
        raise ValidationError(_("Data yang digabung sudah berubah; penggabungan ini tidak dapat dibatalkan."))
    if kept.merged_into_id is not None:
        raise ValidationError(
            _("Data yang dipertahankan sudah digabung lagi; batalkan penggabungan itu dulu.")
        )
    moved = record.moved
    carried = DuplicateCandidate.objects.select_for_update().filter(
        pk__in=[c[0] for c in moved["carried_over"]]
    )
    if carried.exclude(status=DuplicateCandidate.Status.OPEN).exists():
        raise ValidationError(
            _("Pasangan lanjutan dari penggabungan ini sudah diputuskan; batalkan keputusan itu dulu.")
        )

    for pk, left, right, region_code in moved["carried_over"]:
        DuplicateCandidate.objects.filter(pk=pk).update(
            left_id=left, right_id=right, region_code=region_code, updated_at=timezone.now()
        )
    tally = TallyChange().watch_organizations([kept.pk, merged.pk])
    organization_unmerge(actor=actor, organization=merged, is_active=moved["was_active"])
    emptied = _restore_profile(record, kept, merged)
    tally.apply()

    for name, (through, owner, org_field) in _link_tables().items():
        _restore_links(through, owner, org_field, merged.pk, kept.pk, moved["links"][name])
    Cluster.objects.filter(pk__in=moved["links"]["cluster_flagship"], flagship=kept).update(flagship=merged)
    CooperativeProfile.objects.filter(pk__in=moved["links"]["secondary"], secondary=kept).update(
        secondary=merged
    )

    returned = _return_members(moved.get("members", []), kept, merged)

    accounts = moved["accounts"]
    membership_move(
        actor=actor,
        source=kept,
        target=merged,
        membership_ids=accounts["memberships"],
        claim_ids=accounts["claims"],
    )
    org_restore = {f: "" for f, v in moved["org_filled"].items() if getattr(kept, f) == v}
    if org_restore:
        organization_update(actor=actor, organization=kept, **org_restore)

    DuplicateCandidate.objects.filter(pk=moved["candidate"]).update(
        status=DuplicateCandidate.Status.OPEN, decided_by=None, decided_at=None, updated_at=timezone.now()
    )
    record.reverted_by = actor
    record.reverted_at = timezone.now()
    record.save(update_fields=["reverted_by", "reverted_at"])
    audit_change(
        actor,
        "duplicate.merge_revert",
        record,
        kept,
        before={"kept": kept.pk, "merged": merged.pk},
        after={"members": returned, "emptied": emptied, "candidate": moved["candidate"]},
    )
    return record
