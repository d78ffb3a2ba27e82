"""`sinergi assistance_daily`: the daily round of warung aid — grievances past their deadline are
raised to the office's admins (with a notification), and visits due today or overdue are counted."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from sinergi.accounts.services import system_user
from sinergi.assistance import services
from sinergi.assistance.models import Visit


class Command(BaseCommand):
    help = (
        "Naikkan pengaduan yang lewat batas dan hitung kunjungan yang jatuh tempo / "
        "Escalate overdue grievances and count the monitoring visits due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        escalated = services.grievances_escalate(actor=system_user(), today=today)
        due = Visit.objects.filter(visited_on__isnull=True, due_on__lte=today).count()
        summary = {"date": today.isoformat(), "escalated": [g.pk for g in escalated], "visits_due": due}
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                f"{len(escalated)} pengaduan dinaikkan / grievances escalated; "
                f"{due} kunjungan jatuh tempo / visits due"
            )
