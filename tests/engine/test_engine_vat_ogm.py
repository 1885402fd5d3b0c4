"""VAT splitting, exemption mentions, structured communication (OGM/VCS), rounding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.engine import (
    EngineInputError,
    exemption_mention,
    is_valid_ogm,
    make_ogm,
    parse_ogm,
    vat_amounts,
)
from backend.engine.money import (
    decimal_ratio,
    format_cents,
    mul_ratio,
    percent_ratio,
    round_half_up,
)


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [(5, 10, 1), (4, 10, 0), (15, 10, 2), (-5, 10, -1), (-4, 10, 0), (14365, 10, 1437), (0, 7, 0)],
)
def test_round_half_up(num, den, expected):
    assert round_half_up(num, den) == expected


def test_rates_are_exact_fractions():
    assert percent_ratio("6.5") == (13, 200)
    assert percent_ratio("11.11") == (1111, 10000)
    assert decimal_ratio("1.55") == (31, 20)
    assert mul_ratio(22_100, percent_ratio("6.5")) == 1437  # 1436.5 → 1437
    assert format_cents(-1234) == "-12.34"
    for bad in (6.5, "6,5", "1e2", "NaN", ""):
        with pytest.raises(ValueError):
            percent_ratio(bad)


@pytest.mark.parametrize(
    ("amount", "rate", "included", "expected"),
    [
        (10_000, "21", False, (10_000, 2_100, 12_100)),
        (12_100, "21", True, (10_000, 2_100, 12_100)),
        (999, "21", False, (999, 210, 1_209)),  # 209.79 → 210
        (1_000, "21", True, (826, 173, 999)),  # no base gives 10.00 exactly: VAT follows the base (BR-S-09)  # 1000 / 1.21 = 826.45 → 826
        (1_001, "6", False, (1_001, 60, 1_061)),  # 60.06
        (10_000, "12", True, (8_929, 1_071, 10_000)),  # 8928.57 → 8929
        (5_000, "0", True, (5_000, 0, 5_000)),
    ],
)
def test_vat_amounts_table(amount, rate, included, expected):
    v = vat_amounts(amount, rate, included)
    assert (v.base_cents, v.vat_cents, v.total_cents) == expected


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 100_000_000), st.sampled_from(["21", "12", "6", "0"]))
def test_vat_round_trip(base, rate):
    excl = vat_amounts(base, rate, included=False)
    assert excl.base_cents + excl.vat_cents == excl.total_cents
    incl = vat_amounts(excl.total_cents, rate, included=True)
    assert incl == excl


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 100_000_000), st.sampled_from(["21", "12", "6", "0"]))
def test_vat_included_always_balances(total, rate):
    v = vat_amounts(total, rate, included=True)
    assert v.base_cents + v.vat_cents == v.total_cents and v.vat_cents >= 0
    # Invoiceable: VAT is the base times the rate, and the total is within a cent of the ask.
    assert v.vat_cents == vat_amounts(v.base_cents, rate, included=False).vat_cents
    assert abs(v.total_cents - total) <= 1


def test_vat_errors():
    with pytest.raises(EngineInputError) as info:
        vat_amounts(100, "19", False)
    assert (info.value.field, info.value.code) == ("vatRate", "unknown_vat_rate")
    with pytest.raises(EngineInputError):
        vat_amounts(0, "21", False)


def test_exemption_mentions():
    assert exemption_mention("training")["nl"] == "Vrijgesteld van btw – art. 44, § 2, 4° WBTW"
    rc = exemption_mention("intra_eu_reverse_charge")
    assert rc["fr"].startswith("Autoliquidation") and rc["nl"].startswith("Verlegging van heffing")
    assert rc["en"].startswith("Reverse charge") and "2006/112" in rc["en"]
    assert "art. 39" in exemption_mention("export")["fr"]
    with pytest.raises(EngineInputError):
        exemption_mention("charity")


# --------------------------------------------------------------------------- OGM
def test_ogm_known_values():
    assert make_ogm(108068171) == "+++010/8068/17183+++"  # python-stdnum doctest value
    assert make_ogm(0) == "+++000/0000/00097+++"  # remainder 0 → 97
    assert make_ogm(97) == "+++000/0000/09797+++"
    assert parse_ogm("+++010/8068/17183+++") == "010806817183"
    assert parse_ogm("***010/8068/17183***") == "010806817183"
    assert parse_ogm(" 010806817183 ") == "010806817183"


@pytest.mark.parametrize(
    "bad",
    [
        "+++010/8068/17180+++",
        "+++010/8068/1718+++",
        "abc",
        "",
        "+++0108068171a3+++",
        "٠١٠٨٠٦٨١٧١٨٣",
    ],
)
def test_ogm_invalid(bad):
    assert not is_valid_ogm(bad)
    with pytest.raises(EngineInputError) as info:
        parse_ogm(bad)
    assert info.value.code == "invalid_ogm" and set(info.value.messages) == {"nl", "fr", "en"}


@pytest.mark.parametrize("bad", [-1, 10_000_000_000, "12", 1.0])
def test_ogm_number_range(bad):
    with pytest.raises(EngineInputError):
        make_ogm(bad)


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 9_999_999_999))
def test_ogm_round_trip(n):
    text = make_ogm(n)
    assert len(text) == 20 and text.startswith("+++") and text.endswith("+++")
    digits = parse_ogm(text)
    assert int(digits[:10]) == n
    assert int(digits[10:]) == (n % 97 or 97)
