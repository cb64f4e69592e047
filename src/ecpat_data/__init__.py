"""ECPAT International's reference data as typed, immutable, sourced records.

The data: ``organisation()`` (names, founding, secretariat, vision, mission, network size),
``timeline(since=, until=, programme_area=)`` / ``event(id)``, ``programme_areas()`` /
``programme_area(id)``, ``members(country=..., status=..., region=...)`` / ``member(id)``,
``sources()`` / ``source(id)`` (every record cites sources by id), and ``find_members(text)``,
``completeness()``, ``to_dataframe(name)``, ``card(record)`` (a record with its sources). A
member's ``status`` (current, historic, unconfirmed) is derived from its dated evidence; its
``country`` gives names and UN M49 regions (``Region``).

Every command from Python: ``export(dataset, to)``, ``write_datapackage(dir)``,
``diff(old, new)`` (a ``DataDiff``), ``fingerprint(path)``, ``plot_network_size(path)``,
``plot_members(path)``.

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
    "DataDiff",
    "DataError",
    "DatasetDiff",
    "EcpatDataError",
    "Event",
    "FieldChange",
    "Member",
    "Mismatch",
    "MismatchError",
    "Organisation",
    "PartialDate",
    "Problem",
    "ProgrammeArea",
    "RecordChange",
    "RecordRef",
    "Region",
    "Report",
    "Source",
    "UnknownIdError",
    "__version__",
    "card",
    "citation",
    "completeness",
    "diff",
    "event",
    "export",
    "find_members",
    "fingerprint",
    "member",
    "members",
    "organisation",
    "plot_members",
    "plot_network_size",
    "programme_area",
    "programme_areas",
    "require",
    "source",
    "sources",
    "timeline",
    "to_dataframe",
    "validate",
    "write_datapackage",
)

from ._api.records import (
    completeness,
    event,
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
    from ._api.card import card
    from ._api.export import export, write_datapackage
    from ._api.plot import plot_members, plot_network_size
    from ._api.reports import diff
    from ._api.search import find_members
    from ._core.countries import Country
    from ._core.dates import PartialDate
    from ._core.problems import Problem, Report
    from ._core.regions import Region
    from ._export.dataframe import to_dataframe
    from ._reports.completeness import Completeness
    from ._reports.diff import DataDiff, DatasetDiff, FieldChange, RecordChange, RecordRef
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
    "card": "._api.card",
    "export": "._api.export",
    "write_datapackage": "._api.export",
    "diff": "._api.reports",
    "plot_members": "._api.plot",
    "plot_network_size": "._api.plot",
    "DataDiff": "._reports.diff",
    "DatasetDiff": "._reports.diff",
    "FieldChange": "._reports.diff",
    "RecordChange": "._reports.diff",
    "RecordRef": "._reports.diff",
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
