"""Numbers on pages: grouped only where a filter asks, so ids and years in forms and links stay plain."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["id", "en"])
def test_ids_and_years_are_never_grouped(language):
    with translation.override(language):
        html = render('<option value="{{ pk }}">{{ year }}</option>', pk=12345, year=2024)
    assert html == '<option value="12345">2024</option>'


def test_number_groups_the_way_the_language_writes():
    with translation.override("id"):
        assert render("{{ n|number }} {{ d|number:2 }}", n=1234567, d=Decimal("1234.5")) == "1.234.567 1.234,50"
    with translation.override("en"):
        assert render("{{ n|number }} {{ d|number:2 }}", n=1234567, d=Decimal("1234.5")) == "1,234,567 1,234.50"


def test_number_of_nothing_is_a_dash():
    assert render("{{ n|number }}", n=None) == "–"
