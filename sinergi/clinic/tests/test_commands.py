import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sinergi.clinic import services
from sinergi.clinic.models import Recommendation
from sinergi.clinic.tests.factories import assessed
from sinergi.core.models import Notification

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_clinic_progress_json(
    officer_bogor, programme, following, coop_profile, this_year, programme_bandung
):
    assessed(coop_profile, year=this_year - 1, predicate="dalam_pengawasan_khusus", total="45.00")
    services.case_close(actor=officer_bogor, case=following)
    document = json.loads(run("clinic_progress", "--year", str(this_year), "--json"))
    assert document["year"] == this_year
    bogor = next(p for p in document["programmes"] if p["id"] == programme.pk)
    assert {k: v for k, v in bogor.items() if k not in ("id", "name", "office", "year")} == {
        "target_participants": 30, "target_good": 10, "participants": 1, "closed": 1, "good": 0,
        "improved": 0, "unchanged": 0, "worse": 1,
    }  # fmt: skip
    assert len(document["programmes"]) == 2
    assert json.loads(run("clinic_progress", "--year", "1999", "--json")) == {"year": 1999, "programmes": []}


def test_clinic_progress_needs_year():
    with pytest.raises(CommandError):
        run("clinic_progress", "--json")


def test_clinic_remind_once_a_day(following):
    reco = Recommendation.objects.get()
    reco.due_on = timezone.localdate() - dt.timedelta(days=1)
    reco.save()
    first = json.loads(run("clinic_remind", "--json"))
    assert (first["recommendations"], first["visits"]) == (1, 0)
    assert first["notifications"] == Notification.objects.count() > 0
    assert json.loads(run("clinic_remind", "--json")) == {
        "recommendations": 0,
        "visits": 0,
        "notifications": 0,
    }
    assert "0 rekomendasi" in run("clinic_remind")
