"""What the cooperative's managers are told about their annual reports and supervision."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.scoping import organization_managers
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import notify_users
from sinergi.core.templatetags.sinergi import number


def _managers(cooperative):
    return organization_managers([cooperative.pk])


def report_returned(*, actor, report) -> None:
    notify_users(
        users=_managers(report.cooperative),
        event=NotificationEvent.REPORT_RETURNED,
        subject=_("Laporan tahunan %(year)s dikembalikan untuk diperbaiki"),
        body=_("Catatan pemeriksa: %(comment)s"),
        params={"year": report.year, "comment": report.review_comment},
        url=reverse("health:report_detail", args=[report.pk]),
        actor=actor,
    )


def _predicate_label(predicate: str | None) -> str:
    """The predicate as the pages word it (the stored code never reaches a reader)."""
    if not predicate:
        return str(_("belum lengkap"))
    return render_to_string("health/includes/predicate_label.html", {"predicate": predicate}).strip()


def _score_notice(*, actor, report, assessment, event, subject) -> None:
    notify_users(
        users=_managers(report.cooperative),
        event=event,
        subject=subject,
        body=_("Nilai kesehatan koperasi: %(total)s (%(predicate)s)."),
        params={
            "year": report.year,
            "total": lambda: number(assessment.total, 2),
            "predicate": lambda: _predicate_label(assessment.predicate),
        },
        url=reverse("health:assessment_detail", args=[report.pk]),
        actor=actor,
    )


def report_verified(*, actor, report, assessment) -> None:
    _score_notice(
        actor=actor,
        report=report,
        assessment=assessment,
        event=NotificationEvent.REPORT_VERIFIED,
        subject=_("Laporan tahunan %(year)s sudah diverifikasi"),
    )


def report_scored(*, actor, assessment) -> None:
    _score_notice(
        actor=actor,
        report=assessment.report,
        assessment=assessment,
        event=NotificationEvent.REPORT_SCORED,
        subject=_("Laporan tahunan %(year)s dinilai ulang"),
    )


def dissolution_step(*, actor, case) -> None:
    """Each step of the dissolution procedure the cooperative is party to."""
    notify_users(
        users=_managers(case.cooperative),
        event=NotificationEvent.DISSOLUTION_STEP,
        subject=_("Proses pembubaran koperasi: %(state)s"),
        body=_("Dinas mencatat tahap baru dalam proses pembubaran %(name)s. Hubungi dinas untuk keterangan."),
        params={"state": case.get_state_display, "name": case.cooperative},
        actor=actor,
    )
