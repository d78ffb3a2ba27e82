"""What the uploader of a sheet is told when its import finishes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice, counts

IMPORT_FINISHED = Notice(
    NotificationEvent.IMPORT_FINISHED,
    _("Impor %(file)s selesai"),
    _("%(created)s baru, %(updated)s diperbarui, %(unchanged)s tidak berubah, %(rejected)s ditolak."),
)


def import_finished(*, batch) -> None:
    """The import ran in the background: its uploader is told the counts, the page has the rest."""
    summary = batch.summary
    IMPORT_FINISHED.send(
        users=[batch.uploaded_by],
        params={
            "file": batch.filename,
            **counts(
                created=summary.get("created", 0),
                updated=summary.get("updated", 0),
                unchanged=summary.get("unchanged", 0),
                rejected=summary.get("rejected_count", 0),
            ),
        },
        url=reverse("registry:import_detail", args=[batch.pk]),
    )
