"""Reopening a round closed by mistake: only its coordinator, only before it is optimised."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.core.models import AuditEvent
from sinergi.purchasing import services
from sinergi.purchasing.models import Round, RoundStatus
from sinergi.purchasing.tests.conftest import order

pytestmark = pytest.mark.django_db


def state(round):
    row = Round.objects.get(pk=round.pk)
    return row.status, row.closes_at, row.closed_at


def test_coordinator_reopens_a_closed_round_until_a_new_time(coordinator, closed_round, cooperative_bandung):
    old_closes_at = closed_round.closes_at
    closed_at = closed_round.closed_at
    new_time = (timezone.now() + dt.timedelta(days=2)).replace(second=37, microsecond=5)
    round = services.round_reopen(actor=coordinator, round=closed_round, closes_at=new_time)
    row = Round.objects.get(pk=closed_round.pk)
    assert row.status == RoundStatus.OPEN
    assert row.closes_at == new_time.replace(second=0, microsecond=0)
    assert row.closed_at is None
    assert round.status == RoundStatus.OPEN
    event = AuditEvent.objects.get(action="purchasing.round.reopen")
    assert event.actor == coordinator
    assert event.before == {
        "status": "closed",
        "closes_at": old_closes_at.isoformat(),
        "closed_at": closed_at.isoformat(),
    }
    assert event.after == {
        "status": "open",
        "closes_at": new_time.replace(second=0, microsecond=0).isoformat(),
        "closed_at": None,
    }
    # Members order again.
    saved = order(coordinator, row, cooperative_bandung, **{"beras-medium-5kg": 61})
    assert [(line.product.code, line.qty) for line in saved.lines.all()] == [("beras-medium-5kg", 61)]


def test_the_due_check_leaves_a_reopened_round_open(system, coordinator, closed_round):
    services.round_reopen(
        actor=coordinator, round=closed_round, closes_at=timezone.now() + dt.timedelta(hours=3)
    )
    assert services.rounds_close_due(actor=system) == []
    assert Round.objects.get(pk=closed_round.pk).status == RoundStatus.OPEN


def test_a_closing_time_in_the_past_is_refused_and_nothing_changes(coordinator, closed_round):
    before = state(closed_round)
    with pytest.raises(ValidationError) as info:
        services.round_reopen(
            actor=coordinator, round=closed_round, closes_at=timezone.now() - dt.timedelta(minutes=5)
        )
    assert info.value.message_dict == {"closes_at": ["Waktu tutup yang baru harus di masa depan."]}
    assert state(closed_round) == before
    assert not AuditEvent.objects.filter(action="purchasing.round.reopen").exists()


def test_only_the_coordinator_reopens(bandung_manager, supplier, officer_bogor, closed_round):
    before = state(closed_round)
    for user in (bandung_manager, supplier, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.round_reopen(
                actor=user, round=closed_round, closes_at=timezone.now() + dt.timedelta(days=1)
            )
    assert state(closed_round) == before
    assert not AuditEvent.objects.filter(action="purchasing.round.reopen").exists()


def test_an_optimised_round_cannot_be_reopened(coordinator, optimised_round):
    before = state(optimised_round)
    with pytest.raises(ValidationError) as info:
        services.round_reopen(
            actor=coordinator, round=optimised_round, closes_at=timezone.now() + dt.timedelta(days=1)
        )
    assert info.value.messages == [
        "Hanya putaran yang sudah ditutup dan belum dioptimalkan yang dapat dibuka kembali."
    ]
    assert state(optimised_round) == before
    assert Round.objects.get(pk=optimised_round.pk).status == RoundStatus.OPTIMISED
    assert not AuditEvent.objects.filter(action="purchasing.round.reopen").exists()


def test_an_open_round_is_not_reopened(coordinator, open_round):
    with pytest.raises(ValidationError):
        services.round_reopen(
            actor=coordinator, round=open_round, closes_at=timezone.now() + dt.timedelta(days=1)
        )
    assert Round.objects.get(pk=open_round.pk).status == RoundStatus.OPEN
