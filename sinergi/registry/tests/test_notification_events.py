"""The uploader hears when an import finishes, with its counts; a preview tells no one."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.models import Notification
from sinergi.registry.models import ImportBatch

pytestmark = pytest.mark.django_db

SHEET = (
    b"Nama Usaha,Kelurahan/Desa,Kecamatan,Kabupaten/Kota,NIK Pemilik\n"
    b"Toko Baru,Paledang,Bogor Tengah,Kota Bogor,\n"
    b"Toko Rusak,Paledang,Bogor Tengah,Kota Bogor,123\n"
)


def test_import_finished(client, settings, officer_bogor, admin_bogor, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(officer_bogor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/registri/impor/", {"kind": "umkm", "file": SimpleUploadedFile("data.csv", SHEET, "text/csv")}
        )
    batch = ImportBatch.objects.get()
    assert Notification.objects.count() == 0  # the preview is watched on its page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/registri/impor/{batch.pk}/jalankan/")
    notification = Notification.objects.get()
    assert (notification.recipient, notification.event, notification.subject, notification.body, notification.url) == (
        officer_bogor, "import_finished", "Impor data.csv selesai",
        "1 baru, 0 diperbarui, 0 tidak berubah, 1 ditolak.", f"/registri/impor/{batch.pk}/",
    )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["staf.bogor@sinergi.test"]]
