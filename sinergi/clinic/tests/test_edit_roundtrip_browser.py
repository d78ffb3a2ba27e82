"""The clinic's edit pages, opened and saved untouched in a real browser in both languages, change
nothing and write no audit event."""

import pytest

from conftest import login
from sinergi.clinic import services
from sinergi.clinic.models import Case, Problem, Programme
from sinergi.core.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_and_save(page, user, language, url):
    login(page, user.email)
    page.wait_for_url(page.base_url + "/")
    page.context.add_cookies([{"name": "sinergi_lang", "value": language, "url": page.base_url}])
    page.goto(page.base_url + url)
    assert page.locator("html").get_attribute("lang") == language
    with page.expect_navigation():
        page.click("main form.stack button[type=submit]")


@pytest.mark.parametrize("language", ["id", "en"])
def test_programme_edit_untouched(page, officer_bogor, programme, language):
    before = Programme.objects.values().get(pk=programme.pk)
    events = AuditEvent.objects.count()
    _open_and_save(page, officer_bogor, language, f"/klinik/program/{programme.pk}/ubah/")
    assert page.url.endswith(f"/klinik/program/{programme.pk}/")
    assert Programme.objects.values().get(pk=programme.pk) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("language", ["id", "en"])
def test_problem_edit_untouched(page, officer_bogor, problems, language):
    problem = problems["M01"]
    before = Problem.objects.values().get(pk=problem.pk)
    events = AuditEvent.objects.count()
    _open_and_save(page, officer_bogor, language, f"/klinik/penyakit/{problem.pk}/")
    assert page.url.endswith("/klinik/penyakit/")
    assert Problem.objects.values().get(pk=problem.pk) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("language", ["id", "en"])
def test_intake_untouched(page, coop_manager, enrolled, language):
    services.case_intake_save(
        actor=coop_manager, case=enrolled, answers={"marketing": {"felt": True, "note": "Pasar sempit"}}
    )
    before = Case.objects.values("intake", "intake_at").get(pk=enrolled.pk)
    events = AuditEvent.objects.count()
    _open_and_save(page, coop_manager, language, f"/klinik/kasus/{enrolled.pk}/kuesioner/")
    assert page.url.endswith(f"/klinik/kasus/{enrolled.pk}/")
    assert Case.objects.values("intake", "intake_at").get(pk=enrolled.pk) == before
    assert AuditEvent.objects.count() == events
