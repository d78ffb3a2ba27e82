"""Duplicate review pages: the queue, the compare page with merge and "distinct", scans, merge history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.privacy import organization_contact
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import object_timeline
from sinergi.core.htmx import render_page
from sinergi.core.paging import page_of
from sinergi.regions.widgets import RegionPickerWidget
from sinergi.registry import privacy, selectors, services
from sinergi.registry.filters import CooperativeFilters
from sinergi.registry.forms import KIND_CHOICES, DistinctForm, ScanForm
from sinergi.registry.models import BusinessProfile, CooperativeProfile, DuplicateCandidate
from sinergi.registry.views.common import picker_root, require_officer


def _is_writer(user) -> bool:
    return reach_of(user).is_office_writer


def _is_admin(user) -> bool:
    return reach_of(user).is_office_admin


def explain_reasons(reasons: dict, *, kind: str, same_district: bool) -> list[dict]:
    """The parts of a match score in words, each marked as evidence for or against one party."""
    number = _("NIB") if kind == OrganizationKind.UMKM else _("NIK Koperasi")
    lines: list[dict] = []

    def add(text: str, tone: str) -> None:
        lines.append({"text": text, "tone": tone})

    if "name" in reasons:
        value = float(reasons["name"])
        add(
            _("Nama mirip %(v)s%%: setiap kata pembeda nama yang lebih pendek ada di nama lainnya.")
            % {"v": f"{value:.0f}"}
            if value >= 85
            else _("Nama hanya mirip %(v)s%%.") % {"v": f"{value:.0f}"},
            "for" if value >= 85 else "against",
        )
    if reasons.get("number") == "same":
        add(_("%(n)s sama.") % {"n": number}, "for")
    elif reasons.get("number") == "different":
        add(_("%(n)s berbeda: dua badan usaha.") % {"n": number}, "against")
    if reasons.get("legal") == "same":
        add(_("Nomor badan hukum sama (nomor lama kadang dipakai lebih dari satu koperasi)."), "for")
    elif reasons.get("legal") == "different":
        add(_("Nomor badan hukum berbeda."), "against")
    if reasons.get("legal_date") == "same":
        add(_("Tanggal badan hukum sama."), "for")
    elif reasons.get("legal_date") == "different":
        add(_("Tanggal badan hukum berbeda."), "against")
    if reasons.get("tier") == "different":
        add(_("Yang satu koperasi primer, yang lain koperasi sekunder."), "against")
    if reasons.get("group") == "different":
        add(_("Nama menyebut kelompok anggota yang berbeda (misalnya Kopkar dan KPRI)."), "against")
    if reasons.get("owner_nik") == "same":
        add(_("NIK pemilik sama."), "for")
    elif reasons.get("owner_nik") == "different":
        add(_("NIK pemilik berbeda: dua pemilik."), "against")
    if reasons.get("phone") == "same":
        add(_("Nomor WhatsApp sama."), "for")
    elif reasons.get("phone") == "different":
        add(_("Nomor WhatsApp berbeda."), "against")
    if "owner" in reasons:
        value = float(reasons["owner"])
        add(
            _("Nama pemilik mirip %(v)s%%.") % {"v": f"{value:.0f}"},
            "for" if value >= 90 else "against",
        )
    if "address" in reasons:
        value = float(reasons["address"])
        add(_("Alamat mirip %(v)s%%.") % {"v": f"{value:.0f}"}, "for" if value >= 75 else "against")
    if reasons.get("district") == "different" or not same_district:
        add(_("Kecamatan berbeda."), "against")
    else:
        add(_("Kecamatan sama."), "for")
    return lines


def _personal(user, side: dict) -> dict:
    """What `user` may see of one record's personal data, as the registry's presenter decides it: an
    UMKM owner's NIK, address, phone and e-mail; a cooperative's contact is its own, not a person's."""
    org, profile = side["org"], side["profile"]
    if org.kind == OrganizationKind.UMKM and profile is not None:
        shown = privacy.business_personal(user, profile)
        return {"owner_nik": shown.owner_nik, "address": shown.address, "phone": shown.phone,
                "email": shown.email, "masked": shown.masked}  # fmt: skip
    contact = organization_contact(user, org)
    return {"owner_nik": "", "address": contact.address, "phone": contact.phone, "email": contact.email,
            "masked": contact.masked}  # fmt: skip


