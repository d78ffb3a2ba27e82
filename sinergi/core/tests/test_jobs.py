import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.utils import timezone

from sinergi.core.jobs import (
    access_job,
    job_create,
    job_fail,
    job_failure_recorded,
    job_finish,
    job_lock_holder,
    job_progress,
    job_start,
    job_sweep_stale,
    scopes_overlap,
)
from sinergi.core.models import Job


@pytest.mark.django_db
def test_job_lifecycle(officer_bogor):
    job = job_create(actor=officer_bogor, kind="registry.import", label="Impor UMKM")
    assert (job.status, job.percent) == ("queued", 0)
    job_progress(job.pk, 25, 100, "baris 25")
    job.refresh_from_db()
    assert (job.status, job.percent, job.message) == ("running", 25, "baris 25")
    job_finish(job.pk, {"created": 3})
    job.refresh_from_db()
    assert (job.status, job.percent, job.result, job.finished) == ("done", 100, {"created": 3}, True)


@pytest.mark.django_db
def test_job_failure_and_access(officer_bogor, officer_bandung):
    job = job_create(actor=officer_bogor, kind="x", label="x")
    job_fail(job.pk, "berkas rusak")
    assert Job.objects.get(pk=job.pk).status == "failed"
    assert access_job(user=officer_bogor, pk=job.pk) == job
    with pytest.raises(Http404):
        access_job(user=officer_bandung, pk=job.pk)


# --- exclusive jobs, jobs that always end ---------------------------------------------------------

STALLED = "Pekerjaan ini terhenti: tidak ada kemajuan selama 30 menit. Silakan jalankan lagi."


def test_scopes_overlap_when_one_region_holds_the_other():
    assert (
        scopes_overlap("32.71", "32.71")
        and scopes_overlap("32", "32.71.03")
        and scopes_overlap("32.71.03", "32")
    )
    assert scopes_overlap("", "32.71") and scopes_overlap("32.71", "") and scopes_overlap("", "")
    assert not scopes_overlap("32.71", "32.73") and not scopes_overlap("32.7", "32.71")
    assert not scopes_overlap("32.71", "32.710")


def _exclusive(actor, scope: str, lock: str = "registry.import.umkm") -> Job:
    return job_create(actor=actor, kind="registry.import", label="x", lock=lock, lock_scope=scope)


@pytest.mark.django_db
def test_an_exclusive_job_starts_only_while_no_overlapping_job_holds_its_lock(officer_bogor):
    first = _exclusive(officer_bogor, "32.71")
    assert job_start(first.pk) is None
    assert Job.objects.get(pk=first.pk).status == "running"

    inside, everywhere = _exclusive(officer_bogor, "32.71.03"), _exclusive(officer_bogor, "")
    assert job_start(inside.pk) == first and job_start(everywhere.pk) == first
    assert Job.objects.get(pk=inside.pk).status == "queued"  # left as it was
    assert Job.objects.get(pk=everywhere.pk).status == "queued"

    # Another region, another lock and a job without a lock start at once.
    assert job_start(_exclusive(officer_bogor, "32.73").pk) is None
    assert job_start(_exclusive(officer_bogor, "32.71", lock="registry.import.member").pk) is None
    assert job_start(job_create(actor=officer_bogor, kind="x", label="x").pk) is None

    # The lock goes with the holder's end, however it ends.
    job_fail(first.pk, "berkas rusak")
    assert job_start(inside.pk) is None
    assert job_lock_holder(lock="registry.import.umkm", scope="32.71") == Job.objects.get(pk=inside.pk)
    job_finish(inside.pk, {})
    assert job_lock_holder(lock="registry.import.umkm", scope="32.71") is None


@pytest.mark.django_db
def test_a_job_silent_for_half_an_hour_ends_failed_and_gives_up_its_lock(officer_bogor):
    now = timezone.now()
    dead, alive = _exclusive(officer_bogor, "32.71"), _exclusive(officer_bogor, "32.73")
    job_start(dead.pk)
    job_start(alive.pk)
    Job.objects.filter(pk=dead.pk).update(updated_at=now - dt.timedelta(minutes=31))
    Job.objects.filter(pk=alive.pk).update(updated_at=now - dt.timedelta(minutes=29))
    queued = job_create(actor=officer_bogor, kind="x", label="x")
    Job.objects.filter(pk=queued.pk).update(updated_at=now - dt.timedelta(hours=5))
    done = job_create(actor=officer_bogor, kind="x", label="x")
    job_finish(done.pk, {"n": 1})
    Job.objects.filter(pk=done.pk).update(updated_at=now - dt.timedelta(hours=5))

    assert job_sweep_stale(now=now) == 1
    swept = Job.objects.get(pk=dead.pk)
    assert (swept.status, swept.error, swept.finished_at) == ("failed", STALLED, now)
    assert Job.objects.get(pk=alive.pk).status == "running"
    assert Job.objects.get(pk=queued.pk).status == "queued"
    assert Job.objects.get(pk=done.pk).result == {"n": 1}
    assert job_sweep_stale(now=now) == 0

    # A new claim sweeps too: a killed worker does not keep an office from importing.
    stuck = _exclusive(officer_bogor, "32.73.01")
    assert job_start(stuck.pk) == Job.objects.get(pk=alive.pk)
    Job.objects.filter(pk=alive.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=31))
    assert job_start(stuck.pk) is None
    assert Job.objects.get(pk=alive.pk).status == "failed"


