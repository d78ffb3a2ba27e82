"""`sinergi health_score --year Y [--rules R]`: score again every verified report of a year.

The scoring runs as a background task that updates a job; the command queues it, follows the job
with a progress bar on stderr, and prints a one-line summary on stdout (`--json`: one JSON
document). With the database task queue a worker (`sinergi db_worker`) must be running.
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sinergi.accounts.services import system_user
from sinergi.core.models import Job
from sinergi.core.progress import ProgressBar
from sinergi.health.scoring import RULE_SETS
from sinergi.health.services import assessment_batch_start, current_rules

# How long a job may wait in the queue before the command says that no worker seems to run.
QUEUE_HINT_SECONDS = 15


class Command(BaseCommand):
    help = "Nilai ulang semua laporan tahunan terverifikasi pada satu tahun buku / Rescore a year's verified reports."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="tahun buku / financial year")
        parser.add_argument(
            "--rules", default=None, help=f"aturan penilaian / rule set: {' | '.join(RULE_SETS)}"
        )
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )
        parser.add_argument(
            "--poll",
            type=float,
            default=0.5,
            help="detik antara pemeriksaan kemajuan / seconds between checks",
        )

    def handle(self, *args, **options):
        rules = options["rules"] or current_rules()
        if rules not in RULE_SETS:
            self._fail(options["json"], f"Aturan penilaian tidak dikenal / unknown rule set: {rules}")
        with transaction.atomic():
            job = assessment_batch_start(actor=system_user(), year=options["year"], rules=rules)
        bar = ProgressBar(self.stderr, label=f"health_score {options['year']}")
        waited = 0.0
        hinted = False
        while True:
            job.refresh_from_db()
            if job.total:
                bar.update(job.done, job.total)
            if job.finished:
                break
            if job.status == Job.Status.QUEUED and waited > QUEUE_HINT_SECONDS and not hinted:
                self.stderr.write("Menunggu pekerja tugas / waiting for a task worker: sinergi db_worker")
                hinted = True
            time.sleep(options["poll"])
            waited += options["poll"]
        bar.finish()
        if job.status == Job.Status.FAILED:
            self._fail(options["json"], job.error or "gagal / failed")
        result = {k: v for k, v in job.result.items() if k != "next_url"}
        result.update(year=options["year"], rules=rules, job=job.pk)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            predicates = ", ".join(f"{k} {v}" for k, v in result["predicates"].items()) or "-"
            self.stdout.write(
                f"{result['scored']} dari {result['total']} laporan {options['year']} dinilai ({rules}); "
                f"{result['incomplete']} belum lengkap, {result['failed']} ditolak; predikat: {predicates}"
            )

    def _fail(self, as_json: bool, message: str):
        if as_json:
            self.stdout.write(json.dumps({"error": message, "detail": []}, ensure_ascii=False))
        raise CommandError(message)
