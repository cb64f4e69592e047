"""Loading the bundled data: files the wheel's build validated are built without validating
them again, and give exactly the records validation gives; every other file is validated."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
from fixture_bundle import FILES, VALID
from pydantic import AfterValidator, BaseModel, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import from_json

import ecpat_data
from ecpat_data import DataError
from ecpat_data._core.datasets import DATASETS
from ecpat_data._core.resources import data_dir
from ecpat_data._core.text import Slug, Text
from ecpat_data._loading.construct import build
from ecpat_data._loading.reader import load

PACKAGE = Path(ecpat_data.__file__).resolve().parent


def _every_field(file: str) -> bytes:
    """The fixture file, plus values for the fields that neither data set fills in.

    The values are test values, not facts: they only make the comparison below cover every
    field's conversion.
    """
    document = json.loads((VALID / file).read_bytes())
    if file == "organisation.json":
        organisation = document["organisation"]
        organisation["un_status"]["since"] = "1999"
        cited = organisation["secretariat"]["sources"]
        organisation["founding"].append(
            {"date": None, "period": "the 1980's", "claim": "Test.", "sources": cited}
        )
        statement = {"text": "Test.", "as_of": "2024", "note": "Test.", "sources": cited}
        for key in ("addresses", "websites", "emails"):
            organisation["secretariat"][key] = [statement]
        organisation["campaign_initiators"] = [
            {"person": "Test", "role": "Test.", "sources": cited, "unverified": True}
        ]
    if file == "members.json":
        document["members"][0]["constituents"] = ["Test"]
    if file == "timeline.json":
        event = document["events"][0]
        event["alternative_dates"] = [
            {"date": "1999-01", "end": "1999-02-28", "note": "Test.", "sources": event["sources"]}
        ]
    return json.dumps(document).encode()


#: Data sets the built records are compared on: file name -> the file's bytes.
CASES = {
    "bundled": lambda file: Path(str(data_dir()), file).read_bytes(),
    "fixture": lambda file: (VALID / file).read_bytes(),
    "every-field": _every_field,
}


def _same(validated: Any, built: Any, where: str) -> None:
    """Equal values of the same types, down to every nested record's ``model_fields_set``."""
    assert type(built) is type(validated), where
    if isinstance(validated, BaseModel):
        assert built.model_fields_set == validated.model_fields_set, where
        assert list(built.__dict__) == list(validated.__dict__), where
        for name, value in validated.__dict__.items():
            _same(value, built.__dict__[name], f"{where}.{name}")
    elif isinstance(validated, tuple):
        assert len(built) == len(validated), where
        for index, (a, b) in enumerate(zip(validated, built, strict=True)):
            _same(a, b, f"{where}[{index}]")
    else:
        assert built == validated, where


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_building_validated_json_gives_the_records_validation_gives(
    dataset: str, case: str
) -> None:
    file = DATASETS[dataset].file
    model = DATASETS[dataset].file_model
    content = CASES[case](file)
    validated = model.model_validate_json(content)
    built = build(model, from_json(content))
    _same(validated, built, dataset)
    assert built == validated
    assert built.model_dump_json() == validated.model_dump_json()
    assert repr(built) == repr(validated)


def _models(model: type[BaseModel], seen: dict[type[BaseModel], None]) -> None:
    if model in seen:
        return
    seen[model] = None
    for field in model.__pydantic_fields__.values():
        for candidate in _types_in(field.annotation):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                _models(candidate, seen)


def _types_in(annotation: Any) -> list[Any]:
    arguments = getattr(annotation, "__args__", ())
    return [annotation, *(t for argument in arguments for t in _types_in(argument))]


def _set_fields(document: Any, model: type[BaseModel], found: set[tuple[str, str]]) -> None:
    """Record (model, field) for every field given a non-null value in ``document``."""
    if isinstance(document, list):
        for item in document:
            _set_fields(item, model, found)
        return
    if not isinstance(document, dict):
        return
    for name, field in model.__pydantic_fields__.items():
        value = document.get(field.alias or name)
        if value is None:
            continue
        found.add((model.__name__, name))
        for candidate in _types_in(field.annotation):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                _set_fields(value, candidate, found)


def test_the_equivalence_data_gives_every_field_of_every_record_a_value() -> None:
    # So that the test above exercises every field's conversion, not only the common ones.
    seen: dict[type[BaseModel], None] = {}
    found: set[tuple[str, str]] = set()
    for file, model in ((d.file, d.file_model) for d in DATASETS.values()):
        _models(model, seen)
        for read in CASES.values():
            _set_fields(json.loads(read(file)), model, found)
    every = {(m.__name__, name) for m in seen for name in m.__pydantic_fields__}
    assert sorted(every - found) == []


