"""Countries: ISO 3166-1 alpha-2 codes checked against pycountry, with people-facing names."""

from __future__ import annotations

import threading
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

    from .regions import Region

__all__ = ["Country", "country_codes", "country_names", "find_country", "suggest_country"]

_lock = threading.Lock()
_records: Mapping[str, Any] | None = None


def _pycountry_records() -> Mapping[str, Any]:
    """alpha-2 code -> pycountry record, read once (pycountry is imported on first use)."""
    global _records
    records = _records
    if records is None:
        with _lock:
            if _records is None:
                import pycountry

                _records = MappingProxyType({c.alpha_2: c for c in pycountry.countries})
            records = _records
    return records


def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code pycountry knows."""
    return frozenset(_pycountry_records())


def _fold(text: str) -> str:
    import unicodedata

    bare = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).casefold().split())


@lru_cache(maxsize=1)
def _names_index() -> Mapping[str, str]:
    """Folded code, alpha-3 code, name, common and official name -> alpha-2 code."""
    index: dict[str, str] = {}
    for code, record in _pycountry_records().items():
        for attribute in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
            value = getattr(record, attribute, None)
            if value:
                index.setdefault(_fold(value), code)
    return MappingProxyType(index)


def country_names() -> tuple[str, ...]:
    """Every country name pycountry knows (short, common and official), for suggestions."""
    names: list[str] = []
    for record in _pycountry_records().values():
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None)
            if value and value not in names:
                names.append(value)
    return tuple(names)


def find_country(text: str) -> Country | None:
    """The country ``text`` names: an alpha-2 or alpha-3 code in any case, or a name pycountry
    knows (short, common or official; case and accents ignored); ``None`` if none.

    >>> find_country("thailand"), find_country("th"), find_country("THA")
    (Country('TH'), Country('TH'), Country('TH'))
    """
    code = _names_index().get(_fold(text))
    return None if code is None else Country(code)


class Country(str):
    """An uppercase ISO 3166-1 alpha-2 code known to pycountry, e.g. ``Country("TH")``.

    It is a ``str`` (``Country("TH") == "TH"``) that also gives the country's names:
    :attr:`name` is the common name where pycountry has one ("Taiwan", "Bolivia"), else
    its short name; :attr:`official_name` is the official name where there is one.
    """

    __slots__ = ()

    def __new__(cls, code: str) -> Country:
        if not isinstance(code, str):
            raise TypeError(f"a country code must be a string, not {type(code).__name__}")
        if code not in _pycountry_records():
            raise ValueError(_reason(code))
        return super().__new__(cls, code)

    @property
    def alpha_2(self) -> str:
        """The two-letter code."""
        return str(self)

    @property
    def alpha_3(self) -> str:
        """The three-letter code."""
        return str(_pycountry_records()[self].alpha_3)

    @property
    def name(self) -> str:
        """The name shown to people: pycountry's common name, else its short name.

        (A code pycountry does not know, which only data that bypassed validation can hold,
        is shown as itself.)
        """
        record = _pycountry_records().get(self)
        if record is None:
            return str(self)
        return str(getattr(record, "common_name", None) or record.name)

    @property
    def official_name(self) -> str:
        """The official name (falls back to the short name where there is none)."""
        record = _pycountry_records().get(self)
        if record is None:
            return str(self)
        return str(getattr(record, "official_name", None) or record.name)

    @property
    def region(self) -> Region | None:
        """The UN M49 region (``Africa``, ``002``); ``None`` for Antarctica, which has none."""
        from .regions import regions_of

        return regions_of(self)[0]

    @property
    def subregion(self) -> Region | None:
        """The UN M49 sub-region (``Sub-Saharan Africa``, ``202``); Taiwan is in Eastern Asia."""
        from .regions import regions_of

        return regions_of(self)[1]

    @property
    def intermediate_region(self) -> Region | None:
        """The UN M49 intermediate region (``Eastern Africa``, ``014``) where M49 has one."""
        from .regions import regions_of

        return regions_of(self)[2]

    def name_in(self, language: str) -> str:
        """The country's name translated into ``language`` (e.g. ``"fr"``, ``"es"``).

        Uses pycountry's translations of the ISO 3166 names. An unknown language, or a name
        without a translation, gives the English :attr:`name`.
        """
        return _translate(language, self.name)

    def __repr__(self) -> str:
        return f"Country('{self}')"

    def __reduce__(self) -> tuple[type[Country], tuple[str]]:
        return (Country, (str(self),))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import PydanticCustomError, core_schema

        def validate(value: str) -> Country:
            try:
                return cls(value)
            except ValueError as error:
                raise PydanticCustomError("country_code", str(error)) from None

        from_str = core_schema.no_info_after_validator_function(
            validate, core_schema.str_schema(strict=True)
        )
        return core_schema.json_or_python_schema(
            json_schema=from_str,
            python_schema=from_str,
            serialization=core_schema.to_string_ser_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "enum": sorted(_pycountry_records()),
            "description": "ISO 3166-1 alpha-2 country code, uppercase.",
        }


def _reason(code: str) -> str:
    if code == "":
        return "country code is empty; expected an ISO 3166-1 alpha-2 code such as 'TH'"
    if len(code) == 2 and code.isalpha() and code.upper() in _pycountry_records():
        return f"country code {code!r} must be uppercase: {code.upper()!r}"
    if len(code) == 3 and code.isalpha():
        return f"country code {code!r} is not alpha-2; use the two-letter ISO 3166-1 code"
    return f"{code!r} is not an ISO 3166-1 alpha-2 country code known to pycountry"


#: Codes in common use that are not the ISO alpha-2 code of the country they mean.
_OTHER_CODES: Final = {"UK": "GB", "EL": "GR"}


def suggest_country(text: str) -> str | None:
    """The alpha-2 code ``text`` probably means: ``UK`` -> ``GB``, ``IRL`` -> ``IE``,
    ``Thailand`` -> ``TH``, ``thailnad`` -> ``TH``; ``None`` if nothing is close."""
    from .suggest import closest

    if not isinstance(text, str) or not text.strip() or len(text) > 100:
        return None
    word = text.strip()
    if word.upper() in _OTHER_CODES:
        return _OTHER_CODES[word.upper()]
    index = _names_index()
    folded = _fold(word)
    code = index.get(folded)
    if code is not None and code != word:
        return code
    close = closest(folded, [name for name in index if len(name) > 3], n=1)
    return index[close[0]] if close else None


@lru_cache(maxsize=64)
def _translator(language: str) -> Any:
    import gettext

    import pycountry

    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _translate(language: str, english: str) -> str:
    return str(_translator(language).gettext(english))


# Reprs, tracebacks and pickles name the public path, where users import it from.
Country.__module__ = "ecpat_data"
