"""Two transactions creating the same tally row at once both count (PostgreSQL, real threads)."""

import threading
import time

import pytest
from django.db import connection, transaction

from sinergi.registry import services, tallies
from sinergi.registry.models import CooperativeTally

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL (DATABASE_URL)"
)
KEY = ("32.71.03.1002", "aktif", "jasa", "primer")


def at_once(*jobs):
    start = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            start.wait()
            job()
        except Exception as exc:  # the test inspects it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return errors


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_deltas_of_one_key_at_once():
    def add(members):
        with transaction.atomic():
            tallies.apply_deltas(tallies.COOPERATIVES, {KEY: [1, members, 0, 0, 0]})
            time.sleep(0.3)  # both are inside their transaction before either commits

    assert at_once(lambda: add(5), lambda: add(7)) == []
    row = CooperativeTally.objects.get(region_code=KEY[0])
    assert (row.count, row.members_male) == (2, 12)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_registrations_in_one_new_key_at_once(officer_bogor):
    def register(name):
        services.cooperative_register(
            actor=officer_bogor, name=name, region_code=KEY[0], cooperative_type="jasa", members_male=3
        )

    assert at_once(lambda: register("Koperasi Jasa Satu"), lambda: register("Koperasi Jasa Dua")) == []
    # The village row and each rolled-up row (kecamatan, regency, province; by status and by type).
    rows = CooperativeTally.objects.order_by("layer").values_list("layer", "count", "members_male")
    assert list(rows) == [(layer, 2, 6) for layer in range(len(tallies.COOPERATIVES.layers))]
    assert tallies.differences() == []
