"""Map boundaries: every West Java regency and kecamatan, with the region table's codes."""

import json

import pytest

from sinergi.insights.geo import boundaries, boundaries_json, codes
from sinergi.regions.models import Region


@pytest.mark.django_db
def test_every_regency_is_present_with_the_region_codes_and_names():
    collection = boundaries("regency")
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 27
    ours = {r.code: r.name for r in Region.objects.filter(level=Region.Level.REGENCY, code__startswith="32.")}
    assert len(ours) == 27
    assert {f["properties"]["code"]: f["properties"]["name"] for f in features} == ours
    assert boundaries("regency", "32") == collection


@pytest.mark.django_db
def test_every_kecamatan_code_is_a_region():
    ours = set(
        Region.objects.filter(level=Region.Level.DISTRICT, code__startswith="32.").values_list(
            "code", flat=True
        )
    )
    assert len(ours) == 627
    assert set(codes("district")) == ours


def test_district_collection_for_kabupaten_bogor_holds_only_its_kecamatan():
    features = boundaries("district", "32.01")["features"]
    assert len(features) == 40
    assert all(f["properties"]["code"].startswith("32.01.") for f in features)
    first = features[0]
    assert first["properties"] == {"code": "32.01.01", "name": "Cibinong"}
    assert first["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    # Kota Bogor lies inside Kabupaten Bogor on the map but not in its codes.
    assert not any(f["properties"]["code"].startswith("32.71") for f in features)


def test_kota_bogor_has_six_kecamatan():
    names = sorted(f["properties"]["name"] for f in boundaries("district", "32.71")["features"])
    assert names == [
        "Bogor Barat",
        "Bogor Selatan",
        "Bogor Tengah",
        "Bogor Timur",
        "Bogor Utara",
        "Tanah Sareal",
    ]


def test_coordinates_are_rounded_to_five_decimals():
    def points(coords):
        if isinstance(coords[0], float | int):
            yield coords
        else:
            for c in coords:
                yield from points(c)

    for feature in boundaries("regency")["features"]:
        for lng, lat in points(feature["geometry"]["coordinates"]):
            assert round(lng, 5) == lng and round(lat, 5) == lat
            assert 105.9 < lng < 108.9 and -7.9 < lat < -5.8


def test_json_is_the_same_collection_and_cached():
    payload = boundaries_json("district", "32.73")
    assert payload is boundaries_json("district", "32.73")
    assert json.loads(payload) == boundaries("district", "32.73")
    assert len(json.loads(payload)["features"]) == 30


def test_unknown_level_is_refused():
    with pytest.raises(ValueError):
        boundaries("village", "32.71.03")