def _compare_rows(kind: str, left: dict, right: dict) -> list[dict]:
    """Field by field, both records; personal data as the presenter shows it (`side["personal"]`)."""

    def value(side: dict, key: str) -> str:
        org, profile = side["org"], side["profile"]
        if key == "name":
            return org.name
        if key == "region":
            return f"{org.region.path} ({org.region_id})"
        if key in ("owner_nik", "address", "phone", "email"):
            return side["personal"][key]
        if profile is None:
            return ""
        if key in ("capital", "annual_sales"):
            amount = getattr(profile, key)
            return "" if amount is None else f"Rp {amount:,.0f}".replace(",", ".")
        display = getattr(profile, f"get_{key}_display", None)
        result = display() if display else getattr(profile, key)
        return "" if result is None else str(result)

    if kind == OrganizationKind.UMKM:
        fields = [
            ("name", _("Nama usaha")), ("owner_name", _("Pemilik")), ("owner_nik", _("NIK pemilik")),
            ("nib", _("NIB")), ("kbli", _("KBLI")), ("phone", _("WhatsApp")), ("email", _("Email")),
            ("address", _("Alamat")), ("region", _("Wilayah")), ("capital", _("Modal usaha")),
            ("annual_sales", _("Omzet per tahun")), ("founded_on", _("Berdiri")), ("status", _("Status")),
        ]  # fmt: skip
    else:
        fields = [
            ("name", _("Nama koperasi")), ("nik_koperasi", _("NIK Koperasi")), ("legal_number", _("Badan hukum")),
            ("cooperative_type", _("Jenis")), ("group", _("Kelompok")), ("phone", _("WhatsApp")),
            ("email", _("Email")), ("address", _("Alamat")), ("region", _("Wilayah")),
            ("last_rat_date", _("RAT terakhir")), ("status", _("Status")),
        ]  # fmt: skip
    rows = []
    for key, label in fields:
        a, b = value(left, key), value(right, key)
        rows.append(
            {"label": label, "left": a or "–", "right": b or "–", "differs": bool(a and b and a != b)}
        )
    return rows


@login_required
def duplicate_list(request):
    require_officer(request.user)
    params = request.GET
    kind, status = params.get("kind", ""), params.get("status", "open")
    # The region picker sends its deepest level; the filter dataclass reads and checks it.
    region = CooperativeFilters.from_params(params).region
    qs = selectors.duplicate_list(user=request.user, kind=kind, status=status, region=region)
    root = picker_root(request.user)
    context = {
        "page": page_of(qs, params.get("page")),
        "kind": kind,
        "status": status,
        "kinds": KIND_CHOICES,
        "statuses": DuplicateCandidate.Status.choices,
        "region_picker": RegionPickerWidget(root=root, depth=3).render("region", region or None),
        "scan_form": ScanForm(root=root) if _is_writer(request.user) else None,
        "is_admin": _is_admin(request.user),
    }
    return render_page(request, "registry/duplicate_list.html", context, partial="rows")


@login_required
def duplicate_detail(request, pk: int):
    require_officer(request.user)
    candidate = selectors.access_duplicate(user=request.user, pk=pk)
    compare = selectors.duplicate_compare(user=request.user, candidate=candidate)
    left, right = compare["left"], compare["right"]
    for side in (left, right):
        side["personal"] = _personal(request.user, side)
    reach = reach_of(request.user)
    live = not (candidate.left.merged_into_id or candidate.right.merged_into_id)
    context = {
        "candidate": candidate,
        "left": left,
        "right": right,
        "rows": _compare_rows(candidate.kind, left, right),
        "reasons": explain_reasons(
            candidate.reasons,
            kind=candidate.kind,
            same_district=candidate.left.region_id[:8] == candidate.right.region_id[:8],
        ),
        "can_decide": candidate.status == DuplicateCandidate.Status.OPEN
        and live
        and reach.manages_region(candidate.left.region_id)
        and reach.manages_region(candidate.right.region_id),
        "superseded": candidate.status == DuplicateCandidate.Status.OPEN and not live,
        "merge": compare["merge"],
        "is_admin": _is_admin(request.user),
        "distinct_form": DistinctForm(),
        "timeline": object_timeline(user=request.user, obj=candidate)[:10],
    }
    response = render(request, "registry/duplicate_detail.html", context)
    response["Cache-Control"] = "private, no-store"  # personal data: never kept by a browser or a proxy
    return response


@login_required
@require_POST
def duplicate_merge(request, pk: int):
    require_officer(request.user)
    candidate = selectors.access_duplicate(user=request.user, pk=pk)
    keep_id = request.POST.get("keep", "")
    if keep_id not in (str(candidate.left_id), str(candidate.right_id)):
        messages.error(request, _("Pilih data yang dipertahankan."))
        return redirect("registry:duplicate_detail", pk=pk)
    keep = candidate.left if keep_id == str(candidate.left_id) else candidate.right
    try:
        record = services.duplicate_merge(actor=request.user, candidate=candidate, keep=keep)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registry:duplicate_detail", pk=pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
        return redirect("registry:duplicate_detail", pk=pk)
    messages.success(
        request,
        _("%(merged)s digabung ke %(kept)s.") % {"merged": record.merged.name, "kept": record.kept.name},
    )
    return redirect(f"{reverse('registry:duplicate_list')}?kind={candidate.kind}")


