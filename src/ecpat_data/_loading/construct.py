"""Records from data that has already been validated, built without validating them again.

The wheel's build hook runs ``ecpat-data validate`` on ``data/`` and records each file's sha256 in
the wheel's manifest. When a bundled file still has that digest, the loader knows its bytes passed
validation and builds the records here, as pydantic's ``model_construct`` would: the same frozen
models, with the same field values and the same ``model_fields_set``, but without building
pydantic's validators (which takes longer than anything else on first load) or importing pycountry.

Each model's plan is derived from its field annotations, so a new field needs no code here; an
annotation this module does not know raises ``TypeError`` when the plan is made, and a test
builds every plan and compares what it builds with what validation gives.

The fast path cannot diverge from validation because it refuses what it could not honour: a
model with field or model validators, a post-init other than pydantic's setting of private
attribute defaults (which the plan does itself, for immutable defaults), and any annotation
metadata other than pure checks (length and number constraints, patterns, and the check-only
validators listed in ``_core.text.CHECKS``, which return their input unchanged). Such a model
raises ``TypeError`` when its plan is made; a test makes every plan. pydantic's public
``model_construct`` would do the same work at about three times the cost (16 ms against 5 ms
for three of the five files, measured), which the first-load budget cannot carry.
"""

from __future__ import annotations

import types
from functools import lru_cache
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Final,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

from annotated_types import BaseMetadata
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from .._core.countries import Country
from .._core.dates import PartialDate
from .._core.text import CHECKS

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["build"]

_M = TypeVar("_M", bound=BaseModel)

#: Types of private-attribute defaults that records can share without copying.
_IMMUTABLE: Final = (type(None), bool, int, str, frozenset, PartialDate)

#: Model -> function building it from a JSON object.
_plans: dict[type[BaseModel], Callable[[dict[str, Any]], Any]] = {}


def build(model: type[_M], document: dict[str, Any]) -> _M:
    """``model`` built from a JSON ``document`` known to be valid for it (no validation)."""
    built: _M = _builder(model)(document)
    return built


def _builder(model: type[BaseModel]) -> Callable[[dict[str, Any]], Any]:
    made = _plans.get(model)
    if made is not None:
        return made
    fields = model.__pydantic_fields__
    privates = model.__private_attributes__
    if (
        (model.__pydantic_post_init__ and not _only_inits_privates(model))
        or any(private.default_factory is not None for private in privates.values())
        or model.model_config.get("extra") == "allow"
        or any(field.default_factory is not None for field in fields.values())
    ):
        raise TypeError(f"{model.__name__} needs pydantic's own model_construct")
    decorators = model.__pydantic_decorators__
    if (
        decorators.validators
        or decorators.field_validators
        or decorators.root_validators
        or decorators.model_validators
    ):
        raise TypeError(f"{model.__name__} has validators the fast path cannot honour")
    for name, field in fields.items():
        _refuse_transforms(field.metadata, f"{model.__name__}.{name}")
    #: Private attributes with their defaults, as pydantic sets them after validation (it
    #: copies each default; these are immutable, so one object serves every record).
    private_defaults = {name: private.default for name, private in privates.items()}
    if not all(isinstance(value, _IMMUTABLE) for value in private_defaults.values()):
        raise TypeError(f"{model.__name__} needs pydantic's own model_construct")
    #: Every field with its default, in field order (the order validation gives ``__dict__``).
    defaults = {
        name: None if field.is_required() else field.default for name, field in fields.items()
    }
    #: JSON key -> field name, for the fields whose JSON key is an alias.
    aliases = {field.alias: name for name, field in fields.items() if field.alias}
    #: Field name -> conversion, for the fields whose JSON value needs one.
    conversions = {
        name: convert
        for name, field in fields.items()
        if (convert := _converter(field.annotation)) is not None
    }
    new = model.__new__
    setattr_ = object.__setattr__

    def make(document: dict[str, Any]) -> Any:
        # What model_construct does for these models (no validation aliases, private
        # attributes only with plain defaults, no extras, no default factories), with its
        # per-field work done once per model here. Valid documents hold only the models' keys.
        if aliases:
            document = {aliases.get(key, key): value for key, value in document.items()}
        values = defaults.copy()
        values.update(document)
        for name, convert in conversions.items():
            if name in document:
                values[name] = convert(document[name])
        record = new(model)
        setattr_(record, "__dict__", values)
        setattr_(record, "__pydantic_fields_set__", set(document))
        setattr_(record, "__pydantic_extra__", None)
        setattr_(record, "__pydantic_private__", private_defaults.copy() if privates else None)
        return record

    _plans[model] = make
    return make


