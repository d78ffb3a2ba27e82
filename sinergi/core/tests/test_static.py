"""Static files survive `collectstatic` with DEBUG off: no reference to a file that is not shipped."""

import json
import re
from pathlib import Path

from django.core.management import call_command

import sinergi

STATIC = Path(sinergi.__file__).parent / "static"
# `//# sourceMappingURL=x.map` in scripts, `/*# sourceMappingURL=x.map */` in stylesheets.
SOURCE_MAP = re.compile(r"^(?://|/\*)[#@]\s*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)


def source_map_references() -> list[tuple[Path, str]]:
    found = []
    for path in sorted(STATIC.rglob("*")):
        if path.suffix in (".js", ".css", ".mjs"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [(path, reference) for reference in SOURCE_MAP.findall(text)]
    return found


def test_the_pattern_finds_source_map_comments():
    text = (
        "var a=1;\n//# sourceMappingURL=chart.umd.min.js.map\n.b{}\n/*# sourceMappingURL=leaflet.css.map */\n"
    )
    assert SOURCE_MAP.findall(text) == ["chart.umd.min.js.map", "leaflet.css.map"]


def test_every_source_map_reference_is_shipped():
    missing = [
        f"{path.relative_to(STATIC)} → {reference}"
        for path, reference in source_map_references()
        if not reference.startswith("data:") and not (path.parent / reference.split("?")[0]).is_file()
    ]
    assert missing == []


def test_the_vendored_libraries_are_documented():
    readme = (STATIC / "vendor" / "README.md").read_text(encoding="utf-8")
    for folder in sorted(p.name for p in (STATIC / "vendor").iterdir() if p.is_dir()):
        assert f"`{folder}/`" in readme, folder


def test_collectstatic_writes_the_manifest_as_in_production(settings, tmp_path):
    # The manifest storage follows every url(), import and source-map reference and stops at the
    # first file that is missing; WhiteNoise's production storage adds compression on top.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    for name in ("css/sinergi.css", "vendor/chartjs/chart.umd.min.js", "vendor/leaflet/leaflet.js"):
        hashed = paths[name]
        assert hashed != name and (tmp_path / hashed).is_file(), name
