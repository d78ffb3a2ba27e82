import pytest

from sinergi.core.models import AuditEvent
from sinergi.regions.models import Region
from sinergi.regions.services import regions_load


@pytest.mark.django_db
def test_test_world_has_west_java_with_real_rows():
    paledang = Region.objects.get(pk="32.71.03.1002")
    assert (paledang.name, paledang.level, paledang.type, paledang.parent_id, paledang.postal_code) == (
        "Paledang",
        4,
        "kelurahan",
        "32.71.03",
        "16122",
    )
    assert paledang.path == "Paledang, Bogor Tengah, Kota Bogor, Jawa Barat"
    assert Region.objects.get(pk="32.71").type == "kota"
    assert Region.objects.get(pk="32.01").type == "kabupaten"
    assert Region.objects.filter(code__startswith="32.").filter(level=4).count() == 5957


@pytest.mark.django_db
def test_regions_load_is_idempotent_and_repairs_changed_rows():
    Region.objects.filter(pk="32.71.03.1002").update(name="Paledang Lama")
    events = AuditEvent.objects.filter(action="regions.load").count()
    result = regions_load(only=("32",))
    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.get(pk="32.71.03.1002").name == "Paledang"
    assert AuditEvent.objects.filter(action="regions.load").count() == events + 1
    again = regions_load(only=("32",))
    assert (again.created, again.updated) == (0, 0)
    assert AuditEvent.objects.filter(action="regions.load").count() == events + 1


@pytest.mark.django_db
def test_full_load_gives_every_region_of_indonesia():
    result = regions_load()
    assert result.total == 91599
    assert Region.objects.count() == 91599
    assert Region.objects.filter(level=1).count() == 38
