"""`sinergi insights_verify [--repair]`: recount every tally from the raw rows and report differences."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergi.insights import verify


class Command(BaseCommand):
    help = "Hitung ulang setiap rekap dari data asal dan laporkan perbedaannya (--repair: perbaiki)."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Tulis ulang rekap yang berbeda.")

    def handle(self, *args, **options):
        if options["repair"]:
            fixed = verify.repair()
            for line in fixed:
                self.stdout.write(_("Diperbaiki: {line}").format(line=line))
            self.stdout.write(
                ngettext("{count} perbedaan diperbaiki.", "{count} perbedaan diperbaiki.", len(fixed)).format(
                    count=len(fixed)
                )
            )
            return
        lines = verify.verify()
        for line in lines:
            self.stdout.write(line)
        if lines:
            self.stdout.write(
                ngettext("{count} perbedaan ditemukan.", "{count} perbedaan ditemukan.", len(lines)).format(
                    count=len(lines)
                )
            )
            sys.exit(1)
        self.stdout.write(_("Semua rekap sesuai dengan data."))
