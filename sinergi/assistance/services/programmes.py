"""Programmes and their packages, and the cycle steps that close applications and the programme."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.assistance import access
from sinergi.assistance.models import (
    Criterion,
    Cycle,
    Package,
    Programme,
)
from sinergi.assistance.services.common import (
    _locked,
    _require_run,
    _step,
    audit,
    normalize_space,
)
from sinergi.core.audit import snapshot

# --- programmes -------------------------------------------------------------------------------


def _weights(weights: dict) -> dict[str, str]:
    clean = {}
    for name, raw in (weights or {}).items():
        if name not in Criterion.values:
            raise ValidationError({"weights": _("Kriteria tidak dikenal.")})
        try:
            value = Decimal(str(raw))
        except Exception:
            raise ValidationError({"weights": _("Bobot harus angka.")}) from None
        if not value.is_finite() or value < 0 or value > 100:
            raise ValidationError({"weights": _("Bobot harus antara 0 dan 100.")})
        if value:
            clean[name] = str(value.normalize() if value == value.to_integral() else value)
    if not clean:
        raise ValidationError({"weights": _("Beri bobot pada paling sedikit satu kriteria.")})
    return {name: clean[name] for name in Criterion.values if name in clean}


def _targets(codes) -> list[str]:
    from sinergi.regions.models import Region

    codes = sorted({c.strip() for c in codes if c and c.strip()})
    if not codes:
        raise ValidationError({"target_regions": _("Pilih paling sedikit satu wilayah sasaran.")})
    known = set(Region.objects.filter(pk__in=codes).values_list("pk", flat=True))
    unknown = [c for c in codes if c not in known or c.count(".") < 1]
    if unknown:
        raise ValidationError(
            {"target_regions": _("Kode wilayah tidak dikenal: %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    return codes


def _check_programme(values: dict) -> dict:
    if values["closes_on"] < values["opens_on"]:
        raise ValidationError({"closes_on": _("Pendaftaran ditutup sesudah dibuka.")})
    if (
        values["budget"] is None
        or values["budget"] <= 0
        or values["budget"] != values["budget"].to_integral()
    ):
        raise ValidationError({"budget": _("Anggaran harus rupiah utuh lebih dari nol.")})
    if values.get("amount_due") is None or values["amount_due"] < 0:
        raise ValidationError({"amount_due": _("Angsuran tidak boleh negatif.")})
    supplier = values.get("supplier")
    if supplier is not None and supplier.kind != OrganizationKind.COOPERATIVE:
        raise ValidationError({"supplier": _("Pemasok harus koperasi.")})
    values["target_regions"] = _targets(values["target_regions"])
    values["weights"] = _weights(values["weights"])
    values["name"] = normalize_space(values["name"])
    if not values["name"]:
        raise ValidationError({"name": _("Nama program wajib diisi.")})
    return values


@transaction.atomic
def programme_create(
    *,
    actor,
    organization: Organization,
    name: str,
    budget: Decimal,
    opens_on: dt.date,
    closes_on: dt.date,
    target_regions: list[str],
    weights: dict,
    max_scale: str = "mikro",
    min_months_operating: int = 12,
    aided_within_months: int = 24,
    check_nik: bool = True,
    revolving_fund: bool = False,
    amount_due: Decimal = Decimal(0),
    supplier: Organization | None = None,
    grievance_days: int = 14,
) -> Programme:
    """Open a programme run by a cooperative or an office, with applications open from `opens_on`."""
    if organization.kind not in access.RUNNER_KINDS:
        raise ValidationError({"organization": _("Program dijalankan oleh koperasi atau dinas.")})
    if not access.may_run_for(actor, organization):
        raise PermissionDenied(_("Anda tidak menjalankan program untuk organisasi ini."))
    values = _check_programme(
        dict(
            name=name, budget=budget, opens_on=opens_on, closes_on=closes_on, target_regions=target_regions,
            weights=weights, max_scale=max_scale, min_months_operating=min_months_operating,
            aided_within_months=aided_within_months, check_nik=check_nik, revolving_fund=revolving_fund,
            amount_due=amount_due if revolving_fund else Decimal(0), supplier=supplier,
            grievance_days=grievance_days,
        )
    )  # fmt: skip
    if max_scale not in ("mikro", "kecil"):
        raise ValidationError({"max_scale": _("Pilih usaha mikro atau usaha mikro dan kecil.")})
    region = (
        organization.jurisdiction_id
        if organization.kind == OrganizationKind.GOVERNMENT
        else organization.region_id
    )
    programme = Programme.objects.create(organization=organization, region_code=region, **values)
    audit(
        actor=actor,
        action="programme.create",
        obj=programme,
        after=snapshot(programme),
        organization_id=organization.pk,
    )
    return programme


@transaction.atomic
def package_add(
    *, actor, programme: Programme, name: str, unit_cost: Decimal, stock: int, items: str = ""
) -> Package:
    """Add a package (goods, unit cost, stock) while applications are open."""
    _require_run(actor, programme)
    programme = _locked(programme)
    if programme.cycle != Cycle.OPEN:
        raise ValidationError({"cycle": _("Paket hanya ditambah selama pendaftaran dibuka.")})
    name = normalize_space(name)
    if not name:
        raise ValidationError({"name": _("Nama paket wajib diisi.")})
    if unit_cost is None or unit_cost <= 0 or unit_cost != unit_cost.to_integral():
        raise ValidationError({"unit_cost": _("Harga satuan harus rupiah utuh lebih dari nol.")})
    if stock is None or stock < 1:
        raise ValidationError({"stock": _("Stok paling sedikit 1.")})
    package = Package.objects.create(
        programme=programme, name=name, unit_cost=unit_cost, stock=stock, items=items.strip()
    )
    audit(
        actor=actor,
        action="package.add",
        obj=package,
        after=snapshot(package),
        region_code=programme.region_code,
    )
    return package


@transaction.atomic
def applications_close(*, actor, programme: Programme) -> Programme:
    """Close the applications: the committee may then run the selection."""
    _require_run(actor, programme)
    programme = _locked(programme)
    _step("close_applications", programme)
    programme.cycle = Cycle.CLOSED
    programme.save(update_fields=["cycle", "updated_at"])
    audit(
        actor=actor,
        action="programme.close_applications",
        obj=programme,
        before={"cycle": "open"},
        after={"cycle": "closed"},
    )
    return programme


@transaction.atomic
def programme_finish(*, actor, programme: Programme) -> Programme:
    """Close the programme once monitoring runs; its outcomes stay readable."""
    _require_run(actor, programme)
    programme = _locked(programme)
    _step("finish", programme)
    before = programme.cycle
    programme.cycle = Cycle.FINISHED
    programme.save(update_fields=["cycle", "updated_at"])
    audit(
        actor=actor,
        action="programme.finish",
        obj=programme,
        before={"cycle": before},
        after={"cycle": "finished"},
    )
    return programme
