"""Date inputs carry yyyy-mm-dd in every language, so saving a form untouched keeps its dates.

A browser discards an `<input type="date">` value that is not ISO and submits the field empty:
with the Indonesian format (03-06-2026) every untouched save erased the form's dates.
"""

import datetime as dt
import inspect

import pytest
from django import forms
from django.utils import translation

from sinergi.accounts import forms as account_forms
from sinergi.assistance import forms as assistance_forms
from sinergi.clinic import forms as clinic_forms
from sinergi.consignment import forms as consignment_forms
from sinergi.core.forms import IsoDateInput
from sinergi.events import forms as event_forms
from sinergi.health import forms as health_forms
from sinergi.health.supervision import forms as supervision_forms
from sinergi.market import forms as market_forms
from sinergi.partnerships import forms as partnerships_forms
from sinergi.purchasing import forms as purchasing_forms
from sinergi.registry import forms as registry_forms
from sinergi.registry import forms_networks as network_forms
from sinergi.registry.models import BusinessProfile, CooperativeProfile
from sinergi.registry.services import business_register, cooperative_register
from sinergi.tests.html_forms import form_data

FORM_MODULES = (
    account_forms,
    assistance_forms,
    clinic_forms,
    consignment_forms,
    event_forms,
    health_forms,
    supervision_forms,
    market_forms,
    network_forms,
    partnerships_forms,
    purchasing_forms,
    registry_forms,
)


def _date_fields():
    for module in FORM_MODULES:
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for field_name, field in cls.base_fields.items():
                    if isinstance(field, forms.DateField):
                        yield f"{module.__name__}.{name}.{field_name}", field


def test_every_date_field_of_every_form_uses_the_iso_widget():
    fields = dict(_date_fields())
    assert "sinergi.registry.forms.CooperativeFormBase.legal_date" in fields
    assert "sinergi.purchasing.forms.PriceListForm.valid_from" in fields
    assert "sinergi.health.forms.AnnualReportForm.rat_date" in fields
    assert "sinergi.events.forms.EventForm.date" in fields
    wrong = sorted(name for name, field in fields.items() if not isinstance(field.widget, IsoDateInput))
    assert wrong == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_iso_widget_renders_yyyy_mm_dd_in_every_language(language):
    with translation.override(language):
        html = IsoDateInput().render("legal_date", dt.date(2026, 6, 3))
    assert 'type="date"' in html and 'value="2026-06-03"' in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_date_field_reads_back_the_iso_value(language):
    class Form(forms.Form):
        day = forms.DateField(widget=IsoDateInput())

    with translation.override(language):
        form = Form({"day": "2026-06-03"})
        assert form.is_valid()
    assert form.cleaned_data["day"] == dt.date(2026, 6, 3)


@pytest.fixture
def dated_cooperative(officer_bogor):
    today = dt.date.today()
    return cooperative_register(
        actor=officer_bogor,
        name="KSP Mekar Jaya",
        region_code="32.71.03.1002",
        legal_date=today - dt.timedelta(days=3000),
        amendment_date=today - dt.timedelta(days=900),
        founded_on=today - dt.timedelta(days=3100),
        last_rat_date=today - dt.timedelta(days=120),
    )


DATE_FIELDS = ("legal_date", "amendment_date", "founded_on", "last_rat_date")


@pytest.mark.django_db
def test_untouched_cooperative_edit_in_indonesian_keeps_its_dates(client, officer_bogor, dated_cooperative):
    before = CooperativeProfile.objects.values(*DATE_FIELDS).get(pk=dated_cooperative.pk)
    client.force_login(officer_bogor)
    url = f"/registri/koperasi/{dated_cooperative.pk}/ubah/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
    assert page.wsgi_request.LANGUAGE_CODE == "id"
    data, dates = form_data(page.content.decode(), "legal_date")
    assert dates == {name: before[name].isoformat() for name in DATE_FIELDS}

    response = client.post(url, data)
    assert response.status_code == 302
    assert CooperativeProfile.objects.values(*DATE_FIELDS).get(pk=dated_cooperative.pk) == before


@pytest.mark.django_db
def test_untouched_business_edit_in_indonesian_keeps_its_founding_date(client, officer_bogor):
    founded = dt.date.today() - dt.timedelta(days=2000)
    business = business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003", founded_on=founded
    )
    client.force_login(officer_bogor)
    url = f"/registri/umkm/{business.pk}/ubah/"
    data, dates = form_data(client.get(url).content.decode(), "founded_on")
    assert dates == {"founded_on": founded.isoformat()}
    assert client.post(url, data).status_code == 302
    assert BusinessProfile.objects.get(pk=business.pk).founded_on == founded


@pytest.mark.django_db
def test_status_form_offers_today_as_iso(client, officer_bogor, dated_cooperative):
    client.force_login(officer_bogor)
    page = client.get(f"/registri/koperasi/{dated_cooperative.pk}/").content.decode()
    _data, dates = form_data(page, "effective_on")
    assert dates == {"effective_on": dt.date.today().isoformat()}
