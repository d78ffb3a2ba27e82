"""What the uploader of a sheet is told when its import finishes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import notify_users
from sinergi.core.templatetags.sinergi import number


def import_finished(*, batch) -> None:
    """The import ran in the background: its uploader is told the counts, the page has the rest."""
    summary = batch.summary
    notify_users(
        users=[batch.uploaded_by],
        event=NotificationEvent.IMPORT_FINISHED,
        subject=_("Impor %(file)s selesai"),
        body=_(
            "%(created)s baru, %(updated)s diperbarui, %(unchanged)s tidak berubah, %(rejected)s ditolak."
        ),
        params={
            "file": batch.filename,
            "created": lambda: number(summary.get("created", 0)),
            "updated": lambda: number(summary.get("updated", 0)),
            "unchanged": lambda: number(summary.get("unchanged", 0)),
            "rejected": lambda: number(summary.get("rejected_count", 0)),
        },
        url=reverse("registry:import_detail", args=[batch.pk]),
    )
