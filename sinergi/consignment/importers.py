"""Import of an outlet's daily sales from a sheet (XLSX, ODS or CSV), with a dry run.

Columns: tanggal, produk (name or id), jumlah, harga ("-" for the agreed price), cara bayar
(tunai / QRIS / transfer), referensi ("-" for none). Each line is one sale through `sale_record`,
so the same rules and stock checks apply as at the till.

Like the registry import, valid lines apply and rejected ones are listed with their line number and
reason; nothing is silently dropped. Each line's device id is derived from the file's content and
the line, so importing the same file again records nothing twice. A dry run does the whole import
inside a transaction that is rolled back: it reports exactly what a real run would do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.consignment import access, selectors
from sinergi.consignment.services import InsufficientStock, LineIn, sale_record
from sinergi.core.money import MoneyError, parse_money
from sinergi.registry.cells import is_placeholder
from sinergi.registry.importers.sheets import SheetError, read_sheet

COLUMNS = ("tanggal", "produk", "jumlah", "harga", "cara bayar", "referensi")
PAYMENTS = {"tunai": "cash", "cash": "cash", "qris": "qris", "transfer": "transfer", "tf": "transfer"}
MAX_LINES = 5000


@dataclass
class SalesImportReport:
    dry_run: bool
    recorded: int = 0
    already: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def sales_import(*, actor, outlet, path: str | Path, dry_run: bool = True) -> SalesImportReport:
    """Import the sheet's sales into the outlet; see the module's docstring."""
    if not access.runs_outlet(actor, outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat mengimpor penjualan."))
    path = Path(path)
    try:
        sheet = read_sheet(path)
    except SheetError as exc:
        raise ValidationError({"file": str(exc)}) from None
    headers = [_text(h).lower() for h in sheet.headers]
    missing = [c for c in COLUMNS[:3] if c not in headers]
    if missing:
        raise ValidationError(
            {"file": _("Kolom wajib tidak ada: {columns}.").format(columns=", ".join(missing))}
        )
    where = {name: headers.index(name) for name in COLUMNS if name in headers}
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    products = selectors.sellable(outlet.pk)
    by_name = {p["name"].strip().lower(): p["id"] for p in products}
    by_id = {p["id"] for p in products}
    report = SalesImportReport(dry_run=dry_run)
    with transaction.atomic():
        for offset, row in enumerate(sheet.rows):
            line = sheet.first_line + offset
            if offset >= MAX_LINES:
                report.rejected.append((line, _("Paling banyak {n} baris per berkas.").format(n=MAX_LINES)))
                break
            cell = {name: (row[i] if i < len(row) else None) for name, i in where.items()}
            if all(is_placeholder(v) or v in (None, "") for v in cell.values()):
                continue
            try:
                sold_on = _date(cell["tanggal"])
            except (ValueError, TypeError):
                report.rejected.append((line, _("Tanggal tidak terbaca.")))
                continue
            name = _text(cell["produk"])
            pid = int(name) if name.isdigit() and int(name) in by_id else by_name.get(name.lower())
            if pid is None:
                report.rejected.append(
                    (line, _("Produk “{name}” tidak dititipkan di gerai ini.").format(name=name))
                )
                continue
            try:
                qty = int(float(_text(cell["jumlah"])))
            except ValueError:
                report.rejected.append((line, _("Jumlah tidak terbaca.")))
                continue
            price = None
            raw_price = cell.get("harga")
            if raw_price not in (None, "") and not is_placeholder(raw_price, zero=False):
                try:
                    price = parse_money(raw_price)
                except MoneyError:
                    report.rejected.append((line, _("Harga tidak terbaca.")))
                    continue
            method = PAYMENTS.get(_text(cell.get("cara bayar")).lower() or "tunai")
            if method is None:
                report.rejected.append((line, _("Cara bayar harus tunai, QRIS atau transfer.")))
                continue
            reference = cell.get("referensi")
            reference = "" if reference in (None, "") or is_placeholder(reference) else _text(reference)
            try:
                with transaction.atomic():
                    _sale, created = sale_record(
                        actor=actor,
                        outlet=outlet,
                        client_id=f"impor-{digest}-{line}",
                        lines=[LineIn(pid, qty, price)],
                        paid_with=method,
                        reference=reference,
                        sold_on=sold_on,
                    )
            except InsufficientStock as exc:
                report.rejected.append(
                    (line, _("Stok tidak cukup: tersedia {qty}.").format(qty=exc.available[pid]))
                )
                continue
            except ValidationError as exc:
                report.rejected.append((line, " ".join(exc.messages)))
                continue
            if created:
                report.recorded += 1
            else:
                report.already += 1
        if dry_run:
            transaction.set_rollback(True)
    return report
