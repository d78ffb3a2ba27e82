"""Nobody is shown a form they may not submit: an office viewer sees the lists, not the actions, and a
post sent anyway is refused with nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.accounts.models import BusinessClaim
from sinergi.accounts.services import business_claim_submit
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent
from sinergi.registry.models import ImportBatch


@pytest.mark.django_db
def test_a_viewer_is_not_shown_the_import_form_and_cannot_upload(client, viewer_bogor, officer_bogor):
    client.force_login(viewer_bogor)
    html = client.get("/registri/impor/").content.decode()
    assert 'enctype="multipart/form-data"' not in html
    assert "Unggah dan periksa" not in html
    sheet = SimpleUploadedFile("umkm.csv", b"nama_usaha,desa\nA,B\n", content_type="text/csv")
    response = client.post("/registri/impor/", {"kind": "umkm", "file": sheet})
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0
    client.force_login(officer_bogor)
    assert 'enctype="multipart/form-data"' in client.get("/registri/impor/").content.decode()


@pytest.mark.django_db
def test_a_viewer_sees_claims_without_the_decision_buttons(client, viewer_bogor, officer_bogor, umkm_bogor):
    owner = UserFactory(email="calon.pemilik@sinergi.test", full_name="Euis Rahmawati")
    claim = business_claim_submit(actor=owner, organization=umkm_bogor, evidence="Saya pemiliknya")
    events = AuditEvent.objects.count()
    client.force_login(viewer_bogor)
    html = client.get("/akun/klaim/tinjau/").content.decode()
    assert "Keripik Talas Bu Euis" in html
    assert 'name="decision"' not in html
    response = client.post(f"/registri/klaim/{claim.pk}/putuskan/", {"decision": "reject", "note": ""})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == BusinessClaim.Status.PENDING and AuditEvent.objects.count() == events
    client.force_login(officer_bogor)
    assert 'name="decision"' in client.get("/akun/klaim/tinjau/").content.decode()


@pytest.mark.django_db
def test_the_duplicate_queue_filter_and_scan_pickers_do_not_share_ids(client, officer_bogor):
    import re
    from collections import Counter

    client.force_login(officer_bogor)
    html = client.get("/registri/duplikat/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'id="id_scan_region_2"' in html and 'id="id_region_2"' in html
