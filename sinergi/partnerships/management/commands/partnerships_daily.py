"""`sinergi partnerships_daily [--json] [--date YYYY-MM-DD] [--renewal-days N]`: the daily run of
partnerships. Signed agreements whose start date came become active and active ones past their end
expire; renewal reminders go out N days before the end (once per agreement); every running
obligation is measured again from the platform's data, and newly overdue ones are flagged and
notified. A second run on the same day changes nothing."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.services import system_user
from sinergi.partnerships.services import agreements_daily
from sinergi.partnerships.services.agreements import RENEWAL_DAYS


class Command(BaseCommand):
    help = "Jalankan pekerjaan harian kemitraan / Run the daily partnerships work."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )
        parser.add_argument("--date", default="", help="tanggal hari ini (YYYY-MM-DD) / today's date")
        parser.add_argument(
            "--renewal-days", type=int, default=RENEWAL_DAYS,
            help="hari sebelum berakhir untuk pengingat perpanjangan / days before the end to remind",
        )  # fmt: skip

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                if options["json"]:
                    self.stdout.write(json.dumps({"error": "bad_date", "detail": [options["date"]]}))
                raise CommandError(f"bad date: {options['date']}") from None
        if options["renewal_days"] < 0:
            if options["json"]:
                self.stdout.write(
                    json.dumps({"error": "bad_renewal_days", "detail": [options["renewal_days"]]})
                )
            raise CommandError("--renewal-days must not be negative")
        done = agreements_daily(actor=system_user(), today=today, renewal_days=options["renewal_days"])
        if options["json"]:
            self.stdout.write(json.dumps(done))
            return
        self.stdout.write(
            f"{done['activated']} mulai berlaku, {done['expired']} berakhir, {done['reminded']} diingatkan, "
            f"{done['overdue']} kewajiban lewat batas waktu / agreements and obligations updated"
        )
