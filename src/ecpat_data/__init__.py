"""ECPAT International's reference data as typed, immutable, sourced records.

The data: ``organisation()`` (names, founding, secretariat, vision, mission, network size),
``timeline()``, ``programme_areas()`` / ``programme_area(id)``, ``members(country=...,
status=..., region=...)`` / ``member(id)``, ``sources()`` / ``source(id)`` (every record cites
sources by id), and ``find_members(text)``, ``completeness()``, ``to_dataframe(name)``. A
member's ``status`` (current, historic, unconfirmed) is derived from its dated evidence; its
``country`` gives names and UN M49 regions (``Region``).

Pinning a report: ``__version__``, ``DATA_EDITION``, ``fingerprint()``, ``require(...)``,
``citation()``. Checking data files: ``validate(path)`` returns a ``Report`` of ``Problem``s.

Records are frozen pydantic models (``Organisation``, ``Event``, ``ProgrammeArea``, ``Member``,
``Source``; every nested type is in ``ecpat_data.models``, whose ``help()`` lists each field);
collections are tuples. Annotated types for your own models are in ``ecpat_data.types``. Errors
derive from ``EcpatDataError``: ``UnknownIdError``, ``DataError``, ``MismatchError``. Data is read
once, on first use, safely under threads; ``import ecpat_data`` reads nothing.

>>> import ecpat_data
>>> ecpat_data.organisation().secretariat.city
'Bangkok'

The command line is ``ecpat-data`` (``python -m ecpat_data``); the guides are in ``docs/``.
"""

__all__ = (
    "DATA_EDITION",
    "Completeness",
    "Country",
    "DataError",
    "EcpatDataError",
    "Event",
    "Member",
    "Mismatch",
    "MismatchError",
    "Organisation",
    "PartialDate",
    "Problem",
    "ProgrammeArea",
    "Region",
    "Report",
    "Source",
    "UnknownIdError",
    "__version__",
    "citation",
    "completeness",
    "find_members",
    "fingerprint",
    "member",
    "members",
    "organisation",
    "programme_area",
    "programme_areas",
    "require",
    "source",
    "sources",
    "timeline",
    "to_dataframe",
    "validate",
)

from ._api.records import (
    completeness,
    member,
    members,
    organisation,
    programme_area,
    programme_areas,
    source,
    sources,
    timeline,
    validate,
)
from ._core.errors import DataError, EcpatDataError, Mismatch, MismatchError, UnknownIdError
from ._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    #: The edition of the bundled data (its ``current_to``), read from the data on first use.
    DATA_EDITION: str
    from ._api.search import find_members
    from ._core.countries import Country
    from ._core.dates import PartialDate
    from ._core.problems import Problem, Report
    from ._core.regions import Region
    from ._export.dataframe import to_dataframe
    from ._reports.completeness import Completeness
    from ._reports.pinning import citation, fingerprint, require
    from .models import Event, Member, Organisation, ProgrammeArea, Source

_LAZY = {
    "Completeness": "._reports.completeness",
    "Country": "._core.countries",
    "PartialDate": "._core.dates",
    "Event": ".models",
    "Member": ".models",
    "Organisation": ".models",
    "ProgrammeArea": ".models",
    "Source": ".models",
    "Problem": "._core.problems",
    "Report": "._core.problems",
    "Region": "._core.regions",
    "citation": "._reports.pinning",
    "fingerprint": "._reports.pinning",
    "require": "._reports.pinning",
    "find_members": "._api.search",
    "to_dataframe": "._export.dataframe",
}


def __getattr__(name: str) -> object:
    # Classes are imported on first use, so `import ecpat_data` stays as cheap as Python itself.
    if name == "DATA_EDITION":  # the loaded data's own edition, never a second constant
        from ._loading import bundle

        return str(bundle().edition)
    if name in ("models", "types"):  # public submodules, imported on first use
        from importlib import import_module

        return import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ecpat_data' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


#: What ``dir()`` lists: the functions, constants and public modules. The classes stay in
#: ``__all__`` (``from ecpat_data import Member`` works) but are documented where they live
#: (``help(ecpat_data.models)``), so that ``help(ecpat_data)`` stays a short overview.
_DIR = (
    *(name for name in __all__ if name[0].islower() or name.isupper() or name.startswith("__")),
    "models",
    "types",
)


def __dir__() -> list[str]:
    return sorted(_DIR)