def test_a_field_type_without_a_conversion_is_refused() -> None:
    class Odd(BaseModel):
        counts: dict[str, int]

    with pytest.raises(TypeError, match="no conversion from validated JSON"):
        build(Odd, {"counts": {}})


def test_a_model_with_a_default_factory_is_refused() -> None:
    class Made(BaseModel):
        names: list[str] = Field(default_factory=list)

    with pytest.raises(TypeError, match="model_construct"):
        build(Made, {})


def test_private_attributes_with_immutable_defaults_are_built_as_validation_sets_them() -> None:
    class Tagged(BaseModel):
        name: str
        _tag: str | None = PrivateAttr(default=None)

    built = build(Tagged, {"name": "x"})
    assert built.__pydantic_private__ == {"_tag": None}
    assert built == Tagged.model_validate({"name": "x"})


def test_a_private_attribute_with_a_mutable_default_is_refused() -> None:
    class Listed(BaseModel):
        name: str
        _seen: list[str] = PrivateAttr(default=[])

    with pytest.raises(TypeError, match="model_construct"):
        build(Listed, {"name": "x"})


def test_a_model_with_its_own_post_init_is_refused() -> None:
    class Counted(BaseModel):
        name: str
        _length: int = PrivateAttr(default=0)

        def model_post_init(self, context: Any, /) -> None:
            self._length = len(self.name)

    with pytest.raises(TypeError, match="model_construct"):
        build(Counted, {"name": "x"})


def test_a_model_with_a_field_validator_is_refused() -> None:
    class Shouting(BaseModel):
        name: str

        @field_validator("name")
        @classmethod
        def upper(cls, value: str) -> str:
            return value.upper()

    with pytest.raises(TypeError, match="validators the fast path cannot honour"):
        build(Shouting, {"name": "x"})


def test_a_model_with_a_model_validator_is_refused() -> None:
    class Checked(BaseModel):
        name: str

        @model_validator(mode="after")
        def fine(self) -> Checked:
            return self

    with pytest.raises(TypeError, match="validators the fast path cannot honour"):
        build(Checked, {"name": "x"})


def test_an_annotated_validator_that_may_change_values_is_refused() -> None:
    class Stripped(BaseModel):
        names: tuple[Annotated[str, AfterValidator(str.strip)], ...]

    with pytest.raises(TypeError, match="may change values"):
        build(Stripped, {"names": [" x "]})


def test_a_field_validator_in_field_metadata_that_may_change_values_is_refused() -> None:
    class Lowered(BaseModel):
        name: Annotated[str, AfterValidator(str.lower)]

    with pytest.raises(TypeError, match="may change values"):
        build(Lowered, {"name": "X"})


def test_check_only_validators_and_constraints_are_accepted() -> None:
    class Fine(BaseModel):
        name: Text
        slug: Slug
        count: int = Field(ge=0)

    built = build(Fine, {"name": "A", "slug": "a-b", "count": 1})
    assert built == Fine.model_validate({"name": "A", "slug": "a-b", "count": 1})


# --- which files are trusted ----------------------------------------------------------------


def _install(tmp_path: Path, **overrides: object) -> Path:
    """A copy of the fixture data with a build manifest as the wheel's build writes it."""
    target = tmp_path / "data"
    target.mkdir()
    files = {}
    for name in FILES:
        content = (VALID / name).read_bytes()
        (target / name).write_bytes(content)
        files[name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
    manifest = {"version": ecpat_data.__version__, "validated": True, "files": files}
    manifest.update(overrides)
    (target / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


def test_files_matching_a_validated_manifest_load_without_validation(tmp_path: Path) -> None:
    assert load(_install(tmp_path)).prevalidated


def test_trusted_and_validated_loads_give_equal_records(tmp_path: Path) -> None:
    trusted = load(_install(tmp_path))
    checked = load(VALID)
    assert (trusted.prevalidated, checked.prevalidated) == (True, False)
    assert trusted.organisation == checked.organisation
    assert trusted.members == checked.members
    assert trusted.sources_by_id == checked.sources_by_id
    assert trusted.raw == checked.raw


def test_trusted_and_validated_loads_give_members_the_same_edition_and_derived_values(
    tmp_path: Path,
) -> None:
    # Members compare by their data only; what they were loaded with is compared here.
    def derived(data: Any) -> list[tuple[Any, ...]]:
        return [
            (m.edition, m.__pydantic_private__, m.status, m.well_evidenced) for m in data.members
        ]

    trusted = load(_install(tmp_path))
    checked = load(VALID)
    assert derived(trusted) == derived(checked)
    assert trusted.members_by_status == checked.members_by_status


def test_an_edited_file_is_validated_on_load(tmp_path: Path) -> None:
    directory = _install(tmp_path)
    members = directory / "members.json"
    members.write_bytes(members.read_bytes().replace(b'"GB"', b'"UK"', 1))
    with pytest.raises(DataError) as raised:
        load(directory)
    assert [p.code for p in raised.value.problems] == ["invalid-country"]


def test_an_edited_valid_file_loads_validated(tmp_path: Path) -> None:
    directory = _install(tmp_path)
    members = directory / "members.json"
    members.write_bytes(members.read_bytes() + b"\n")
    assert not load(directory).prevalidated


@pytest.mark.parametrize(
    "overrides",
    [{"version": "0.0.0"}, {"validated": False}, {"validated": None}, {"files": []}],
    ids=["other-version", "not-validated", "no-validated-mark", "files-not-an-object"],
)
def test_a_manifest_that_does_not_vouch_for_this_package_is_not_trusted(
    tmp_path: Path, overrides: dict[str, object]
) -> None:
    assert not load(_install(tmp_path, **overrides)).prevalidated


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b"\xff\xfe"])
def test_an_unreadable_manifest_is_not_trusted(tmp_path: Path, content: bytes) -> None:
    directory = _install(tmp_path)
    (directory / "MANIFEST.json").write_bytes(content)
    assert not load(directory).prevalidated


