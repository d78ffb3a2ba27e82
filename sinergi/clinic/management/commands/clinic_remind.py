"""`sinergi clinic_remind [--json]`: remind the people of every clinic recommendation and visit that
is due soon or overdue, through the notification centre, once per item and day. Meant for a daily
schedule; a second run on the same day sends nothing."""

import json

from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.clinic.services import reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat klinik / Send clinic due and overdue reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        sent = reminders_send(actor=system_user())
        if options["json"]:
            self.stdout.write(json.dumps(sent))
            return
        self.stdout.write(
            f"{sent['recommendations']} rekomendasi dan {sent['visits']} kunjungan diingatkan, "
            f"{sent['notifications']} pemberitahuan / reminders sent"
        )
