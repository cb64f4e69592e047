"""The licences travel with the package: metadata, the files themselves, the Data Package."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def distribution() -> importlib.metadata.Distribution:
    return importlib.metadata.distribution("ecpat-data")


def test_metadata_declares_both_licences_as_an_spdx_expression() -> None:
    metadata = distribution().metadata
    assert metadata["License-Expression"] == "MIT AND CC-BY-4.0"
    assert sorted(metadata.get_all("License-File") or []) == ["LICENSE", "LICENSE-DATA"]
    # PEP 639: no licence classifiers beside an expression.
    assert not [c for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]


def test_installed_package_carries_the_licence_texts() -> None:
    texts = {
        Path(str(f)).name: f.read_text(encoding="utf-8")
        for f in distribution().files or []
        if Path(str(f)).parent.name == "licenses"
    }
    assert set(texts) == {"LICENSE", "LICENSE-DATA"}
    assert texts["LICENSE"].startswith("MIT License\n")
    data = texts["LICENSE-DATA"]
    assert "Creative Commons Attribution 4.0 International Public License" in data
    assert "quoted verbatim from ECPAT International" in data
    assert "data/sources.json" in data  # where each quotation's source is given


def test_project_urls_point_at_the_canonical_repository() -> None:
    urls = dict(
        entry.split(", ", 1) for entry in distribution().metadata.get_all("Project-URL") or []
    )
    assert set(urls) == {"Homepage", "Source", "Issues", "Changelog", "Documentation"}
    assert all(url.startswith("https://github.com/ecpat-data/ecpat-data") for url in urls.values())


def test_repository_licence_files_are_the_installed_ones() -> None:
    if not (ROOT / "LICENSE").exists():
        pytest.skip("not run from a checkout")
    installed = {
        Path(str(f)).name: f.read_text(encoding="utf-8")
        for f in distribution().files or []
        if Path(str(f)).parent.name == "licenses"
    }
    for name in ("LICENSE", "LICENSE-DATA"):
        assert installed[name] == (ROOT / name).read_text(encoding="utf-8"), name
