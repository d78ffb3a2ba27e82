import pytest

from sinergi.accounts.models import greeting_name


@pytest.mark.parametrize(
    ("full_name", "greeted"),
    [
        ("Siti Nurhayati", "Siti"),
        ("Dr. Iwan Hermawan", "Iwan"),
        ("Prof. Dr. Ir. Bambang Sutrisno, M.Sc.", "Bambang"),
        ("H. Ahmad Fauzi", "Ahmad"),
        ("Hj. Euis Rahmawati", "Euis"),
        ("Staf Koperasi dan UMKM Kota Bogor", "Staf Koperasi dan UMKM Kota Bogor"),
        ("Pemantau Koperasi dan UMKM Kota Bogor", "Pemantau Koperasi dan UMKM Kota Bogor"),
        ("Administrator Sinergi", "Administrator Sinergi"),
        ("Dr.", "Dr."),
        ("", ""),
    ],
)
def test_a_greeting_uses_the_persons_name_not_a_title_or_a_role(full_name, greeted):
    assert greeting_name(full_name) == greeted


@pytest.mark.django_db
def test_the_office_home_greets_by_name(client, officer_bogor):
    officer_bogor.full_name = "Dr. Siti Nurhayati"
    officer_bogor.save()
    client.force_login(officer_bogor)
    html = client.get("/").content.decode()
    assert "Selamat datang, Siti" in html
    assert "Selamat datang, Dr." not in html
