"""The cascading region picker: provinsi → kabupaten/kota → kecamatan → kelurahan/desa.

Four selects; choosing one re-renders the picker through htmx with the next level's options. The
submitted value is the deepest level chosen. Without JavaScript the form still works: the server
re-renders the picker with the next level when the user submits a partial choice.
"""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from sinergi.regions.models import Region
from sinergi.regions.selectors import region_chain, region_children

LEVEL_LABELS = {1: _("Provinsi"), 2: _("Kabupaten/Kota"), 3: _("Kecamatan"), 4: _("Kelurahan/Desa")}


def picker_context(
    name: str, code: str | None, *, root: str | None = None, depth: int = 4, errors=False
) -> dict:
    """Everything the picker template needs for a current value `code` under an optional root."""
    chain = region_chain(code=code) if code else []
    root_chain = region_chain(code=root) if root else []
    selected = {r.level: r.code for r in chain}
    for r in root_chain:
        selected[r.level] = r.code
    levels = []
    parent: str | None = None
    for level in range(1, depth + 1):
        fixed = any(r.level == level for r in root_chain)
        options = [] if (level > 1 and parent is None) else list(region_children(parent_code=parent))
        levels.append(
            {
                "level": level,
                "label": LEVEL_LABELS[level],
                "name": f"{name}_{level}",
                "id": f"id_{name}_{level}",
                "options": options,
                "selected": selected.get(level, ""),
                "fixed": fixed,
                "disabled": level > 1 and parent is None,
            }
        )
        parent = selected.get(level)
    return {
        "name": name,
        "levels": levels,
        "value": code or "",
        "root": root or "",
        "depth": depth,
        "errors": errors,
    }


class RegionPickerWidget(forms.Widget):
    template_name = "regions/picker.html"
    input_type = "regionpicker"

    def __init__(self, *, root: str | None = None, depth: int = 4, attrs=None):
        super().__init__(attrs)
        self.root = root
        self.depth = depth

    def value_from_datadict(self, data, files, name):
        for level in range(self.depth, 0, -1):
            value = data.get(f"{name}_{level}")
            if value:
                return value
        return data.get(name) or None

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{level}" in data for level in range(1, 5)) and name not in data

    def render(self, name, value, attrs=None, renderer=None):
        ctx = picker_context(name, value, root=self.root, depth=self.depth)
        return render_to_string("regions/picker.html", ctx)


class RegionField(forms.CharField):
    """A region code chosen with the picker; `min_level` says how deep the choice must go."""

    widget = RegionPickerWidget

    def __init__(self, *, min_level: int = 3, root: str | None = None, depth: int = 4, **kwargs):
        self.min_level = min_level
        kwargs.setdefault("widget", RegionPickerWidget(root=root, depth=depth))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        region = Region.objects.filter(pk=value).first()
        if region is None:
            raise forms.ValidationError(_("Kode wilayah tidak dikenal: %(code)s"), params={"code": value})
        if region.level < self.min_level:
            raise forms.ValidationError(
                _("Pilih wilayah sampai %(level)s."), params={"level": LEVEL_LABELS[self.min_level].lower()}
            )
        return region.code
