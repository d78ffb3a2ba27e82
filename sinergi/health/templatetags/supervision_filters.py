"""The region picker of the supervision pages' filter, started at the viewer's jurisdiction."""

from django import template

from sinergi.regions.widgets import RegionPickerWidget
from sinergi.registry.views.common import picker_root

register = template.Library()


@register.simple_tag(takes_context=True)
def supervision_region_picker(context, region: str = ""):
    user = context["request"].user
    return RegionPickerWidget(root=picker_root(user), depth=3).render("region", region or None)
