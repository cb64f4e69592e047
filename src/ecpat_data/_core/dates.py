"""A calendar date of reduced precision: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = ["PATTERN", "DateLike", "PartialDate", "Precision"]

Precision = Literal["year", "month", "day"]

#: The accepted lexical form (ISO 8601 extended format, reduced precision).
PATTERN: Final = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _days_in(year: int, month: int) -> int:
    """Days in ``month`` of ``year`` (Gregorian; without importing calendar, which costs 1 ms)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _key_of(value: object) -> tuple[int, int, int] | None:
    """The sort key of a PartialDate, an int year or a ``datetime.date``; else ``None``."""
    if isinstance(value, PartialDate):
        return value._key()
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, 0, 0)
    if isinstance(value, date) and not isinstance(value, datetime):
        return (value.year, value.month, value.day)
    return None


class PartialDate:
    """A real calendar date known to the year, the month or the day.

    Written as ``1996``, ``1996-08`` or ``1996-08-27``. Each one stands for a span of days,
    from :meth:`first_day` to :meth:`last_day`. Instances are immutable and hashable.

    **Order.** Dates compare with each other, with an ``int`` (a year: ``1996`` is
    ``PartialDate(1996)``) and with a ``datetime.date`` (one day), all on one total order: by
    first day, and on the same first day the coarser first (``1996 < 1996-01 < 1996-01-01 <
    1996-01-02 < 1996-02``), which is also the order of the ISO strings. Equal means the same
    span at the same precision: ``PartialDate(1996) == 1996`` and ``PartialDate(1996, 8, 27) ==
    date(1996, 8, 27)``, but ``1996-01`` is not equal to ``1996`` (hashes agree with equality).
    The order sorts; it does not test containment: ``1996-08 > 1996`` although 1996-08 is in
    1996. To ask whether dates fall in a period use :meth:`overlaps` (spans share a day), as the
    ``since``/``until`` filters do. A ``datetime`` (with a time of day) and a ``bool`` do not
    compare (``TypeError``).

    >>> from datetime import date
    >>> PartialDate.parse("1996-08") < PartialDate.parse("1996-08-27")
    True
    >>> PartialDate(1996, 8) >= 1996, PartialDate(1996, 8) < date(1996, 8, 2)
    (True, True)
    """

    __slots__ = ("_day", "_month", "_year")

    _year: int
    _month: int | None
    _day: int | None

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is outside 0001-9999")
        if month is None and day is not None:
            raise ValueError("a day needs a month")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist (months are 01-12)")
        if day is not None:
            assert month is not None
            last = _days_in(year, month)
            if not 1 <= day <= last:
                raise ValueError(
                    f"{year:04d}-{month:02d} has no day {day:02d} (it has {last} days)"
                )
        object.__setattr__(self, "_year", year)
        object.__setattr__(self, "_month", month)
        object.__setattr__(self, "_day", day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        match = _FORM.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def year(self) -> int:
        """The year."""
        return self._year

    @property
    def month(self) -> int | None:
        """The month (1-12), or ``None`` for a year-only date."""
        return self._month

    @property
    def day(self) -> int | None:
        """The day of the month, or ``None`` when not known."""
        return self._day

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self._day is not None:
            return "day"
        return "year" if self._month is None else "month"

    def first_day(self) -> date:
        """The earliest calendar day this date covers."""
        return date(self._year, self._month or 1, self._day or 1)

    def last_day(self) -> date:
        """The latest calendar day this date covers."""
        month = self._month or 12
        return date(self._year, month, self._day or _days_in(self._year, month))

    def _key(self) -> tuple[int, int, int]:
        return (self._year, self._month or 0, self._day or 0)

    @classmethod
    def coerce(cls, value: DateLike) -> PartialDate:
        """``value`` as a :class:`PartialDate`: text (``"1996-08"``), an ``int`` year, a
        ``datetime.date`` (one day) or a :class:`PartialDate`; ``TypeError`` for anything else
        (a ``datetime``, whose time of day has no place here, or a ``bool``).

        >>> from datetime import date
        >>> PartialDate.coerce(1996), PartialDate.coerce(date(1996, 8, 27))
        (PartialDate('1996'), PartialDate('1996-08-27'))
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        key = _key_of(value)
        if key is None:
            raise TypeError(
                "a date must be a PartialDate, text such as '1996-08', an int year or a "
                f"datetime.date, not {type(value).__name__}"
            )
        year, month, day = key
        return cls(year, month or None, day or None)

    def overlaps(self, other: DateLike) -> bool:
        """True if the two spans share at least one day (``1996`` overlaps ``1996-06``).

        >>> PartialDate(1996).overlaps("1996-06"), PartialDate(1996, 8).overlaps(1997)
        (True, False)
        """
        span = PartialDate.coerce(other)
        return self.first_day() <= span.last_day() and span.first_day() <= self.last_day()

    def __str__(self) -> str:
        text = f"{self._year:04d}"
        if self._month is not None:
            text += f"-{self._month:02d}"
        if self._day is not None:
            text += f"-{self._day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate('{self}')"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"PartialDate is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"PartialDate is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[PartialDate], tuple[int, int | None, int | None]]:
        return (PartialDate, (self._year, self._month, self._day))

    def __hash__(self) -> int:
        # Equal values hash alike: a year-only date equals its int, a day equals its date.
        if self._month is None:
            return hash(self._year)
        if self._day is not None:
            return hash(date(self._year, self._month, self._day))
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        key = _key_of(other)
        if key is None:
            return NotImplemented
        return self._key() == key

    def __lt__(self, other: DateLike) -> bool:
        key = _key_of(other)
        if key is None:
            return NotImplemented
        return self._key() < key

    def __le__(self, other: DateLike) -> bool:
        key = _key_of(other)
        if key is None:
            return NotImplemented
        return self._key() <= key

    def __gt__(self, other: DateLike) -> bool:
        key = _key_of(other)
        if key is None:
            return NotImplemented
        return self._key() > key

    def __ge__(self, other: DateLike) -> bool:
        key = _key_of(other)
        if key is None:
            return NotImplemented
        return self._key() >= key

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import PydanticCustomError, core_schema

        def from_text(value: str) -> PartialDate:
            try:
                return cls.parse(value)
            except ValueError as error:
                raise PydanticCustomError("partial_date", str(error)) from None

        def from_python(value: Any) -> PartialDate:
            if isinstance(value, cls):
                return value
            if isinstance(value, str):
                return from_text(value)
            raise PydanticCustomError(
                "partial_date",
                "a date must be text such as '1996', '1996-08' or '1996-08-27', not {type}",
                {"type": type(value).__name__},
            )

        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_after_validator_function(
                from_text, core_schema.str_schema(strict=True)
            ),
            python_schema=core_schema.no_info_plain_validator_function(from_python),
            serialization=core_schema.to_string_ser_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": PATTERN,
            "description": "ISO 8601 date, reduced precision: YYYY, YYYY-MM or YYYY-MM-DD.",
        }


#: What a date filter or comparison accepts: a PartialDate, its text, an int year or a day.
DateLike = PartialDate | str | int | date

# Reprs, tracebacks and pickles name the public path, where users import it from.
PartialDate.__module__ = "ecpat_data"
