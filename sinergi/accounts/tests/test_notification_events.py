"""A claimant hears the decision on their claim; a person hears how their correction was handled."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from sinergi.accounts import services
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_claim_approved(umkm_bogor, officer_bogor, umkm_owner, django_capture_on_commit_callbacks):
    owner = UserFactory(email="calon.pemilik@sinergi.test", phone="081234567890")
    claim = services.business_claim_submit(actor=owner, organization=umkm_bogor, evidence="NIB 1234567890123")
    with django_capture_on_commit_callbacks(execute=True):
        services.business_claim_decide(
            actor=officer_bogor, claim=claim, approve=True, note="Dokumen lengkap."
        )
    notification = Notification.objects.get()
    assert (notification.recipient, notification.event, notification.subject, notification.body) == (
        owner, "claim_decided", "Klaim usaha Anda disetujui",
        "Klaim Anda atas Keripik Talas Bu Euis telah disetujui. Dokumen lengkap.",
    )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["calon.pemilik@sinergi.test"]]


def test_claim_rejected(umkm_bogor, officer_bogor):
    owner = UserFactory()
    claim = services.business_claim_submit(actor=owner, organization=umkm_bogor)
    services.business_claim_decide(actor=officer_bogor, claim=claim, approve=False)
    assert list(Notification.objects.values_list("recipient", "subject")) == [
        (owner.pk, "Klaim usaha Anda ditolak")
    ]


def test_refused_decision_tells_no_one(umkm_bogor, officer_bandung):
    claim = services.business_claim_submit(actor=UserFactory(), organization=umkm_bogor)
    with pytest.raises(PermissionDenied):
        services.business_claim_decide(actor=officer_bandung, claim=claim, approve=True)
    assert Notification.objects.count() == 0


def test_correction_handled(admin_bogor, officer_bandung, umkm_owner):
    request = services.correction_request_create(actor=umkm_owner, text="Nomor HP saya salah")
    with pytest.raises(PermissionDenied):
        services.correction_request_resolve(actor=officer_bandung, correction=request, status="done")
    assert Notification.objects.count() == 0
    services.correction_request_resolve(
        actor=admin_bogor, correction=request, status="done", response="Sudah diganti."
    )
    notification = Notification.objects.get()
    assert (notification.recipient, notification.subject, notification.body, notification.url) == (
        umkm_owner, "Permintaan koreksi data Anda selesai", "Tanggapan petugas: Sudah diganti.",
        "/akun/profil/data-saya/",
    )  # fmt: skip
