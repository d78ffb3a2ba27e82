"""`sinergi partnerships_daily --json` prints one JSON document."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sinergi.partnerships.tests.conftest import sign_all

pytestmark = pytest.mark.django_db


def test_daily_json(officer_kab, draft, today):
    sign_all(officer_kab, draft, today)
    out = StringIO()
    later = draft.end_on + dt.timedelta(days=1)
    call_command("partnerships_daily", "--json", f"--date={later.isoformat()}", stdout=out)
    assert json.loads(out.getvalue()) == {
        "activated": 0, "expired": 1, "reminded": 0, "refreshed": 0, "overdue": 0, "notifications": 0
    }  # fmt: skip


def test_bad_date_is_an_error_in_json(db):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("partnerships_daily", "--json", "--date=kemarin", stdout=out)
    assert json.loads(out.getvalue()) == {"error": "bad_date", "detail": ["kemarin"]}
