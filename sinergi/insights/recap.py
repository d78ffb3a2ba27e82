"""The monthly recap (rekapitulasi bulanan) of a place for an office: what it says, the PDF for the
head of office, the XLSX in the layout of the ministry's cooperative data report, and the services
that request and generate them.

Every number comes from the slices' tallies through `insights.dashboard`, so a recap shows the
register as it stands when the recap is generated; the month names the reporting period.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from sinergi.accounts.models import Organization
from sinergi.accounts.selectors import letterhead_context
from sinergi.core.audit import audit_record
from sinergi.core.jobs import job_create, job_failure_recorded, job_finish, job_progress, job_start
from sinergi.insights import access
from sinergi.insights import dashboard as board
from sinergi.insights.models import RecapReport
from sinergi.regions.codes import code_within
from sinergi.regions.models import Region
from sinergi.registry.models import CooperativeStatus
from sinergi.registry.rules import on_register
from sinergi.registry.selectors_tallies import cooperative_tally

MONTHS = (
    gettext_lazy("Januari"),
    gettext_lazy("Februari"),
    gettext_lazy("Maret"),
    gettext_lazy("April"),
    gettext_lazy("Mei"),
    gettext_lazy("Juni"),
    gettext_lazy("Juli"),
    gettext_lazy("Agustus"),
    gettext_lazy("September"),
    gettext_lazy("Oktober"),
    gettext_lazy("November"),
    gettext_lazy("Desember"),
)
# Statuses the ministry's report counts as "tidak aktif": inactive and frozen cooperatives.
INACTIVE = (CooperativeStatus.TIDAK_AKTIF, CooperativeStatus.DIBEKUKAN)


def month_name(month: dt.date) -> str:
    """ "Mei 2026"."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def long_date(day: dt.date) -> str:
    """ "05 Desember 2026", as a letter is dated."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_month(today: dt.date | None = None) -> dt.date:
    """The first day of the month before `today`'s: the month a recap covers by default."""
    today = today or timezone.localdate()
    return first_of_month(first_of_month(today) - dt.timedelta(days=1))


# --- who may do what ----------------------------------------------------------------------


# The predicates live in `insights.access`; named here too for the pages and tests that use them.
offices_of = access.offices_of
may_view_recaps = access.may_view_recaps
may_generate_recap = access.may_generate_recap


def recap_list(*, user, office: Organization):
    if not may_view_recaps(user, office):
        raise PermissionDenied
    return RecapReport.objects.filter(office=office).select_related("job", "created_by")


