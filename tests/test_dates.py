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
