"""`sinergi registry_dedup`: one JSON document on stdout, errors as JSON and a non-zero exit."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from sinergi.core.models import AuditEvent
from sinergi.registry import services
from sinergi.registry.models import DuplicateCandidate


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("registry_dedup", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def twins(officer_bogor, officer_bandung):
    a = services.business_register(actor=officer_bogor, name="Bakso Mang Ujang", region_code="32.71.06.1003",
                                   owner_name="Ujang Suryana", phone="081311112222")  # fmt: skip
    b = services.business_register(actor=officer_bogor, name="Bakso Mang Ujang 2", region_code="32.71.06.1003",
                                   owner_name="Ujang Suryana", phone="081311112222")  # fmt: skip
    services.business_register(actor=officer_bandung, name="Batagor Kang Asep", region_code="32.73.02.1004",
                               owner_name="Asep Hidayat", phone="081300004444")  # fmt: skip
    services.business_register(actor=officer_bandung, name="Batagor Kang Asep", region_code="32.73.02.1004",
                               owner_name="Asep Hidayat", phone="081300004444")  # fmt: skip
    return a, b


@pytest.mark.django_db
def test_json_dry_run_stores_nothing(twins):
    a, b = twins
    out, err = run("--kind", "umkm", "--region", "32.71", "--json", "--dry-run")
    body = json.loads(out)
    seconds = body.pop("seconds")
    assert isinstance(seconds, float) and seconds >= 0
    assert body == {
        "kind": "umkm",
        "pairs": 1,
        "added": 0,
        "top": [{"left": a.pk, "right": b.pk, "score": 100.0,
                 "reasons": {"name": 100.0, "phone": "same", "owner": 100.0}}],
    }  # fmt: skip
    assert out.count("\n") == 1 and "dedup umkm" in err  # one line of JSON; progress on stderr
    assert not DuplicateCandidate.objects.exists()


@pytest.mark.django_db
def test_scan_stores_pairs_once(twins):
    out, _err = run("--kind", "umkm", "--json")
    assert (json.loads(out)["pairs"], json.loads(out)["added"]) == (2, 2)
    out, _err = run("--kind", "umkm", "--json")
    assert (json.loads(out)["pairs"], json.loads(out)["added"]) == (2, 0)
    assert DuplicateCandidate.objects.count() == 2
    assert (
        AuditEvent.objects.filter(action="duplicate.scan", actor_label="system@sinergi.invalid").count() == 2
    )
    text, _err = run("--kind", "umkm", "--region", "32.73")
    assert text.startswith("1 pasangan mirip, 0 baru masuk antrean (umkm 32.73,")


@pytest.mark.django_db
def test_errors_as_json_and_nonzero_exit(db):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("registry_dedup", "--kind", "toko", "--json", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue()) == {
        "error": "Jenis tidak dikenal / unknown kind: toko",
        "detail": ["pilihan / choices: umkm, cooperative"],
    }
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "registry_dedup",
            "--kind",
            "umkm",
            "--region",
            "99.99",
            "--json",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert json.loads(out.getvalue()) == {
        "error": "Kode wilayah tidak dikenal / unknown region code: 99.99",
        "detail": [],
    }
