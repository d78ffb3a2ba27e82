"""One import of a kind per region at a time, and import jobs that always end.

The same sheet imported twice at once must give one set of rows and one clear refusal, never
twice the rows or a raw database error; a job that fails for any reason ends "failed" with a
reason its owner can read.
"""

import csv
import io
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection

from sinergi.accounts.models import Organization
from sinergi.core.jobs import job_create, job_finish, job_start
from sinergi.core.models import Job
from sinergi.registry import services
from sinergi.registry.importers.businesses import BusinessImporter
from sinergi.registry.models import BusinessProfile, ImportBatch
from sinergi.registry.services.imports import import_lock, import_lock_scope

BUSY_UMKM = "Impor UMKM sedang berjalan untuk wilayah ini; coba lagi setelah selesai."
FAILED = (
    "Impor berhenti karena kesalahan sistem. Baris yang sudah tersimpan tidak akan terduplikasi bila "
    "impor diulang; hubungi admin bila kesalahan ini terulang."
)
HEADER = ["Nama Usaha", "NIB", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"]


def sheet_bytes(rows: int = 40, *, name_of=None, with_nib: bool = True) -> bytes:
    """A sheet of `rows` businesses in Paledang, Kota Bogor; the first half with an NIB (so a
    doubled import meets the unique NIB), the rest matched by name."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(1, rows + 1):
        nib = f"91200000{i:05d}" if with_nib and i <= rows // 2 else ""
        name = name_of(i) if name_of else f"Usaha Uji {i:02d}"
        writer.writerow([name, nib, "Paledang", "Bogor Tengah", "Kota Bogor"])
    return out.getvalue().encode()


def previewed_batch(actor, content: bytes, name: str = "umkm.csv") -> ImportBatch:
    """Upload a sheet and run its dry run, as the upload page does."""
    batch = services.import_batch_upload(
        actor=actor, kind="umkm", uploaded_file=SimpleUploadedFile(name, content, "text/csv")
    )
    with mock.patch("sinergi.registry.tasks.run_import"):
        services.import_batch_preview(actor=actor, batch=batch)
    services.import_batch_run(batch_id=batch.pk, dry_run=True, job_id=batch.job_id)
    batch.refresh_from_db()
    assert batch.status == "previewed", batch.summary
    return batch


def queue_import(actor, batch: ImportBatch) -> int:
    """Ask for the import and return its job, without running its task (the test runs it)."""
    with mock.patch("sinergi.registry.tasks.run_import"):
        services.import_batch_execute(actor=actor, batch=batch)
    batch.refresh_from_db()
    return batch.job_id


def running_import(actor, scope: str) -> Job:
    """An import of UMKM that holds the lock over `scope`, as one started elsewhere would."""
    job = job_create(
        actor=actor, kind="registry.import", label="x", lock=import_lock("umkm"), lock_scope=scope
    )
    assert job_start(job.pk) is None
    return job


# --- on both databases: the lock as one worker sees it -------------------------------------------


@pytest.mark.django_db
def test_import_is_refused_while_another_runs_for_the_region_and_can_run_after(officer_bogor, admin_bogor):
    batch = previewed_batch(officer_bogor, sheet_bytes())
    queued = queue_import(officer_bogor, batch)
    holder = running_import(admin_bogor, "32.71")

    # At the door: refused at once with the reason, nothing queued.
    with pytest.raises(ValidationError) as refused:
        services.import_batch_execute(actor=officer_bogor, batch=batch)
    assert refused.value.messages == [BUSY_UMKM]
    batch.refresh_from_db()
    assert batch.job_id == queued

    # An import asked for before the other one started is refused when its turn comes.
    result = services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=queued)
    assert result == {"error": BUSY_UMKM}
    job = Job.objects.get(pk=queued)
    assert (job.status, job.error) == ("failed", BUSY_UMKM)
    batch.refresh_from_db()
    assert batch.status == "previewed" and batch.summary["dry_run"] is True
    assert not BusinessProfile.objects.exists()

    # Once the other import has finished, the same batch imports.
    job_finish(holder.pk, {})
    again = queue_import(officer_bogor, batch)
    services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=again)
    batch.refresh_from_db()
    assert (batch.status, Job.objects.get(pk=again).status) == ("imported", "done")
    assert BusinessProfile.objects.count() == 40


@pytest.mark.django_db
def test_imports_of_other_regions_or_kinds_and_dry_runs_are_not_held_up(officer_bogor, officer_bandung):
    batch = previewed_batch(officer_bogor, sheet_bytes(4))
    running_import(officer_bandung, "32.73")  # another jurisdiction
    member_import = job_create(
        actor=officer_bandung, kind="registry.import", label="x", lock=import_lock("member"), lock_scope="32"
    )
    assert job_start(member_import.pk) is None  # another kind, over the whole province
    job_id = queue_import(officer_bogor, batch)
    services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=job_id)
    assert Job.objects.get(pk=job_id).status == "done"
    assert BusinessProfile.objects.count() == 4

    # A dry run writes nothing and holds no lock, so it runs beside an import of its region.
    running_import(officer_bandung, "32.71")
    other = previewed_batch(officer_bogor, sheet_bytes(6))
    # Rows 1-4 are registered; row 3 now brings an NIB.
    assert (other.summary["created"], other.summary["updated"], other.summary["unchanged"]) == (2, 1, 3)


@pytest.mark.django_db
def test_a_province_import_holds_the_regencies_inside_it(officer_bogor, admin_bogor):
    batch = previewed_batch(officer_bogor, sheet_bytes(2))
    running_import(admin_bogor, "32")  # a province office's import covers Kota Bogor
    with pytest.raises(ValidationError) as refused:
        services.import_batch_execute(actor=officer_bogor, batch=batch)
    assert refused.value.messages == [BUSY_UMKM]
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_a_cooperative_managers_member_import_holds_only_the_region_of_their_cooperative(
    coop_manager, officer_bogor, cooperative_bogor
):
    assert import_lock_scope(coop_manager, "member", "") == cooperative_bogor.region_id
    assert import_lock_scope(officer_bogor, "member", "32.71") == "32.71"
    assert import_lock_scope(officer_bogor, "umkm", "32.71") == "32.71"


@pytest.mark.django_db
def test_an_import_that_breaks_ends_failed_with_a_reason_and_can_run_again(officer_bogor, monkeypatch):
    batch = previewed_batch(officer_bogor, sheet_bytes())
    job_id = queue_import(officer_bogor, batch)
    original = BusinessImporter.write

    def broken(self, plan):
        original(self, plan)  # the rows are written, then the transaction fails
        raise IntegrityError('duplicate key value violates unique constraint "umkm_unique_nib"')

    monkeypatch.setattr(BusinessImporter, "write", broken)
    with pytest.raises(IntegrityError):
        services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=job_id)
    job = Job.objects.get(pk=job_id)
    assert (job.status, job.error, job.finished_at is not None) == ("failed", FAILED, True)
    batch.refresh_from_db()
    assert batch.status == "previewed"
    assert not BusinessProfile.objects.exists()  # the failed batch of rows was rolled back

    monkeypatch.setattr(BusinessImporter, "write", original)
    again = queue_import(officer_bogor, batch)
    services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=again)
    assert Job.objects.get(pk=again).status == "done"
    assert BusinessProfile.objects.count() == 40


@pytest.mark.django_db
def test_a_failed_import_is_reported_in_the_uploaders_language(officer_bogor, monkeypatch):
    officer_bogor.language = "en"
    officer_bogor.save(update_fields=["language"])
    batch = previewed_batch(officer_bogor, sheet_bytes(2))
    job_id = queue_import(officer_bogor, batch)
    running_import(officer_bogor, "32.71")
    services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=job_id)
    error = Job.objects.get(pk=job_id).error
    # English once the catalogue has the message; never the Indonesian sentence kept as is.
    assert error == "An MSME import is already running for this region; try again once it has finished."


@pytest.mark.django_db
def test_the_failure_shows_on_the_import_page(client, officer_bogor, admin_bogor):
    batch = previewed_batch(officer_bogor, sheet_bytes(2))
    job_id = queue_import(officer_bogor, batch)
    running_import(admin_bogor, "32.71")
    services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=job_id)
    client.force_login(officer_bogor)
    page = client.get(f"/registri/impor/{batch.pk}/").content.decode()
    assert BUSY_UMKM in page
    assert "Impor sekarang" in page  # the preview stays, ready to run again


@pytest.mark.django_db
def test_the_import_button_refuses_with_the_reason(client, officer_bogor, admin_bogor):
    batch = previewed_batch(officer_bogor, sheet_bytes(2))
    running_import(admin_bogor, "32.71")
    client.force_login(officer_bogor)
    response = client.post(f"/registri/impor/{batch.pk}/jalankan/", follow=True)
    assert BUSY_UMKM in response.content.decode()
    batch.refresh_from_db()
    assert batch.job.params["dry_run"] is True and not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_a_sheet_with_a_nul_byte_ends_its_job_with_the_line_rejected(officer_bogor):
    content = sheet_bytes(3, name_of=lambda i: "Toko\x00Nul" if i == 2 else f"Usaha Uji {i:02d}")
    batch = previewed_batch(officer_bogor, content)  # the dry run's job ended too
    assert [r["line"] for r in batch.summary["rejected_sample"]] == [3]
    job_id = queue_import(officer_bogor, batch)
    services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=job_id)
    batch.refresh_from_db()
    assert (Job.objects.get(pk=job_id).status, batch.status) == ("done", "imported")
    assert (batch.summary["created"], [r["line"] for r in batch.summary["rejected_sample"]]) == (2, [3])
    assert sorted(Organization.objects.filter(kind="umkm").values_list("name", flat=True)) == [
        "Usaha Uji 01",
        "Usaha Uji 03",
    ]
    assert not Job.objects.filter(status="running").exists()
    # The report to download shows the rejected cell with the character made visible.
    from openpyxl import load_workbook

    with batch.rejected_file.open("rb") as handle:
        rows = list(load_workbook(handle)["Ditolak"].values)
    assert (rows[1][0], rows[1][3]) == (3, "Toko\u2400Nul")


@pytest.mark.django_db
def test_the_command_takes_the_same_lock(officer_bogor, admin_bogor, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "umkm.csv"
    path.write_bytes(sheet_bytes(2))
    holder = running_import(admin_bogor, "32.71")
    with pytest.raises(CommandError, match="sedang berjalan untuk wilayah ini"):
        call_command("registry_import", str(path), "--kind", "umkm", "--as", officer_bogor.email)
    assert not BusinessProfile.objects.exists()
    # A dry run is not held up; the import runs once the other has finished, and its job ends done.
    call_command("registry_import", str(path), "--kind", "umkm", "--as", officer_bogor.email, "--dry-run")
    job_finish(holder.pk, {})
    call_command("registry_import", str(path), "--kind", "umkm", "--as", officer_bogor.email)
    assert BusinessProfile.objects.count() == 2
    command_jobs = Job.objects.filter(created_by=officer_bogor).order_by("pk")
    assert [(j.status, j.lock_scope) for j in command_jobs] == [("failed", "32.71"), ("done", "32.71")]


# --- PostgreSQL: two workers at the same moment ---------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads need PostgreSQL: SQLite's in-memory test database fails concurrent writers with "
    "'table is locked' instead of queueing them (a file database queues them: IMMEDIATE transactions)",
)


def _in_threads(*calls):
    """Run each call in its own thread with its own connection; returns what each returned or raised."""
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.fixture
def both_read_before_either_writes(monkeypatch):
    """Hold each import after its start until the other has started too (or has given up), so two
    imports without a lock would both read the registry before either writes."""
    arrived: list[int] = []
    together = threading.Event()
    original = BusinessImporter.prepare

    def prepare(self):
        original(self)  # the registry as it stands, read once per import
        arrived.append(threading.get_ident())
        if len(arrived) >= 2:
            together.set()
        together.wait(timeout=45)  # long enough for a slow second thread to arrive on a busy machine

    monkeypatch.setattr(BusinessImporter, "prepare", prepare)
    return together


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_nib", [True, False], ids=["unique-nib", "names-only"])
def test_the_same_sheet_run_twice_at_once_imports_once(
    officer_bogor, both_read_before_either_writes, with_nib
):
    # Unlocked, the second import crashed on the unique NIB, or (names only) doubled every row.
    content = sheet_bytes(with_nib=with_nib)
    first, second = (
        previewed_batch(officer_bogor, content, "a.csv"),
        previewed_batch(officer_bogor, content, "b.csv"),
    )
    # Both imports asked for while nothing runs: both pass the door, and meet at their start.
    jobs = [queue_import(officer_bogor, first), queue_import(officer_bogor, second)]
    together = both_read_before_either_writes

    def run(batch, job_id):
        def call():
            try:
                return services.import_batch_run(batch_id=batch.pk, dry_run=False, job_id=job_id)
            finally:
                together.set()  # a refused import lets the other one go on at once

        return call

    outcomes = _in_threads(run(first, jobs[0]), run(second, jobs[1]))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(("error" in o) for o in outcomes) == [False, True]
    assert [o for o in outcomes if "error" in o] == [{"error": BUSY_UMKM}]
    assert BusinessProfile.objects.count() == 40
    assert Organization.objects.filter(kind="umkm").count() == 40
    statuses = sorted(Job.objects.filter(pk__in=jobs).values_list("status", "error"))
    assert statuses == [("done", ""), ("failed", BUSY_UMKM)]
    assert sorted(
        ImportBatch.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == [
        "imported",
        "previewed",
    ]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_pressing_import_at_once_get_one_import_and_one_refusal(
    officer_bogor, admin_bogor, both_read_before_either_writes
):
    content = sheet_bytes()
    first = previewed_batch(officer_bogor, content, "a.csv")
    second = previewed_batch(admin_bogor, content, "b.csv")
    together = both_read_before_either_writes
    barrier = threading.Barrier(2)

    def press(actor, batch):
        def call():
            barrier.wait(timeout=10)
            try:
                # The task runs as soon as the request's transaction commits (the immediate backend).
                return services.import_batch_execute(actor=actor, batch=batch)
            finally:
                together.set()

        return call

    outcomes = _in_threads(press(officer_bogor, first), press(admin_bogor, second))
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert not [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, ValidationError)], (
        outcomes
    )
    jobs = Job.objects.filter(kind="registry.import", params__dry_run=False)
    # Refused at the door (the other had started) or at the start (both passed the door at once).
    refused_jobs = list(jobs.filter(status="failed").values_list("error", flat=True))
    assert [r.messages for r in refusals] + [[e] for e in refused_jobs] == [[BUSY_UMKM]]
    assert list(jobs.filter(status="done").values_list("status", flat=True)) == ["done"]
    assert BusinessProfile.objects.count() == 40
    assert not Job.objects.filter(status="running").exists()
