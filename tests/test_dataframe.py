"""to_dataframe: the tables of the data as pandas DataFrames, pandas imported only when called."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from fixture_bundle import load_bundle, use_bundle

import ecpat_data
from ecpat_data._export.dataframe import frame
from ecpat_data._export.tables import main_table

needs_pandas = pytest.mark.skipif(
    importlib.util.find_spec("pandas") is None,
    reason='pandas is not installed (it is in the "pandas" and "test" extras)',
)


def test_import_does_not_import_pandas() -> None:
    code = (
        "import sys, ecpat_data\n"
        "assert callable(ecpat_data.to_dataframe)\n"  # resolving the name imports no pandas
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


@needs_pandas
def test_members_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    use_bundle(monkeypatch, load_bundle())
    df = ecpat_data.to_dataframe("members")
    assert list(df.columns) == list(main_table(load_bundle(), "members").column_names)
    assert list(df["id"]) == ["ecpat-uk", "ecpat-stop-japan"]
    assert str(df["id"].dtype) == "string"
    assert str(df["unverified"].dtype) == "boolean"
    assert list(df["country"]) == ["GB", "JP"]
    assert list(df["country_name"]) == ["United Kingdom", "Japan"]
    assert df.loc[0, "joined"] == "1997"  # dates stay text
    assert pd.isna(df.loc[1, "joined"])
    assert df.loc[0, "sources"] == ["ecpat-org-uk-our-history"]  # lists stay lists
    assert df.loc[0, "evidence"][0]["kind"] == "own-statement"
    assert list(df["well_evidenced"]) == [True, False]


@needs_pandas
def test_any_table_of_the_data_package(monkeypatch: pytest.MonkeyPatch) -> None:
    use_bundle(monkeypatch, load_bundle())
    sizes = ecpat_data.to_dataframe("organisation_network_size")
    assert str(sizes["organisations"].dtype) == "Int64"
    assert list(sizes["organisations"]) == [78]
    links = ecpat_data.to_dataframe("members_sources")
    assert links.to_dict("records") == [
        {"member_id": "ecpat-uk", "source_id": "ecpat-org-uk-our-history"},
        {"member_id": "ecpat-stop-japan", "source_id": "mirror-ecpat-org-country-japan"},
    ]


@needs_pandas
def test_an_unknown_table_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"no table named 'people'.*members_evidence"):
        frame(load_bundle(), "people")


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match=r'pip install "ecpat-data\[pandas\]"'):
        ecpat_data.to_dataframe("members")


@needs_pandas
def test_bundled_members_frame() -> None:
    df = ecpat_data.to_dataframe("members")
    assert len(df) == len(ecpat_data.members())
    assert df["id"].is_unique
