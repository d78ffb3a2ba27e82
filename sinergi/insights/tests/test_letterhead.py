"""The office letterhead: the NIP and logo rules through the form and the service, who may edit."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sinergi.accounts.models import Letterhead
from sinergi.core.models import AuditEvent
from sinergi.insights import letterhead as kop

URL = reverse("insights:letterhead")
GOOD_NIP = "196805121990031004"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image(kind="PNG", name="logo.png", size=(40, 40)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (11, 107, 69)).save(out, kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_nip_rule():
    assert kop.nip_problem(GOOD_NIP) is None
    assert kop.nip_problem("") is None
    assert kop.nip_problem("19680512199003100") == "nip_length"
    assert kop.nip_problem("1968051219900310041") == "nip_length"
    assert kop.nip_problem("19680512199003100A") == "nip_length"
    assert kop.nip_problem("１９６８０５１２１９９００３１００４") == "nip_length"


def test_logo_rule():
    assert kop.logo_problem(image()) is None
    assert kop.logo_problem(image("JPEG", "logo.jpg")) is None
    assert kop.logo_problem(image("GIF", "logo.png")) == "logo_not_image"
    assert kop.logo_problem(SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png")) == (
        "logo_not_image"
    )
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * kop.LOGO_MAX_BYTES, content_type="image/png")
    assert kop.logo_problem(big) == "logo_too_large"


@pytest.mark.django_db
def test_admin_saves_letterhead_with_logo_and_audit(admin_bogor, office_bogor):
    saved = kop.letterhead_save(
        admin_bogor, office_bogor, logo=image(), office_name="Dinas KUMKM Kota Bogor", signer_nip=GOOD_NIP
    )
    assert saved.logo.name == f"kop/kop-{office_bogor.pk}.png"
    assert (saved.office_name, saved.signer_nip) == ("Dinas KUMKM Kota Bogor", GOOD_NIP)
    event = AuditEvent.objects.get(action="letterhead.save")
    assert event.organization_id == office_bogor.pk
    assert event.after["office_name"] == "Dinas KUMKM Kota Bogor"
    assert event.after["logo"] is True


@pytest.mark.django_db
def test_service_refuses_a_bad_nip_and_changes_nothing(admin_bogor, office_bogor):
    kop.letterhead_save(admin_bogor, office_bogor, signer_name="Bambang", signer_nip=GOOD_NIP)
    with pytest.raises(ValidationError) as error:
        kop.letterhead_save(admin_bogor, office_bogor, signer_name="Budi", signer_nip="12345")
    assert error.value.message_dict == {"signer_nip": ["NIP terdiri atas 18 angka."]}
    stored = Letterhead.objects.get(office=office_bogor)
    assert (stored.signer_name, stored.signer_nip) == ("Bambang", GOOD_NIP)
    assert AuditEvent.objects.filter(action="letterhead.save").count() == 1


@pytest.mark.django_db
def test_service_refuses_staff_and_another_office(officer_bogor, officer_bandung, office_bogor):
    for actor in (officer_bogor, officer_bandung):
        with pytest.raises(PermissionDenied):
            kop.letterhead_save(actor, office_bogor, signer_name="Budi")
    assert not Letterhead.objects.exists()
    assert not AuditEvent.objects.filter(action="letterhead.save").exists()


@pytest.mark.django_db
def test_page_saves_through_the_form(as_user, admin_bogor, office_bogor):
    client = as_user(admin_bogor)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL,
        {"government": "Pemerintah Kota Bogor", "office_name": "Dinas KUMKM", "city": "Bogor",
         "signer_title": "Kepala Dinas", "signer_name": "Bambang", "signer_nip": GOOD_NIP, "logo": image()},
    )  # fmt: skip
    assert response.status_code == 302
    stored = Letterhead.objects.get(office=office_bogor)
    assert (stored.government, stored.city, stored.signer_nip) == ("Pemerintah Kota Bogor", "Bogor", GOOD_NIP)
    assert bool(stored.logo)
    assert client.get(reverse("insights:letterhead_logo")).status_code == 200


@pytest.mark.django_db
def test_form_shows_the_same_reasons_and_changes_nothing(as_user, admin_bogor, office_bogor):
    client = as_user(admin_bogor)
    response = client.post(
        URL, {"signer_name": "Budi", "signer_nip": "1968 0512", "logo": image("GIF", "logo.gif")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "signer_nip": ["NIP terdiri atas 18 angka."],
        "logo": ["Logo harus berupa gambar PNG atau JPEG."],
    }
    assert not Letterhead.objects.exists()
    assert not AuditEvent.objects.filter(action="letterhead.save").exists()


@pytest.mark.django_db
def test_others_get_403(as_user, officer_bogor, viewer_bogor, umkm_owner, office_bogor):
    for user in (officer_bogor, viewer_bogor, umkm_owner):
        client = as_user(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"signer_name": "Budi"}).status_code == 403
    assert not Letterhead.objects.exists()


@pytest.mark.django_db
def test_another_office_admin_cannot_pick_bogor(as_user, office_bogor, office_bandung):
    from sinergi.accounts.tests.factories import MembershipFactory, UserFactory

    admin_bandung = MembershipFactory(
        user=UserFactory(email="admin.bandung@sinergi.test"), organization=office_bandung, role="admin"
    ).user
    client = as_user(admin_bandung)
    assert client.get(f"{URL}?kantor={office_bogor.pk}").status_code == 404
    assert client.post(f"{URL}?kantor={office_bogor.pk}", {"signer_name": "Budi"}).status_code == 404
    assert not Letterhead.objects.exists()
