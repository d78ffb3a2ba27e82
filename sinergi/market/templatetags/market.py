from django import template

from sinergi.market.selectors import place_of as _place_of

register = template.Library()


@register.filter
def place_of(business) -> str:
    """ "Tanah Sareal, Kota Bogor": the kecamatan and kabupaten/kota of a business."""
    return _place_of(business)