@login_required
@require_POST
def duplicate_distinct(request, pk: int):
    require_officer(request.user)
    candidate = selectors.access_duplicate(user=request.user, pk=pk)
    form = DistinctForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.duplicate_mark_distinct(actor=request.user, candidate=candidate, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registry:duplicate_detail", pk=pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
        return redirect("registry:duplicate_detail", pk=pk)
    messages.success(request, _("Ditandai berbeda; pasangan ini tidak akan muncul lagi."))
    return redirect(f"{reverse('registry:duplicate_list')}?kind={candidate.kind}")


@login_required
@require_POST
def duplicate_scan(request):
    if not _is_writer(request.user):
        raise PermissionDenied
    root = picker_root(request.user)
    form = ScanForm(request.POST, root=root)
    if not form.is_valid():
        messages.error(request, _("Pilih jenis data dan wilayah yang akan dipindai."))
        return redirect("registry:duplicate_list")
    kind, region = form.cleaned_data["kind"], form.cleaned_data["scan_region"] or root or ""
    try:
        job = services.duplicate_scan_start(actor=request.user, kind=kind, region=region)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])) or _("Akses ditolak."))
        return redirect("registry:duplicate_list")
    if not job.finished:
        return redirect("job_detail", pk=job.pk)
    messages.success(
        request,
        _("Pemindaian selesai: %(pairs)s pasangan mirip, %(added)s baru masuk antrean.")
        % {"pairs": job.result.get("pairs", 0), "added": job.result.get("added", 0)},
    )
    return redirect(job.result.get("next_url") or reverse("registry:duplicate_list"))


@login_required
def merge_list(request):
    if not _is_admin(request.user):
        raise PermissionDenied
    page = page_of(selectors.merge_list(user=request.user), request.GET.get("page"))
    return render(request, "registry/duplicate_merges.html", {"page": page})


@login_required
def merge_detail(request, pk: int):
    if not _is_admin(request.user):
        raise PermissionDenied
    merge = selectors.access_merge(user=request.user, pk=pk)
    moved = merge.moved
    links = moved.get("links", {})
    accounts = moved.get("accounts", {})
    summary = [
        (_("Pengguna yang dipindahkan"), len(accounts.get("memberships", []))),
        (_("Pengguna yang sudah terdaftar di data yang dipertahankan"), len(accounts.get("memberships_skipped", []))),
        (_("Klaim usaha yang dipindahkan"), len(accounts.get("claims", []))),
        (_("Anggota koperasi yang dipindahkan"), len(moved.get("members", []))),
        (_("Anggota dengan nomor diberi akhiran"), sum(1 for m in moved.get("members", []) if m["number"])),
        (_("Anggota yang sama (tidak dipindahkan)"), len(moved.get("members_skipped", []))),
        (_("Klaster (anggota koperasi)"), len(links.get("cluster_cooperatives", {}).get("ids", []))),
        (_("Klaster (anggota UMKM)"), len(links.get("cluster_businesses", {}).get("ids", []))),
        (_("Klaster (koperasi unggulan)"), len(links.get("cluster_flagship", []))),
        (_("UMKM anggota koperasi"), len(links.get("business_cooperatives", {}).get("ids", []))),
        (_("Koperasi tempat UMKM menjadi anggota"), len(links.get("cooperatives_of_business", {}).get("ids", []))),
        (_("Koperasi primer dengan koperasi sekunder ini"), len(links.get("secondary", []))),
        (_("Pasangan lain dialihkan ke data yang dipertahankan"), len(moved.get("carried_over", []))),
        (_("Pasangan lain yang tidak berlaku lagi"), len(moved.get("superseded", []))),
    ]  # fmt: skip
    profile_model = BusinessProfile if moved.get("kind") == OrganizationKind.UMKM else CooperativeProfile
    filled = [profile_model._meta.get_field(name).verbose_name for name in moved.get("filled", {})]
    filled += [Organization._meta.get_field(name).verbose_name for name in moved.get("org_filled", {})]
    context = {
        "merge": merge,
        "summary": summary,
        "filled": filled,
        "can_revert": merge.reverted_at is None and merge.merged.merged_into_id == merge.kept_id,
    }
    return render(request, "registry/duplicate_merge_detail.html", context)


@login_required
@require_POST
def merge_revert(request, pk: int):
    if not _is_admin(request.user):
        raise PermissionDenied
    merge = selectors.access_merge(user=request.user, pk=pk)
    try:
        services.merge_revert(actor=request.user, merge=merge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    else:
        messages.success(request, _("Penggabungan dibatalkan; kedua data kembali seperti semula."))
    return redirect("registry:merge_detail", pk=pk)
