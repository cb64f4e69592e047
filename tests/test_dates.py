"""PartialDate: ISO 8601 dates of reduced precision that order and round-trip exactly."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecpat_data import PartialDate


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@given(partial_dates())
def test_text_round_trip_is_exact(date: PartialDate) -> None:
    assert str(PartialDate.parse(str(date))) == str(date)
    assert PartialDate.parse(str(date)) == date


@given(partial_dates(), partial_dates())
def test_order_matches_the_order_of_the_iso_strings(a: PartialDate, b: PartialDate) -> None:
    assert (a < b) == (str(a) < str(b))
    assert (a == b) == (str(a) == str(b))


@given(partial_dates())
def test_first_and_last_day_bound_the_date(date: PartialDate) -> None:
    assert date.first_day() <= date.last_day()
    assert str(date.first_day()).startswith(str(date))
    assert str(date.last_day()).startswith(str(date))


@given(partial_dates())
def test_pickle_round_trip(date: PartialDate) -> None:
    assert pickle.loads(pickle.dumps(date)) == date


@pytest.mark.parametrize(
    "text", ["1997-02-29", "1996-13-45", "1996-13", "1996-00", "1996-04-31", "0000"]
)
def test_impossible_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=r"does not exist|has no day|outside"):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    "text", ["19960827", "1996-8-27", "96", "1996/08/27", " 1996", "1996 ", "1996-08-27T00:00", ""]
)
def test_other_forms_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse(text)


@given(
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
)
def test_a_day_is_accepted_exactly_when_the_calendar_has_it(
    year: int, month: int, day: int
) -> None:
    try:
        dt.date(year, month, day)
    except ValueError:
        with pytest.raises(ValueError, match="has no day"):
            PartialDate(year, month, day)
    else:
        assert PartialDate(year, month, day).last_day() == dt.date(year, month, day)


@pytest.mark.parametrize(("year", "days"), [(1900, 28), (2000, 29), (2024, 29), (2026, 28)])
def test_february_follows_the_gregorian_leap_rule(year: int, days: int) -> None:
    assert PartialDate(year, 2).last_day().day == days


def test_leap_day_of_a_leap_year_is_accepted() -> None:
    assert PartialDate.parse("2000-02-29").day == 29


def test_precision_is_reported() -> None:
    assert [PartialDate.parse(t).precision for t in ("1990", "1990-05", "1990-05-01")] == [
        "year",
        "month",
        "day",
    ]


def test_a_year_sorts_before_its_months_and_days() -> None:
    dates = [PartialDate.parse(t) for t in ("1990-05-01", "1990", "1990-05")]
    assert [str(d) for d in sorted(dates)] == ["1990", "1990-05", "1990-05-01"]


def test_assignment_raises() -> None:
    date = PartialDate(1990)
    with pytest.raises(AttributeError):
        date._year = 1991  # type: ignore[misc]


def test_month_span_covers_the_whole_month() -> None:
    date = PartialDate(1996, 2)
    assert (date.first_day(), date.last_day()) == (dt.date(1996, 2, 1), dt.date(1996, 2, 29))


# --- comparing with int years and datetime.date ---------------------------------------------

_ORDER = {"year": 0, "month": 1, "day": 2}


def _points(draw: st.DrawFn) -> object:
    """A PartialDate, an int year or a datetime.date."""
    kind = draw(st.sampled_from(["partial", "int", "date"]))
    if kind == "int":
        return draw(st.integers(min_value=1, max_value=9999))
    if kind == "date":
        return draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    return draw(partial_dates())


points = st.composite(_points)


def _span_key(value: object) -> tuple[dt.date, int]:
    date = PartialDate.coerce(value)  # type: ignore[arg-type]
    return date.first_day(), _ORDER[date.precision]


@given(partial_dates(), points())
def test_the_order_is_first_day_then_coarser_first(a: PartialDate, b: object) -> None:
    key_a, key_b = _span_key(a), _span_key(b)
    assert (a < b) == (key_a < key_b)  # type: ignore[operator]
    assert (a <= b) == (key_a <= key_b)  # type: ignore[operator]
    assert (a > b) == (key_a > key_b)  # type: ignore[operator]
    assert (a >= b) == (key_a >= key_b)  # type: ignore[operator]
    assert (a == b) == (key_a == key_b)


@given(partial_dates(), points(), points())
def test_the_order_is_total_and_transitive(a: PartialDate, b: object, c: object) -> None:
    pa, pb, pc = (PartialDate.coerce(x) for x in (a, b, c))  # type: ignore[arg-type]
    assert sum([pa < pb, pa == pb, pa > pb]) == 1  # exactly one holds
    if pa <= pb and pb <= pc:
        assert pa <= pc
    # a value compares the same way as its PartialDate, on either side
    assert (b < a) == (pb < pa)  # type: ignore[operator]
    assert (a < b) == (pa < pb)  # type: ignore[operator]


@given(points())
def test_equal_values_hash_alike(value: object) -> None:
    date = PartialDate.coerce(value)  # type: ignore[arg-type]
    assert date == value
    assert hash(date) == hash(value)


def test_int_and_date_comparisons_by_example() -> None:
    assert PartialDate(1996) == 1996
    assert PartialDate(1996, 8) > 1996  # finer sorts after coarser: it is not "in" 1996 here
    assert PartialDate(1996, 8) < 1997
    assert PartialDate(1996, 8, 27) == dt.date(1996, 8, 27)
    assert PartialDate(1996, 8) < dt.date(1996, 8, 1)  # same first day: the month first
    assert PartialDate(1996, 8) != 1996
    assert {PartialDate(1996), 1996} == {1996}


@pytest.mark.parametrize("other", [dt.datetime(1996, 1, 1), True, 1996.0, "1996"])
def test_other_types_do_not_order(other: object) -> None:
    with pytest.raises(TypeError):
        _ = PartialDate(1996) < other  # type: ignore[operator]
    assert PartialDate(1996) != other


@given(partial_dates(), points())
def test_overlap_is_sharing_a_day_and_is_symmetric(a: PartialDate, b: object) -> None:
    other = PartialDate.coerce(b)  # type: ignore[arg-type]
    shared = a.first_day() <= other.last_day() and other.first_day() <= a.last_day()
    assert a.overlaps(b) == shared == other.overlaps(a)  # type: ignore[arg-type]


def test_overlap_by_example() -> None:
    assert PartialDate(1996).overlaps("1996-06")
    assert PartialDate(1996, 6).overlaps(1996)
    assert PartialDate(1996, 8, 27).overlaps(dt.date(1996, 8, 27))
    assert not PartialDate(1996, 8).overlaps(1997)


@pytest.mark.parametrize("bad", [dt.datetime(1996, 1, 1), True, 1996.5, None])
def test_coerce_rejects_other_types(bad: object) -> None:
    with pytest.raises(TypeError, match="PartialDate"):
        PartialDate.coerce(bad)  # type: ignore[arg-type]
