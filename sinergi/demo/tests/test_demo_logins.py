"""`sinergi demo` prints only the logins that have something to do, each with what it can do."""

import io

import pytest
from django.core.management import call_command

from sinergi.accounts.demo import DEMO_PASSWORD
from sinergi.demo.management.commands.demo import things_to_do


def test_only_logins_with_something_to_do_are_listed():
    seeded = [
        ("admin@sinergi.test", "superuser (semua wilayah)"),
        ("admin.kabsukabumi@sinergi.test", "Admin dinas, Dinas Koperasi dan UKM Kabupaten Sukabumi"),
        ("pemasok@sinergi.test", "Pemasok, Perum Bulog Kantor Wilayah Jawa Barat"),
        ("mitra.bank@sinergi.test", "Mitra, Bank BJB Kantor Cabang Bogor"),
        ("koordinator@sinergi.test", "Koordinator jaringan, Koperasi Sejahtera"),
    ]
    assert things_to_do(seeded) == [
        (
            "koordinator@sinergi.test",
            "Koordinator jaringan: pantau putaran yang dibuka, tutup dan optimalkan, kirim surat pesanan",
        ),
        ("pemasok@sinergi.test", "Pemasok: terima surat pesanan yang dikirim koordinator dari beranda"),
        (
            "mitra.bank@sinergi.test",
            "Staf bank dan pakar klinik: rapor kemitraan dan rujukan dari dinas, rekomendasi klinik untuk "
            "bank, kasus yang ditugaskan",
        ),
        ("admin@sinergi.test", "Superuser: semua wilayah dan akun"),
    ]


@pytest.mark.django_db
def test_the_demo_command_prints_them(settings):
    out = io.StringIO()
    call_command("demo", stdout=out, stderr=io.StringIO())
    lines = [line.split()[0] for line in out.getvalue().strip().splitlines()[1:]]
    assert DEMO_PASSWORD in out.getvalue()
    assert lines == [
        "staf.kotabogor@sinergi.test",
        "staf.kabbogor@sinergi.test",
        "staf.kotabandung@sinergi.test",
        "koordinator@sinergi.test",
        "pengurus.bandung@sinergi.test",
        "pengurus@sinergi.test",
        "pemilik@sinergi.test",
        "gerai.pkpri@sinergi.test",
        "gerai@sinergi.test",
        "pemasok@sinergi.test",
        "pakar@sinergi.test",
        "mitra.bank@sinergi.test",
        "admin@sinergi.test",
    ]
    # An office with nothing waiting in the demo is not listed.
    assert "admin.kabsukabumi@sinergi.test" not in out.getvalue()
