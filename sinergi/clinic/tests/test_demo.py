"""The clinic demo on top of the registry and health demos: cases at every stage, idempotent."""

import pytest
from django.db import transaction

from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.services import system_user
from sinergi.clinic import demo as clinic_demo
from sinergi.clinic import selectors
from sinergi.clinic.models import Case, Programme
from sinergi.core.models import AuditEvent
from sinergi.health import demo as health_demo
from sinergi.registry import demo as registry_demo


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        actor = system_user()
        accounts_demo.seed(actor=actor)
        registry_demo.seed(actor=actor)
        health_demo.seed(actor=actor)
        logins = clinic_demo.seed(actor=actor)
        yield logins
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_has_cases_at_every_stage(demo_world):
    programme = Programme.objects.get(region_code="32.71")
    assert (programme.programme_year, programme.target_participants, programme.target_good) == (2, 30, 10)
    stages = set(Case.objects.filter(programme=programme).values_list("stage", flat=True))
    assert stages == {"requested", "enrolled", "diagnosis", "plan", "follow_up", "closed"}
    closed = Case.objects.filter(programme=programme, stage="closed")
    assert all(c.result and c.good is not None for c in closed)
    from sinergi.clinic import tallies

    assert tallies.differences() == []
    assert {email for email, _task in demo_world} == {"pakar@sinergi.test", "mitra.bank@sinergi.test"}


@pytest.mark.django_db
def test_demo_is_idempotent(demo_world):
    actor = system_user()
    cases, events = Case.objects.count(), AuditEvent.objects.count()
    clinic_demo.seed(actor=actor)
    assert (Case.objects.count(), AuditEvent.objects.count()) == (cases, events)


@pytest.mark.django_db
def test_demo_expert_sees_assigned_cases_only(demo_world):
    from sinergi.accounts.models import User

    pakar = User.objects.get(email="pakar@sinergi.test")
    assigned = set(selectors.case_list(user=pakar).values_list("pk", flat=True))
    assert assigned == set(Case.objects.filter(team__user=pakar).values_list("pk", flat=True))
    assert 0 < len(assigned) < Case.objects.count()
