"""What the cooperative's managers are told about their annual reports and supervision, and what
the uploader of a sheet of annual reports is told when its import finishes."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.scoping import organization_managers
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice, counts
from sinergi.core.templatetags.sinergi import number

REPORT_RETURNED = Notice(
    NotificationEvent.REPORT_RETURNED,
    _("Laporan tahunan %(year)s dikembalikan untuk diperbaiki"),
    _("Catatan pemeriksa: %(comment)s"),
)
SCORE = _("Nilai kesehatan koperasi: %(total)s (%(predicate)s).")
REPORT_VERIFIED = Notice(
    NotificationEvent.REPORT_VERIFIED, _("Laporan tahunan %(year)s sudah diverifikasi"), SCORE
)
REPORT_SCORED = Notice(NotificationEvent.REPORT_SCORED, _("Laporan tahunan %(year)s dinilai ulang"), SCORE)
DISSOLUTION_STEP = Notice(
    NotificationEvent.DISSOLUTION_STEP,
    _("Proses pembubaran koperasi: %(state)s"),
    _("Dinas mencatat tahap baru dalam proses pembubaran %(name)s. Hubungi dinas untuk keterangan."),
)
IMPORT_FINISHED = Notice(
    NotificationEvent.IMPORT_FINISHED,
    _("Impor laporan tahunan %(file)s selesai"),
    _("%(created)s baru, %(updated)s diperbarui, %(submitted)s diajukan, %(rejected)s baris ditolak."),
)


def _tell_managers(cooperative, notice: Notice, *, actor, params: dict, url: str) -> None:
    notice.send(users=organization_managers([cooperative.pk]), params=params, url=url, actor=actor)


def report_returned(*, actor, report) -> None:
    _tell_managers(
        report.cooperative,
        REPORT_RETURNED,
        actor=actor,
        params={"year": report.year, "comment": report.review_comment},
        url=reverse("health:report_detail", args=[report.pk]),
    )


def _predicate_label(predicate: str | None) -> str:
    """The predicate as the pages word it (the stored code never reaches a reader)."""
    if not predicate:
        return str(_("belum lengkap"))
    return render_to_string("health/includes/predicate_label.html", {"predicate": predicate}).strip()


def _score_notice(notice: Notice, *, actor, report, assessment) -> None:
    _tell_managers(
        report.cooperative,
        notice,
        actor=actor,
        params={
            "year": report.year,
            "total": lambda: number(assessment.total, 2),
            "predicate": lambda: _predicate_label(assessment.predicate),
        },
        url=reverse("health:assessment_detail", args=[report.pk]),
    )


def report_verified(*, actor, report, assessment) -> None:
    _score_notice(REPORT_VERIFIED, actor=actor, report=report, assessment=assessment)


def report_scored(*, actor, assessment) -> None:
    _score_notice(REPORT_SCORED, actor=actor, report=assessment.report, assessment=assessment)


def dissolution_step(*, actor, case) -> None:
    """Each step of the dissolution procedure the cooperative is party to. The case pages are the
    office's; the link leads the managers to their cooperative's own page."""
    _tell_managers(
        case.cooperative,
        DISSOLUTION_STEP,
        actor=actor,
        params={"state": case.get_state_display, "name": case.cooperative},
        url=reverse("registry:cooperative_detail", args=[case.cooperative.pk]),
    )


def import_finished(*, user, result, filename: str, url: str = "") -> None:
    """An import of annual reports ran: its uploader is told the counts, the result page has the rest."""
    IMPORT_FINISHED.send(
        users=[user],
        params={
            "file": filename,
            **counts(
                created=result.created,
                updated=result.updated,
                submitted=result.submitted,
                rejected=len(result.rejected),
            ),
        },
        url=url,
    )