@pytest.mark.django_db
def test_the_job_page_shows_a_dead_job_as_failed(client, officer_bogor):
    job = job_create(actor=officer_bogor, kind="x", label="Impor UMKM")
    job_progress(job.pk, 10, 100, "")
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(hours=2))
    client.force_login(officer_bogor)
    page = client.get(f"/tugas/{job.pk}/").content.decode()
    assert STALLED in page
    assert Job.objects.get(pk=job.pk).status == "failed"


@pytest.mark.django_db
def test_work_that_raises_ends_its_job_failed_with_the_owners_reason(officer_bogor):
    job = job_create(actor=officer_bogor, kind="x", label="x")
    job_start(job.pk)
    with pytest.raises(ZeroDivisionError), job_failure_recorded(job.pk, "Penilaian gagal; hubungi admin."):
        job_progress(job.pk, 1, 2, "")
        _ = 1 / 0
    job.refresh_from_db()
    assert (job.status, job.error, job.done) == ("failed", "Penilaian gagal; hubungi admin.", 1)

    told = job_create(actor=officer_bogor, kind="x", label="x")
    with (
        pytest.raises(ValidationError),
        job_failure_recorded(told.pk, "tidak dipakai", told=(ValidationError,)),
    ):
        raise ValidationError(["Tahun buku belum ditutup.", "Laporan belum diverifikasi."])
    assert Job.objects.get(pk=told.pk).error == "Tahun buku belum ditutup. Laporan belum diverifikasi."

    fine = job_create(actor=officer_bogor, kind="x", label="x")
    with job_failure_recorded(fine.pk, "tidak dipakai"):
        job_progress(fine.pk, 2, 2, "")
    assert Job.objects.get(pk=fine.pk).status == "running"  # the work's own end is the caller's


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database cannot be reopened: closing it would drop it",
)
@pytest.mark.django_db(transaction=True)
def test_a_failure_is_recorded_through_a_fresh_connection_when_the_old_one_broke(officer_bogor):
    job = job_create(actor=officer_bogor, kind="x", label="x")
    job_start(job.pk)
    connection.ensure_connection()
    connection.connection.close()  # the database went away under the worker
    job_fail(job.pk, "Impor berhenti karena kesalahan sistem.")
    assert Job.objects.get(pk=job.pk).status == "failed"


@pytest.mark.django_db
def test_a_reason_given_as_a_lazy_translation_is_worded_in_the_owners_language(
    officer_bogor, officer_bandung
):
    from django.utils.translation import gettext_lazy

    officer_bandung.language = "en"
    officer_bandung.save(update_fields=["language"])
    ours, theirs = (job_create(actor=user, kind="x", label="x") for user in (officer_bogor, officer_bandung))
    for job in (ours, theirs):
        job_fail(job.pk, gettext_lazy("Akses ditolak."))
    assert Job.objects.get(pk=ours.pk).error == "Akses ditolak."
    assert Job.objects.get(pk=theirs.pk).error == "Access denied."


@pytest.mark.django_db
def test_an_annual_report_import_that_breaks_ends_failed_with_a_reason(officer_bogor, monkeypatch, tmp_path):
    from sinergi.health import importers
    from sinergi.health.services.imports import annual_report_import_run

    def broken(**kwargs):
        raise KeyError("sheet1")

    monkeypatch.setattr(importers, "import_reports", broken)
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"x")
    job = job_create(actor=officer_bogor, kind="health.import", label="x")
    with pytest.raises(KeyError):
        annual_report_import_run(
            job_id=job.pk, actor_id=officer_bogor.pk, path=str(path), submit=False, dry_run=False
        )
    job.refresh_from_db()
    assert (job.status, job.error) == (
        "failed",
        "Impor laporan tahunan berhenti karena kesalahan sistem; hubungi admin bila terulang.",
    )
    assert not path.exists()
