"""Uploaded sheets and backups hold personal data: written readable by the app's own user only."""

import io
import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sinergi.core.backup import backup_database, restore_database
from sinergi.health.importers import store_upload
from sinergi.registry.services import import_batch_preview, import_batch_upload


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    """The common umask, under which a file is created world-readable unless the code says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.django_db
def test_an_uploaded_registry_sheet_and_its_rejected_rows_are_private(
    officer_bogor, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    content = (
        b"Nama Usaha,Kelurahan/Desa,Kecamatan,Kabupaten/Kota,NIK Pemilik\n"
        b"Toko Baru,Paledang,Bogor Tengah,Kota Bogor,\n"
        b"Toko Rusak,Paledang,Bogor Tengah,Kota Bogor,123\n"
    )
    batch = import_batch_upload(
        actor=officer_bogor, kind="umkm", uploaded_file=SimpleUploadedFile("data.csv", content)
    )
    assert mode(batch.file.path) == 0o600
    with django_capture_on_commit_callbacks(execute=True):
        import_batch_preview(actor=officer_bogor, batch=batch)
    batch.refresh_from_db()
    assert batch.summary["rejected_count"] == 1
    assert mode(batch.rejected_file.path) == 0o600


def test_an_uploaded_report_sheet_is_private(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    workbook = Workbook()
    workbook.active.append(["nik_koperasi", "year"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = store_upload(SimpleUploadedFile("laporan.xlsx", buffer.getvalue()))
    assert mode(path) == 0o600
    with open(path, "rb") as handle:
        assert handle.read() == buffer.getvalue()


# The SQLite backup API cannot copy a database while a transaction holds it: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_a_backup_is_private(tmp_path):
    path = tmp_path / "cadangan.db"
    result = backup_database(path)
    assert result.size_bytes > 0
    assert mode(path) == 0o600


@pytest.mark.django_db(transaction=True)
def test_a_backup_over_an_old_readable_file_becomes_private(tmp_path):
    path = tmp_path / "cadangan.db"
    path.write_bytes(b"cadangan lama")
    os.chmod(path, 0o644)
    backup_database(path)
    assert mode(path) == 0o600
    assert path.read_bytes() != b"cadangan lama"


@pytest.mark.django_db(transaction=True)
def test_a_restored_copy_is_private(tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a PostgreSQL restore target is a database, not a file")
    path = tmp_path / "cadangan.db"
    backup_database(path)
    target = tmp_path / "pulih.db"
    restore_database(path, target_name=str(target))
    assert mode(target) == 0o600
