"""Every office login of the demo is a person with a name, greeted by it on the home page."""

import pytest
from django.core.management import call_command

from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.models import User
from sinergi.accounts.services import SYSTEM_EMAIL, system_user
from sinergi.core.models import AuditEvent

OFFICE_LOGINS = {
    "admin.kotabogor@sinergi.test": "Dewi Lestari",
    "staf.kotabogor@sinergi.test": "Asep Saepudin",
    "pemantau.kotabogor@sinergi.test": "Rina Marlina",
    "admin.kabbogor@sinergi.test": "Yusuf Maulana",
    "staf.kabbogor@sinergi.test": "Nurul Hidayah",
    "admin.kotabandung@sinergi.test": "Ujang Permana",
    "staf.kotabandung@sinergi.test": "Lilis Suryani",
    "admin.kotasukabumi@sinergi.test": "Cecep Firmansyah",
    "staf.kotasukabumi@sinergi.test": "Siti Maryam",
    "admin.kabsukabumi@sinergi.test": "Teti Rohaeti",
    "staf.kabsukabumi@sinergi.test": "Dadang Sudrajat",
    "admin.jabar@sinergi.test": "Agus Setiawan",
    "staf.jabar@sinergi.test": "Yuyun Wahyuni",
}


@pytest.mark.django_db
def test_every_office_login_has_a_persons_name():
    accounts_demo.seed(actor=system_user())
    offices = dict(
        User.objects.filter(email__regex=r"^(admin|staf|pemantau)\.").values_list("email", "full_name")
    )
    assert offices == OFFICE_LOGINS
    names = list(User.objects.exclude(email=SYSTEM_EMAIL).values_list("full_name", flat=True))
    assert len(names) == len(set(names))


@pytest.mark.django_db
def test_running_the_demo_again_renames_a_login_named_after_its_role():
    actor = system_user()
    User.objects.create_user(
        email="staf.kotabogor@sinergi.test", full_name="Staf Koperasi dan UMKM Kota Bogor"
    )
    User.objects.create_user(email="admin.jabar@sinergi.test", full_name="Euis Komariah")
    accounts_demo.seed(actor=actor)
    accounts_demo.seed(actor=actor)
    assert User.objects.get(email="staf.kotabogor@sinergi.test").full_name == "Asep Saepudin"
    assert (
        User.objects.get(email="admin.jabar@sinergi.test").full_name == "Euis Komariah"
    )  # chosen by its owner
    renamed = AuditEvent.objects.filter(action="user.update_profile")
    assert [(e.before, e.after) for e in renamed] == [
        ({"full_name": "Staf Koperasi dan UMKM Kota Bogor"}, {"full_name": "Asep Saepudin"})
    ]


@pytest.mark.django_db
def test_the_office_home_greets_the_demo_officer_by_name(client):
    call_command("demo", "--quiet")
    client.force_login(User.objects.get(email="staf.kotabogor@sinergi.test"))
    assert "Selamat datang, Asep</h1>" in client.get("/").content.decode()
    client.force_login(User.objects.get(email="admin@sinergi.test"))
    assert "Selamat datang, Administrator Sinergi</h1>" in client.get("/").content.decode()
