"""`sinergi insights_snapshot [--month YYYY-MM]`: take the monthly snapshot of every place's figures."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sinergi.insights.snapshots import month_start, snapshot_take


def parse_month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError as error:
        raise CommandError(_("Bulan harus ditulis TTTT-BB, misalnya 2026-01.")) from error


class Command(BaseCommand):
    help = (
        "Ambil potret bulanan angka tiap provinsi, kabupaten/kota dan kecamatan / "
        "Take the monthly snapshot of every place's figures (run daily; a past month only with --month)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: this month)")
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options):
        month = parse_month(options["month"]) if options["month"] else month_start()
        if month > month_start():
            raise CommandError(_("Bulan yang belum berjalan tidak dapat dipotret."))
        result = snapshot_take(month)
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            _("Potret bulan %(month)s: %(places)s wilayah (%(created)s baru, %(updated)s diperbarui).")
            % {
                "month": f"{month:%m-%Y}",
                "places": result["places"],
                "created": result["created"],
                "updated": result["updated"],
            }
        )
