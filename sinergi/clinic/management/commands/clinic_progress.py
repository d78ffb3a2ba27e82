"""`sinergi clinic_progress --year Y [--json]`: every clinic programme of the year against its
targets — participants, closed cases, good outcomes, improved, unchanged, worse."""

import json

from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.clinic import selectors


class Command(BaseCommand):
    help = "Capaian program klinik terhadap target / Clinic programme progress against targets."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="tahun program / programme year")
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        programmes = list(selectors.programme_list(user=system_user(), year=options["year"]))
        progress = selectors.progress_of(programmes)
        rows = [
            {"id": p.pk, "name": p.name, "office": p.office.name, "year": p.year, **progress[p.pk].as_dict()}
            for p in programmes
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"year": options["year"], "programmes": rows}, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write(
                f"Tidak ada program klinik tahun {options['year']} / no clinic programme that year"
            )
        for row in rows:
            self.stdout.write(
                f"{row['name']} ({row['office']}): peserta {row['participants']}/{row['target_participants']}, "
                f"baik {row['good']}/{row['target_good']}, selesai {row['closed']} "
                f"(membaik {row['improved']}, tetap {row['unchanged']}, memburuk {row['worse']})"
            )
