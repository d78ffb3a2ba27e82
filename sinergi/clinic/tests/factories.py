import datetime as dt

from django.utils import timezone

from sinergi.health.tests.factories import AnnualReportFactory, AssessmentFactory, CooperativeProfileFactory
from sinergi.registry.models import BusinessProfile

__all__ = [
    "AnnualReportFactory",
    "AssessmentFactory",
    "CooperativeProfileFactory",
    "assessed",
    "business_profile",
]


def assessed(
    profile, *, year: int, predicate: str, total: str = "60.00", rat_date: dt.date | None = None, **amounts
):
    """A verified, scored report of `profile` for tahun buku `year`."""
    report = AnnualReportFactory(
        cooperative=profile, year=year, rat_date=rat_date or dt.date(year + 1, 3, 15), **amounts
    )
    return AssessmentFactory(report=report, predicate=predicate, total=total)


def business_profile(organization, **values):
    parts = organization.region_id.split(".")
    return BusinessProfile.objects.create(
        organization=organization,
        region_code=organization.region_id,
        district_code=".".join(parts[:3]),
        regency_code=".".join(parts[:2]),
        name_key=organization.name.lower(),
        **values,
    )


def today():
    return timezone.localdate()