def access_recap(*, user, pk) -> RecapReport:
    """A recap is seen by the people of the office it was made for."""
    from django.http import Http404

    try:
        recap = RecapReport.objects.select_related("office").get(pk=int(pk))
    except (RecapReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not may_view_recaps(user, recap.office):
        raise Http404
    return recap


# --- what the recap says ----------------------------------------------------------------------


def cooperative_rows(code: str) -> list[dict]:
    """The cooperative table of the ministry's report, one row per place one level below `code`:
    registered, active, inactive, unknown, members by sex and cooperatives with a RAT."""
    if len(code) == 13:  # a village has no places below it
        return []
    rows: dict[str, dict] = {}
    for item in cooperative_tally(region=code, by=("place", "status")):
        if not on_register(item["status"]):
            continue
        row = rows.setdefault(
            item["place"],
            {"code": item["place"], "registered": 0, "active": 0, "inactive": 0, "unknown": 0,
             "male": 0, "female": 0, "unspecified": 0, "members": 0, "with_rat": 0},
        )  # fmt: skip
        row["registered"] += item["count"]
        if item["status"] == CooperativeStatus.AKTIF:
            row["active"] += item["count"]
        elif item["status"] in INACTIVE:
            row["inactive"] += item["count"]
        else:
            row["unknown"] += item["count"]
        row["male"] += item["members_male"]
        row["female"] += item["members_female"]
        row["unspecified"] += item["members_unspecified"]
        row["members"] += item["members_male"] + item["members_female"] + item["members_unspecified"]
        row["with_rat"] += item["with_rat"]
    names = dict(Region.objects.filter(code__in=list(rows)).values_list("code", "name"))
    for row in rows.values():
        row["name"] = names.get(row["code"], row["code"])
    return sorted(rows.values(), key=lambda r: r["name"])


def _total(rows: list[dict], keys) -> dict:
    return {key: sum((row[key] for row in rows), Decimal(0) if key == "omzet" else 0) for key in keys}


COOPERATIVE_KEYS = (
    "registered",
    "active",
    "inactive",
    "unknown",
    "male",
    "female",
    "unspecified",
    "members",
    "with_rat",
)
PLACE_KEYS = ("kop_terdaftar", "kop_aktif", "anggota", "umkm", "umkm_aktif", "tenaga_kerja", "omzet")


def recap_content(
    office: Organization, region_code: str, month: dt.date, *, today: dt.date | None = None
) -> dict:
    """Everything a recap shows: the letterhead, the place, the figures and the tables."""
    region = Region.objects.get(code=region_code)
    cooperatives = board.cooperative_figures(None, region_code)
    businesses = board.business_figures(None, region_code)
    coop_rows = cooperative_rows(region_code)
    places = board.place_rows(None, region_code)
    today = today or timezone.localdate()
    return {
        "office": office,
        **letterhead_context(office),
        "region": region,
        "region_code": region_code,
        "month": month,
        "month_name": month_name(month),
        "title": _("Rekapitulasi Koperasi dan UMKM — %(place)s — %(month)s")
        % {"place": region.name, "month": month_name(month)},
        "child_level_name": board.CHILD_NAMES.get(len(region_code), ""),
        "cooperatives": cooperatives,
        "businesses": businesses,
        "cooperative_rows": coop_rows,
        "cooperative_total": _total(coop_rows, COOPERATIVE_KEYS),
        "places": places,
        "places_total": _total(places, PLACE_KEYS),
        "comparisons": board.comparisons(None, region_code, cooperatives, businesses),
        "today": today,
        "dated": long_date(today),
    }


# --- the files ------------------------------------------------------------------------------


def recap_html(content: dict) -> str:
    return render_to_string("insights/recap/pdf.html", content)


def recap_pdf(content: dict) -> bytes:
    import weasyprint  # imported on use: it loads system libraries the rest of the app never needs

    return weasyprint.HTML(string=recap_html(content), base_url=str(settings.BASE_DIR)).write_pdf()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet would evaluate (a place named "=..." or "-...") is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def recap_xlsx(content: dict) -> bytes:
    """The recap workbook: "Koperasi" in the columns of the ministry's annual cooperative data
    report, "UMKM" per place, and "Info" with the source and date."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Koperasi")
    child = str(content["child_level_name"] or _("Wilayah"))
    sheet.append([safe_cell(content["title"])])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(
        [
            _(
                "Susunan kolom mengikuti laporan data koperasi per kabupaten/kota: nomor, wilayah, jumlah "
                "koperasi, aktif, tidak aktif, jumlah anggota (L/P) dan koperasi yang sudah RAT. Kolom "
                "belum diketahui dan anggota tanpa rincian ditambahkan agar jumlahnya genap."
            )
        ]
    )
    sheet.append([])
    sheet.append(
        [pgettext("nomor urut", "No"), child, _("Jumlah Koperasi"), _("Aktif"), _("Tidak Aktif"), _("Belum Diketahui"),
         _("Jumlah Anggota"), "", "", "", _("Koperasi yang RAT")]
    )  # fmt: skip
    sheet.append(
        [
            "",
            "",
            "",
            "",
            "",
            "",
            pgettext("jenis kelamin", "L"),
            pgettext("jenis kelamin", "P"),
            _("Tanpa Rincian"),
            _("Jumlah"),
            "",
        ]
    )
    for column in ("A", "B", "C", "D", "E", "F", "K"):
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("G4:J4")
    for row in sheet.iter_rows(min_row=4, max_row=5):
        for cell in row:
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, row in enumerate(content["cooperative_rows"], start=1):
        sheet.append(
            [number, safe_cell(row["name"]), row["registered"], row["active"], row["inactive"], row["unknown"],
             row["male"], row["female"], row["unspecified"], row["members"], row["with_rat"]]
        )  # fmt: skip
    total = content["cooperative_total"]
    sheet.append(
        ["", _("Jumlah"), total["registered"], total["active"], total["inactive"], total["unknown"],
         total["male"], total["female"], total["unspecified"], total["members"], total["with_rat"]]
    )  # fmt: skip
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.column_dimensions["B"].width = 32

    umkm = book.create_sheet(_("UMKM"))
    umkm.append([safe_cell(content["title"])])
    umkm["A1"].font = Font(bold=True, size=12)
    umkm.append([])
    umkm.append(
        [
            pgettext("nomor urut", "No"),
            child,
            _("UMKM Terdaftar"),
            _("UMKM Aktif"),
            _("Tenaga Kerja"),
            _("Omzet Setahun (Rp)"),
        ]
    )
    for cell in umkm[3]:
        cell.font = bold
    for number, row in enumerate(content["places"], start=1):
        umkm.append(
            [
                number,
                safe_cell(row["name"]),
                row["umkm"],
                row["umkm_aktif"],
                row["tenaga_kerja"],
                row["omzet"],
            ]
        )
    places_total = content["places_total"]
    umkm.append(
        ["", _("Jumlah"), places_total["umkm"], places_total["umkm_aktif"], places_total["tenaga_kerja"],
         places_total["omzet"]]
    )  # fmt: skip
    for cell in umkm[umkm.max_row]:
        cell.font = bold
    for row in umkm.iter_rows(min_row=4, min_col=6, max_col=6):
        row[0].number_format = "#,##0.00"
    umkm.column_dimensions["B"].width = 32
    umkm.column_dimensions["F"].width = 22

    info = book.create_sheet(_("Info"))
    office = content["office"]
    letterhead = content["letterhead"]
    for label, value in (
        (_("Judul"), content["title"]),
        (_("Wilayah"), content["region"].name),
        (_("Kode wilayah"), content["region_code"]),
        (_("Bulan"), content["month_name"]),
        (_("Dibuat oleh"), letterhead.office_name or office.name),
        (_("Tanggal dibuat"), content["today"].strftime("%d-%m-%Y")),
        (_("Sumber"), _("Data registrasi koperasi dan UMKM di Sinergi, keadaan pada tanggal dibuat.")),
    ):
        info.append([label, safe_cell(str(value))])
    for comparison in content["comparisons"]:
        info.append(
            [_("Angka resmi: %(label)s") % {"label": comparison.label}, comparison.official,
             safe_cell(str(comparison.source))]
        )  # fmt: skip
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 60

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- services ---------------------------------------------------------------------------------


def recap_check(actor, office: Organization, region_code: str) -> str:
    """The place a recap covers: the office's jurisdiction, or a place inside it."""
    if not may_generate_recap(actor, office):
        raise PermissionDenied
    region_code = (region_code or office.jurisdiction_id or "").strip()
    if not office.jurisdiction_id or not code_within(region_code, office.jurisdiction_id):
        raise ValidationError({"region_code": _("Wilayah itu di luar wilayah kerja dinas.")})
    if not Region.objects.filter(code=region_code).exists():
        raise ValidationError({"region_code": _("Wilayah itu tidak ditemukan.")})
    return region_code


@transaction.atomic
def recap_request(actor, office: Organization, region_code: str, month: dt.date) -> RecapReport:
    """Ask for the recap of `region_code` (the office's jurisdiction when empty) for `month`; a
    task generates its PDF and XLSX with visible progress."""
    from sinergi.insights.tasks import run_recap

    region_code = recap_check(actor, office, region_code)
    month = first_of_month(month)
    if month > first_of_month(timezone.localdate()):
        raise ValidationError({"month": _("Bulan rekap belum tiba.")})
    place = Region.objects.filter(code=region_code).values_list("name", flat=True).first()
    recap = RecapReport.objects.create(office=office, region_code=region_code, month=month, created_by=actor)
    job = job_create(
        actor=actor,
        kind="insights.recap",
        label=_("Rekap %(place)s %(month)s") % {"place": place, "month": month_name(month)},
        params={"recap": recap.pk, "back_url": reverse("insights:recap_list")},
        organization_id=office.pk,
    )
    recap.job = job
    recap.save(update_fields=["job"])
    audit_record(
        actor=actor,
        action="recap.request",
        obj=recap,
        after={"region_code": region_code, "month": month.isoformat()},
        region_code=region_code,
        organization_id=office.pk,
    )
    transaction.on_commit(lambda: run_recap.enqueue(recap.pk))
    return recap


def recap_run(*, recap_id: int) -> dict:
    """Generate a requested recap's files, reporting progress on its job."""
    recap = RecapReport.objects.select_related("office", "created_by").get(pk=recap_id)
    job_id = recap.job_id
    language = getattr(recap.created_by, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        job_start(job_id)
        failure = gettext_lazy("Rekap gagal dibuat karena kesalahan sistem. Silakan coba lagi.")
        with job_failure_recorded(job_id, failure):
            return _generate(recap, job_id)


def _generate(recap: RecapReport, job_id: int) -> dict:
    job_progress(job_id, 0, 3, _("Menghitung angka"))
    content = recap_content(recap.office, recap.region_code, recap.month)
    stem = f"rekap-{recap.region_code.replace('.', '')}-{recap.month:%Y-%m}"
    job_progress(job_id, 1, 3, _("Menyusun PDF"))
    pdf = recap_pdf(content)
    job_progress(job_id, 2, 3, _("Menyusun XLSX"))
    xlsx = recap_xlsx(content)
    recap.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    recap.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    recap.save(update_fields=["pdf", "xlsx"])
    result = {"recap": recap.pk, "next_url": reverse("insights:recap_list")}
    job_progress(job_id, 3, 3, _("Selesai"))
    job_finish(job_id, result)
    return result


def recap_month_choices(today: dt.date | None = None, count: int = 24) -> list[tuple[str, str]]:
    """The months a recap may cover, latest first: ("2026-11", "November 2026")."""
    month = first_of_month(today or timezone.localdate())
    out = []
    for _n in range(count):
        out.append((f"{month:%Y-%m}", month_name(month)))
        month = first_of_month(month - dt.timedelta(days=1))
    return out
