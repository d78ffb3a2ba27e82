import pytest

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.market import demo, tallies
from sinergi.market.models import Product
from sinergi.registry.models import BusinessProfile

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_status(system, office_bogor):
    talas = OrganizationFactory(kind="umkm", name="Keripik Talas Bu Euis", region_id="32.71.06.1003")
    BusinessProfile.objects.create(organization=talas, nib=demo.TALAS_NIB, name_key="keripik talas bu euis")
    # Makers by line of business (KBLI): coffee, snacks, batik, two of each; and a workshop, which
    # makes none of the demo's products.
    for n, kbli in enumerate(("10761", "10761", "10792", "10792", "13134", "13134", "45405")):
        org = OrganizationFactory(kind="umkm", name=f"UMKM Bogor {n}", region_id="32.71.03.1002")
        BusinessProfile.objects.create(organization=org, name_key=f"umkm bogor {n}", kbli=kbli)
    demo.seed(actor=system)
    counts = {s: Product.objects.filter(status=s).count() for s in ("published", "submitted", "returned")}
    assert counts == {"published": 9, "submitted": 1, "returned": 0}
    assert (
        Product.objects.filter(legality_state="expired").values_list("name", flat=True).get()
        == "Stik Talas Keju"
    )
    assert Product.objects.exclude(photo="").count() == 10
    workshop = Product.objects.filter(business__name="UMKM Bogor 6")
    assert not workshop.exists()
    makers = dict(
        Product.objects.filter(name__in=["Kopi Robusta Bubuk", "Batik Tulis Kujang"]).values_list(
            "name", "business__businessprofile__kbli"
        )
    )
    assert makers == {"Kopi Robusta Bubuk": "10761", "Batik Tulis Kujang": "13134"}
    demo.seed(actor=system)
    assert Product.objects.count() == 10
    assert tallies.differences() == []