def test_without_a_manifest_every_file_is_validated(tmp_path: Path) -> None:
    directory = _install(tmp_path)
    (directory / "MANIFEST.json").unlink()
    assert not load(directory).prevalidated


# --- in a fresh process ---------------------------------------------------------------------


def _fresh(code: str, *, path: Path | None = None) -> str:
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


def test_the_installed_wheel_loads_its_data_without_validating(tmp_path: Path) -> None:
    if not (PACKAGE / "data" / "MANIFEST.json").is_file():
        pytest.skip("the package under test is not an installed wheel (editable install?)")
    shutil.copytree(PACKAGE, tmp_path / "ecpat_data", ignore=shutil.ignore_patterns("__pycache__"))
    out = _fresh(
        "import sys, ecpat_data\n"
        "from ecpat_data._loading import bundle\n"
        "ecpat_data.members()\n"
        "print(bundle().prevalidated, 'pycountry' in sys.modules, ecpat_data.__file__)",
        path=tmp_path,
    )
    assert out.split()[:2] == ["True", "False"]
    assert out.split()[2].startswith(str(tmp_path))


def test_first_load_leaves_the_garbage_collector_on() -> None:
    out = _fresh("import gc, ecpat_data\necpat_data.members()\nprint(gc.isenabled())")
    assert out == "True"


def test_first_load_leaves_a_disabled_garbage_collector_off() -> None:
    out = _fresh("import gc, ecpat_data\ngc.disable()\necpat_data.members()\nprint(gc.isenabled())")
    assert out == "False"


def test_the_loaded_bundle_is_read_only(tmp_path: Path) -> None:
    bundle = load(_install(tmp_path))
    with pytest.raises(AttributeError, match="read-only"):
        bundle.members = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del bundle.sources


def test_a_bundle_with_other_members_is_reindexed_and_bound_to_its_edition(tmp_path: Path) -> None:
    bundle = load(_install(tmp_path))
    kept = bundle.members[:1]
    narrowed = bundle.replace(members=kept)
    assert (narrowed.members, tuple(narrowed.members_by_id)) == (kept, (kept[0].id,))
    assert narrowed.members_by_country == {kept[0].country: kept}
    assert narrowed.edition == bundle.edition


def test_a_bundle_refuses_to_replace_what_it_derives(tmp_path: Path) -> None:
    bundle = load(_install(tmp_path))
    with pytest.raises(TypeError, match="members_by_id"):
        bundle.replace(members_by_id={})


def test_first_load_leaves_no_object_frozen() -> None:
    out = _fresh("import gc, ecpat_data\necpat_data.members()\nprint(gc.get_freeze_count())")
    assert out == "0"


def test_first_load_keeps_the_objects_a_program_froze_frozen() -> None:
    # gc.get_objects() lists the collector's generations, not the frozen ("permanent") objects.
    out = _fresh(
        "import gc, ecpat_data\nmarker = [[]]\ngc.freeze()\n"
        "ecpat_data.members()\n"
        "print(gc.get_freeze_count() > 0, any(o is marker for o in gc.get_objects()))"
    )
    assert out == "True False"


def test_the_cached_bundle_is_released_at_exit() -> None:
    # An exit handler registered before the first load runs after the loader's own.
    out = _fresh(
        "import atexit, ecpat_data\nfrom ecpat_data import _loading\n"
        "atexit.register(lambda: print(_loading._loaded is None))\n"
        "ecpat_data.members()"
    )
    assert out == "True"


def test_data_is_still_served_after_the_bundle_was_released_at_exit() -> None:
    out = _fresh(
        "import atexit, ecpat_data\n"
        "atexit.register(lambda: print(len(ecpat_data.members()) > 0))\n"
        "ecpat_data.members()"
    )
    assert out == "True"
