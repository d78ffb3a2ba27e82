"""Fixtures of the market tests: the persona UMKM in Kota Bogor with its owner, a second UMKM in
Kota Bandung, and photos stored in a temporary media folder."""

import pytest

from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.market.tests.factories import product, published


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def umkm_bandung(db):
    return OrganizationFactory(
        kind="umkm", name="Batik Cigondewah Ibu Neneng", region_id="32.73.02.1004", phone="081311112222"
    )


@pytest.fixture
def owner_bandung(umkm_bandung):
    return MembershipFactory(
        user=UserFactory(email="pemilik.bandung@sinergi.test", full_name="Neneng Sumarni"),
        organization=umkm_bandung,
        role="owner",
    ).user


@pytest.fixture
def keripik(umkm_owner, umkm_bogor):
    umkm_bogor.phone = "0812-3456-7890"
    umkm_bogor.save()
    return product(umkm_owner, umkm_bogor)


@pytest.fixture
def listed(umkm_owner, officer_bogor, umkm_bogor):
    umkm_bogor.phone = "0812-3456-7890"
    umkm_bogor.save()
    return published(umkm_owner, officer_bogor, umkm_bogor)