def _only_inits_privates(model: type[BaseModel]) -> bool:
    """True when the model's post-init is only pydantic's setting of private defaults.

    pydantic installs its ``init_private_attributes`` as ``model_post_init`` on a model that
    declares private attributes and no post-init of its own; any other post-init runs code
    this module cannot repeat.
    """
    return getattr(model.model_post_init, "__name__", "") == "init_private_attributes"


def _converter(annotation: Any) -> Callable[[Any], Any] | None:
    """What turns a JSON value into a value of ``annotation``; ``None`` where none is needed."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        _refuse_transforms(metadata, annotation)  # formatted only on refusal (repr costs 0.3 ms)
        return _converter(base)
    if origin is Union or origin is types.UnionType:
        return _optional(annotation)
    if origin is tuple:
        return _tuple(annotation)
    if origin is Literal or annotation in (str, int, bool):
        return None
    if annotation is PartialDate:
        return _date
    if annotation is Country:
        return _country
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _builder(annotation)
    raise TypeError(f"no conversion from validated JSON to {annotation!r}")


def _refuse_transforms(metadata: list[Any], where: object) -> None:
    """Raise ``TypeError`` unless every item of ``metadata`` only checks a value.

    ``where`` names the field, or is the annotation holding ``metadata`` (formatted only in
    the message of a refusal: formatting every annotation would cost a third of a millisecond).
    """
    for item in metadata:
        if isinstance(item, FieldInfo):
            _refuse_transforms(item.metadata, where)
        elif isinstance(item, AfterValidator):
            if item.func not in CHECKS:
                raise TypeError(f"{where}: validator {item.func!r} may change values")
        elif isinstance(item, BaseMetadata):
            continue  # annotated-types constraints (MinLen, Ge, ...) only check
        elif set(getattr(item, "__dict__", {"?": 0})) - _CHECKING_KEYS:
            raise TypeError(f"{where}: metadata {item!r} may change values")


#: Keys of pydantic's general field metadata (``Field(pattern=...)``) that only check a value.
_CHECKING_KEYS: Final = frozenset({"pattern", "strict"})


def _optional(annotation: Any) -> Callable[[Any], Any] | None:
    kept = [arg for arg in get_args(annotation) if arg is not type(None)]
    if len(kept) != 1:
        raise TypeError(f"no conversion from validated JSON to {annotation!r}")
    inner = _converter(kept[0])
    if inner is None:
        return None
    convert = inner
    return lambda value: None if value is None else convert(value)


def _tuple(annotation: Any) -> Callable[[Any], Any]:
    arguments = get_args(annotation)
    if len(arguments) != 2 or arguments[1] is not Ellipsis:
        raise TypeError(f"no conversion from validated JSON to {annotation!r}")
    inner = _converter(arguments[0])
    if inner is None:
        return tuple
    convert = inner
    return lambda values: tuple(map(convert, values))


@lru_cache(maxsize=4096)
def _date(text: str) -> PartialDate:
    # Dates repeat across records (the edition, common years); a PartialDate is immutable.
    return PartialDate.parse(text)


def _country(code: str) -> Country:
    # The code passed validation when the wheel was built; skip the pycountry look-up.
    return str.__new__(Country, code)
