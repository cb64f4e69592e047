"""ECPAT International's reference data as typed, immutable, sourced records.

>>> import ecpat_data
>>> ecpat_data.organisation().secretariat.city
'Bangkok'
"""

__all__ = (
    "DATA_EDITION",
    "Completeness",
    "Country",
    "DataError",
    "EcpatDataError",
    "Event",
    "Member",
    "MismatchError",
    "Organisation",
    "PartialDate",
    "Problem",
    "ProgrammeArea",
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

__version__ = "0.1.0"
#: The date the bundled data is current to (the data edition), ISO 8601 reduced precision.
DATA_EDITION = "2026-11"

from ._api import (  # noqa: E402
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
from ._errors import DataError, EcpatDataError, MismatchError, UnknownIdError  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._completeness import Completeness
    from ._countries import Country
    from ._dataframe import to_dataframe
    from ._dates import PartialDate
    from ._models import Event, Member, Organisation, ProgrammeArea, Source
    from ._problems import Problem, Report
    from ._reports import citation, fingerprint, require
    from ._search import find_members

_LAZY = {
    "Completeness": "._completeness",
    "Country": "._countries",
    "PartialDate": "._dates",
    "Event": "._models",
    "Member": "._models",
    "Organisation": "._models",
    "ProgrammeArea": "._models",
    "Source": "._models",
    "Problem": "._problems",
    "Report": "._problems",
    "citation": "._reports",
    "fingerprint": "._reports",
    "require": "._reports",
    "find_members": "._search",
    "to_dataframe": "._dataframe",
}


def __getattr__(name: str) -> object:
    # Classes are imported on first use, so `import ecpat_data` stays as cheap as Python itself.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ecpat_data' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
