import json
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.services import system_user
from sinergi.core.progress import ProgressBar
from sinergi.regions.models import Region
from sinergi.registry.services import duplicate_scan

KINDS = ("umkm", "cooperative")
TOP = 20


class Command(BaseCommand):
    help = (
        "Pindai calon duplikat koperasi atau UMKM / Scan for likely duplicate cooperatives or businesses. "
        "New pairs go to the review queue (not with --dry-run). With --json prints one JSON object: "
        "kind, pairs, added, seconds, top (the 20 best pairs)."
    )

    def add_arguments(self, parser):
        # Checked in handle() rather than by argparse, so --json reports a bad kind as JSON too.
        parser.add_argument("--kind", required=True, help="umkm or cooperative")
        parser.add_argument("--region", default="", help="only this region code and below (e.g. 32.71)")
        parser.add_argument(
            "--dry-run", action="store_true", help="find pairs without adding them to the queue"
        )
        parser.add_argument("--json", action="store_true", help="print exactly one JSON object on stdout")

    def handle(self, *args, **options):
        kind, region = options["kind"], (options["region"] or "").strip()
        started = time.perf_counter()
        bar = ProgressBar(self.stderr, label=f"dedup {kind}")
        try:
            if kind not in KINDS:
                raise ValidationError(
                    f"Jenis tidak dikenal / unknown kind: {kind}", params={"choices": list(KINDS)}
                )
            if region and not Region.objects.filter(pk=region).exists():
                raise ValidationError(f"Kode wilayah tidak dikenal / unknown region code: {region}")
            pairs, added = duplicate_scan(
                actor=system_user(),
                kind=kind,
                region=region,
                persist=not options["dry_run"],
                progress=bar.update,
            )
        except (ValidationError, PermissionDenied) as exc:
            messages = getattr(exc, "messages", None) or [str(exc)]
            detail = [f"pilihan / choices: {', '.join(KINDS)}"] if kind not in KINDS else messages[1:]
            if options["json"]:
                self.stdout.write(json.dumps({"error": messages[0], "detail": detail}, ensure_ascii=False))
            raise CommandError(messages[0]) from exc
        bar.finish()
        seconds = round(time.perf_counter() - started, 2)
        if options["json"]:
            result = {
                "kind": kind,
                "pairs": len(pairs),
                "added": added,
                "seconds": seconds,
                "top": [
                    {"left": p.left, "right": p.right, "score": p.score, "reasons": p.reasons}
                    for p in pairs[:TOP]
                ],
            }
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        prefix = "[uji coba] " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{len(pairs)} pasangan mirip, {added} baru masuk antrean ({kind} {region or '*'}, {seconds} s)"
        )
