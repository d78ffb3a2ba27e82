import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from sinergi.market import services

pytestmark = pytest.mark.django_db


def test_legality_check_prints_one_json_document(keripik, umkm_owner):
    today = timezone.localdate()
    services.legality_save(actor=umkm_owner, product=keripik, kind="sni", number="SPPT-SNI 01-1234",
                           expires_on=today + dt.timedelta(days=20))  # fmt: skip
    out = io.StringIO()
    call_command("market_legality_check", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "checked": 1, "changed": 0, "expiring": 1, "expired": 0, "notifications": 1,
    }  # fmt: skip
    out = io.StringIO()
    call_command("market_legality_check", "--json", stdout=out)
    assert json.loads(out.getvalue())["notifications"] == 0
