import pytest
from django.http import Http404

from sinergi.core.jobs import access_job, job_create, job_fail, job_finish, job_progress
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
