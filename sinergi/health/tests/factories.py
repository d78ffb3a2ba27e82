import datetime as dt
from decimal import Decimal

import factory

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.health.inputs import report_input
from sinergi.health.models import AnnualReport, Assessment
from sinergi.health.scoring.report import AMOUNT_FIELDS
from sinergi.health.scoring.stored import compact_inputs
from sinergi.health.services import questionnaire_current
from sinergi.health.tests.test_scoring_engine import GOLDEN
from sinergi.registry.models import CooperativeProfile

GOLDEN_VALUES = {name: Decimal(GOLDEN[name]) for name in AMOUNT_FIELDS if GOLDEN.get(name) is not None}
GOLDEN_ANSWERS = GOLDEN["manajemen"]


class CooperativeProfileFactory(factory.django.DjangoModelFactory):
    """A cooperative in the registry; `region` sets the organisation's village and the copied codes."""

    class Meta:
        model = CooperativeProfile

    class Params:
        region = "32.71.06.1001"

    organization = factory.SubFactory(
        OrganizationFactory, kind="cooperative", region_id=factory.SelfAttribute("..region")
    )
    region_code = factory.SelfAttribute("region")
    district_code = factory.LazyAttribute(lambda o: ".".join(o.region.split(".")[:3]))
    regency_code = factory.LazyAttribute(lambda o: ".".join(o.region.split(".")[:2]))
    cooperative_type = "simpan_pinjam"
    status = "aktif"
    last_rat_date = dt.date(2025, 3, 15)


class AnnualReportFactory(factory.django.DjangoModelFactory):
    """A report written straight to the table (selector and supervision tests); the services are
    tested through the services."""

    class Meta:
        model = AnnualReport

    cooperative = factory.SubFactory(CooperativeProfileFactory)
    year = 2024
    rat_date = factory.LazyAttribute(lambda o: dt.date(o.year + 1, 3, 15))
    status = "verified"
    questionnaire = factory.LazyFunction(questionnaire_current)
    manajemen = factory.LazyFunction(lambda: dict(GOLDEN_ANSWERS))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        for name, value in GOLDEN_VALUES.items():
            kwargs.setdefault(name, value)
        return super()._create(model_class, *args, **kwargs)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    report = factory.SubFactory(AnnualReportFactory)
    cooperative = factory.SelfAttribute("report.cooperative")
    year = factory.SelfAttribute("report.year")
    rules = "perdep-06-2016"
    official = True
    total = Decimal("72.05")
    predicate = "cukup_sehat"
    complete = True
    rules_version = "1"
    inputs = factory.LazyAttribute(lambda o: compact_inputs(report_input(o.report)))
    scores = factory.LazyFunction(dict)
