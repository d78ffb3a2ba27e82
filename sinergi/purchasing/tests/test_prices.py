"""Government ceilings and Badan Pangan prices from the copied data files (no database)."""

from decimal import Decimal

from sinergi.purchasing import prices


def test_only_current_ceilings_count():
    found = prices.ceilings()
    assert {name: c.price for name, c in found.items()} == {
        "Beras medium": Decimal(13500),
        "Beras premium": Decimal(14900),
        "Minyak goreng rakyat (Minyakita)": Decimal(15700),
        "Gula konsumsi": Decimal(17500),
    }
    assert found["Beras medium"].legal_basis == "Keputusan Kepala Bapanas 299/2025"


def test_commodity_mapping():
    assert prices.ceiling_for("beras_medium").price == 13500
    assert prices.ceiling_for("beras_sphp").commodity == "Beras medium"  # SPHP is medium rice
    assert prices.ceiling_for("telur") is None  # its reference price was relaxed, value not in the file
    assert prices.ceiling_for("minyak_kemasan") is None  # no HET for premium oil
    assert prices.ceiling_for("") is None
    assert prices.ceiling_for("unknown") is None


def test_warning_compares_price_per_kg():
    # 68,000 for 5 kg is 13,600/kg, above the 13,500 HET; 67,500 is exactly on it.
    warning = prices.ceiling_warning(
        commodity="beras_medium", pack_size=Decimal(5), content_unit="kg", unit_price=Decimal(68000)
    )
    assert (warning.price_per_unit, warning.excess, warning.ceiling.price_type) == (
        Decimal(13600),
        Decimal(100),
        "HET",
    )
    assert (
        prices.ceiling_warning(
            commodity="beras_medium", pack_size=Decimal(5), content_unit="kg", unit_price=Decimal(67500)
        )
        is None
    )


def test_warning_converts_small_units_and_refuses_other_units():
    # Minyakita in 500 ml pouches at 8,000 is 16,000 per litre, above 15,700.
    warning = prices.ceiling_warning(
        commodity="minyakita", pack_size=Decimal(500), content_unit="ml", unit_price=Decimal(8000)
    )
    assert warning.price_per_unit == Decimal(16000)
    # A product counted in pieces cannot be compared with a price per litre.
    assert (
        prices.ceiling_warning(
            commodity="minyakita", pack_size=Decimal(12), content_unit="pcs", unit_price=Decimal(999999)
        )
        is None
    )


def test_consumer_prices_skip_days_without_a_report():
    means = prices.consumer_prices()
    # 25 commodities in the file; four were never reported in the window (Harga 0 every day).
    assert len(means) == 21
    assert "Jagung Tk Peternak" not in means and "Kedelai Biji Kering (Impor)" not in means
    assert all(value > 0 for value in means.values())
    assert prices.consumer_price("beras_medium") == Decimal(13111)
    assert prices.consumer_price("minyakita") == Decimal(17911)  # shelves sell above the HET
    assert prices.consumer_price("nothing") is None
