import json

from django.core.management.base import BaseCommand

from sinergi.core.notifications import notifications_digest


class Command(BaseCommand):
    help = (
        "Kirim e-mail ringkasan harian pemberitahuan / "
        "E-mail the daily notification digest to those who chose it (run it from cron once a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options):
        result = notifications_digest()
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"{result['users']} ringkasan dikirim, {result['notifications']} pemberitahuan / "
            f"digests sent, notifications"
        )
