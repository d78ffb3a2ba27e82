"""Pages: status, scope (other region sees nothing), one happy path each, refusals change nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sinergi.assistance import services
from sinergi.assistance.models import Application, Handover
from sinergi.assistance.tests.factories import jpeg_upload, signature_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(apply, shops, etalase, freezer, programme, coop_manager):
    apps = [apply(shops[0], etalase, retail="1"), apply(shops[1], freezer), apply(shops[2], etalase)]
    services.applications_close(actor=coop_manager, programme=programme)
    services.selection_run(actor=coop_manager, programme=programme)
    return [Application.objects.get(pk=a.pk) for a in apps]


def test_pages_render_for_the_runner(as_user, coop_manager, programme, run):
    client = as_user(coop_manager)
    application = run[0]
    for url in [
        reverse("assistance:index"),
        reverse("assistance:programme_detail", args=[programme.pk]),
        reverse("assistance:application_detail", args=[application.pk]),
        reverse("assistance:handover_create", args=[application.pk]),
        reverse("assistance:grievances", args=[programme.pk]),
        reverse("assistance:outcomes", args=[programme.pk]),
        reverse("assistance:warung_assets", args=[application.business_id]),
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("assistance:programme_detail", args=[programme.pk]))
    assert [a.business.name for a in page.context["applications"]] == [
        "Warung Bu Ani",
        "Warung Bu Cici",
        "Warung Pak Budi",
    ]
    assert page.context["budget_left"] == 0


def test_other_region_sees_nothing(as_user, officer_bandung, programme, run):
    client = as_user(officer_bandung)
    assert client.get(reverse("assistance:programme_detail", args=[programme.pk])).status_code == 404
    assert client.get(reverse("assistance:application_detail", args=[run[0].pk])).status_code == 404
    assert client.get(reverse("assistance:outcomes", args=[programme.pk])).status_code == 404
    assert client.get(reverse("assistance:index")).context["programmes"] == []


def test_office_of_the_region_reads_the_cooperative_programme(as_user, viewer_bogor, programme, run):
    client = as_user(viewer_bogor)
    assert client.get(reverse("assistance:programme_detail", args=[programme.pk])).status_code == 200
    response = client.post(reverse("assistance:programme_step", args=[programme.pk, "seleksi"]))
    assert response.status_code == 403


def test_application_page_form_outside_region_refused_nothing_stored(
    as_user, coop_manager, programme, etalase
):
    from sinergi.assistance.tests.factories import warung

    outside = warung("Warung Bogor Tengah", region="32.71.03.1002", nik="3271064107850055")
    client = as_user(coop_manager)
    url = reverse("assistance:application_create", args=[programme.pk])
    response = client.post(
        url,
        {"business": outside.pk, "package": etalase.pk, "baseline_revenue": "1000000",
         "c_retail_nearby": "0.5", "c_revenue_drop": "0.5", "c_dependants": "0"},
    )  # fmt: skip
    # The business is outside the target regions: not even offered on the form.
    assert response.status_code == 200
    assert "business" in response.context["form"].errors
    assert Application.objects.count() == 0


def test_application_by_form_with_photo(as_user, coop_manager, programme, etalase, shops):
    client = as_user(coop_manager)
    response = client.post(
        reverse("assistance:application_create", args=[programme.pk]),
        {"business": shops[0].pk, "package": etalase.pk, "baseline_revenue": "2500000", "c_retail_nearby": "0.7",
         "c_revenue_drop": "0.4", "c_dependants": "1", "photo": jpeg_upload()},
    )  # fmt: skip
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.criteria["dependants"] == "1"
    assert application.photo


def test_handover_page_with_signature_then_second_refused(as_user, coop_manager, run):
    client = as_user(coop_manager)
    url = reverse("assistance:handover_create", args=[run[0].pk])
    data = {"handed_on": timezone.localdate().isoformat(), "items": "Etalase kaca 1 m", "address": "Jl. A",
            "confirmation": "signature", "signature": signature_url()}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Handover.objects.count() == 1
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Paket ini sudah diserahkan kepada warung ini."]
    assert Handover.objects.count() == 1


def test_visit_page_before_handover_redirects_with_reason(as_user, coop_manager, run):
    client = as_user(coop_manager)
    response = client.get(reverse("assistance:visit_record", args=[run[0].pk, 3]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Belum ada serah terima untuk warung ini."]


def test_outcome_pdf(as_user, coop_manager, programme, run, office_bogor):
    response = as_user(coop_manager).get(reverse("assistance:outcomes_pdf", args=[programme.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_owner_sees_own_application_only(as_user, umkm_owner, umkm_bogor, programme, run):
    client = as_user(umkm_owner)
    assert client.get(reverse("assistance:application_detail", args=[run[0].pk])).status_code == 404
    assert client.get(reverse("assistance:warung_assets", args=[run[0].business_id])).status_code == 404
    assert client.get(reverse("assistance:warung_assets", args=[umkm_bogor.pk])).status_code == 200


def test_english_interface(as_user, coop_manager, programme, run, settings):
    client = as_user(coop_manager)
    client.cookies["sinergi_lang"] = "en"
    assert client.get(reverse("assistance:programme_detail", args=[programme.pk])).status_code == 200


def test_grievance_page_files_and_answers(as_user, coop_manager, programme, run):
    client = as_user(coop_manager)
    url = reverse("assistance:grievances", args=[programme.pk])
    assert (
        client.post(url, {"kind": "complaint", "text": "Freezer rusak", "application": run[1].pk}).status_code
        == 302
    )
    grievance = programme.grievances.get()
    assert grievance.due_on == timezone.localdate() + dt.timedelta(days=14)
    client.post(
        reverse("assistance:grievance_answer", args=[programme.pk, grievance.pk]), {"answer": "Diganti"}
    )
    grievance.refresh_from_db()
    assert (grievance.status, grievance.answer) == ("answered", "Diganti")


def test_programme_created_through_the_form(as_user, officer_bogor, office_bogor):
    from sinergi.assistance.models import Programme

    today = timezone.localdate()
    response = as_user(officer_bogor).post(
        reverse("assistance:programme_create"),
        {"organization": office_bogor.pk, "name": "Warung Naik Kelas", "budget": "20000000",
         "opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=30)).isoformat(),
         "target_regions": "32.71.06, 32.71.01", "max_scale": "kecil", "min_months_operating": "6",
         "aided_within_months": "0", "check_nik": "on", "amount_due": "0", "grievance_days": "14",
         "w_retail_nearby": "2", "w_dependants": "1.5", "w_revenue_drop": "", "w_woman_owner": "0",
         "w_years_operating": "0"},
    )  # fmt: skip
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert (programme.region_code, programme.target_regions) == ("32.71", ["32.71.01", "32.71.06"])
    assert programme.weights == {"retail_nearby": "2", "dependants": "1.5"}


def test_same_period_rule_through_form_and_api(as_user, coop_manager, programme, etalase, shops):
    from sinergi.assistance.models import Programme

    Programme.objects.filter(pk=programme.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    client = as_user(coop_manager)
    page = client.post(
        reverse("assistance:application_create", args=[programme.pk]),
        {"business": shops[0].pk, "package": etalase.pk, "baseline_revenue": "1", "c_retail_nearby": "0",
         "c_revenue_drop": "0", "c_dependants": "0"},
    )  # fmt: skip
    api = client.post(
        f"/api/v1/assistance/programmes/{programme.pk}/applications",
        {"business_id": shops[0].pk, "package_id": etalase.pk, "baseline_revenue": "1"},
        content_type="application/json",
    )
    reason = "Permohonan di luar masa pendaftaran program."
    assert page.context["form"].non_field_errors() == [reason]
    assert api.json()["errors"] == {"applied_at": [reason]}
    assert Application.objects.count() == 0


def test_owner_applies_on_a_phone_for_own_shop(as_user, umkm_owner, umkm_bogor, programme, etalase):
    from sinergi.registry.models import BusinessProfile

    BusinessProfile.objects.create(
        organization=umkm_bogor, region_code="32.71.06.1003", district_code="32.71.06", regency_code="32.71",
        name_key="keripik", owner_nik="3271064107850003", owner_gender="P", scale="mikro",
        founded_on=dt.date(2015, 6, 1),
    )  # fmt: skip
    client = as_user(umkm_owner)
    index = client.get(reverse("assistance:index"))
    assert [(b.name, [p.name for p in ps]) for b, ps in index.context["open_for_me"]] == [
        ("Keripik Talas Bu Euis", ["Warung Tetangga Kita"])
    ]
    form = client.get(reverse("assistance:application_create", args=[programme.pk])).context["form"]
    assert [b.name for b in form.fields["business"].queryset] == ["Keripik Talas Bu Euis"]
    response = client.post(
        reverse("assistance:application_create", args=[programme.pk]),
        {"business": umkm_bogor.pk, "package": etalase.pk, "baseline_revenue": "2000000", "c_retail_nearby": "0.6",
         "c_revenue_drop": "0.3", "c_dependants": "0.5", "photo": jpeg_upload()},
    )  # fmt: skip
    application = Application.objects.get()
    assert response.url == reverse("assistance:application_detail", args=[application.pk])
    assert application.by_owner is True
    page = client.get(reverse("assistance:programme_detail", args=[programme.pk]))
    assert page.url == reverse("assistance:application_detail", args=[application.pk])


def test_owner_nik_masked_for_an_office_viewer(as_user, viewer_bogor, coop_manager, run):
    url = reverse("assistance:application_detail", args=[run[0].pk])
    assert "3271064107850011" in as_user(coop_manager).get(url).content.decode()
    page = as_user(viewer_bogor).get(url).content.decode()
    assert "3271064107850011" not in page
    assert "3271********0011" in page
