"""The data handed to the choropleth: figures, legend classes, no-data label and links."""

from decimal import Decimal

from sinergi.insights.maps import choropleth_data


def test_choropleth_data_exact():
    data = choropleth_data(
        {"32.01": 10, "32.02": 2, "32.71": None, "32.73": Decimal("30.0"), "32.72": Decimal("2.5")},
        method="jenks",
        k=3,
        links={"32.01": "/dasbor/?wilayah=32.01"},
        title="Koperasi aktif",
    )
    assert data == {
        "title": "Koperasi aktif",
        "method": "jenks",
        "decimals": 0,
        "values": {"32.01": 10, "32.02": 2, "32.71": None, "32.73": 30, "32.72": 2.5},
        "breaks": [2.5, 10.0, 30.0],
        "classes": [
            {"low": 2.0, "high": 2.5, "colour": "#edf8b1"},
            {"low": 10.0, "high": 10.0, "colour": "#7fcdbb"},
            {"low": 30.0, "high": 30.0, "colour": "#2c7fb8"},
        ],
        "no_data": {"colour": "#bdbdbd", "label": "tidak ada data"},
        "links": {"32.01": "/dasbor/?wilayah=32.01"},
        "labels": {"zoom_in": "Perbesar peta", "zoom_out": "Perkecil peta"},
    }


def test_choropleth_data_with_nothing_to_show():
    data = choropleth_data({"32.01": None})
    assert (data["breaks"], data["classes"], data["values"]) == ([], [], {"32.01": None})
    assert data["method"] == "quantile"
