"""The build manifest (hatch_build.py) and ``ecpat-data info --verify``.

Each verification test runs against two trees, each a package directory run with PYTHONPATH:

- ``built``: a wheel built here from the source tree with hatchling (takes ~2 s; skipped where
  hatchling is not installed) and unzipped;
- ``installed``: a copy of the package this test session imports, when that is an installed
  wheel with its manifest (as in CI; skipped for an editable install).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ecpat_data
from ecpat_data._reports.fingerprint import fingerprint_of

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(ecpat_data.__file__).resolve().parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the source tree by hatchling, with the manifest hook (slow: ~2 s)."""
    pytest.importorskip("hatchling", reason="building a wheel needs hatchling")
    if not (ROOT / "hatch_build.py").is_file():
        pytest.skip("not run from a source tree")
    before = (ROOT / "data" / "MANIFEST.json").exists()
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", out],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert (ROOT / "data" / "MANIFEST.json").exists() == before, "the build wrote into data/"
    [built] = out.glob("ecpat_data-*.whl")
    return built


@pytest.fixture(params=["built", "installed"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A directory holding an ``ecpat_data`` package with its data and build manifest."""
    target = tmp_path / "site"
    if request.param == "built":
        with zipfile.ZipFile(request.getfixturevalue("wheel")) as archive:
            archive.extractall(target)
    else:
        if not (PACKAGE / "data" / "MANIFEST.json").is_file():
            pytest.skip("the package under test is not an installed wheel (editable install?)")
        shutil.copytree(
            PACKAGE, target / "ecpat_data", ignore=shutil.ignore_patterns("__pycache__")
        )
    return target


def _cli(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``ecpat-data ARGS`` with the package in ``site`` (asserting it is the one imported)."""
    code = (
        "import sys, pathlib, ecpat_data\n"
        f"assert pathlib.Path(ecpat_data.__file__).is_relative_to({str(site)!r}), "
        "ecpat_data.__file__\n"
        "from ecpat_data._cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )


def _data(site: Path) -> Path:
    return site / "ecpat_data" / "data"


def _manifest(site: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((_data(site) / "MANIFEST.json").read_text("utf-8"))
    return loaded


# --- the manifest in the wheel --------------------------------------------------------------


def test_wheel_manifest_lists_every_data_file_with_sha256_size_version_and_edition(
    wheel: Path,
) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("ecpat_data/data/MANIFEST.json"))
        shipped = {
            name.removeprefix("ecpat_data/data/"): archive.read(name)
            for name in names
            if name.startswith("ecpat_data/data/") and not name.endswith("/MANIFEST.json")
        }
    assert manifest["version"] == ecpat_data.__version__
    assert manifest["data_edition"] == ecpat_data.DATA_EDITION
    assert manifest["algorithm"] == "sha256"
    assert manifest["validated"] is True
    assert shipped, "the wheel ships no data files"
    assert manifest["files"] == {
        name: {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        for name, content in shipped.items()
    }
    assert "sources.json" in manifest["files"]


def test_wheel_data_files_are_the_source_tree_files(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        manifest = json.loads(archive.read("ecpat_data/data/MANIFEST.json"))
    for name, entry in manifest["files"].items():
        content = (ROOT / "data" / name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], name


def test_no_wheel_is_built_from_data_that_does_not_validate(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building a wheel needs hatchling")
    if not (ROOT / "hatch_build.py").is_file():
        pytest.skip("not run from a source tree")
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT, tree, ignore=shutil.ignore_patterns(".git", "dist", "__pycache__", ".*cache")
    )
    members = tree / "data" / "members.json"
    members.write_bytes(members.read_bytes().replace(b'"GB"', b'"UK"', 1))
    out = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", out],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert not list(out.glob("*.whl"))
    report = done.stdout + done.stderr
    assert "ecpat-data validate data failed, so no wheel is built" in report
    assert "members.json:" in report
    assert "'UK' is not an ISO 3166-1 alpha-2 country code" in report


def test_the_wheel_works_imported_straight_from_the_zip(wheel: Path, tmp_path: Path) -> None:
    # importlib-resources reads the data out of the archive: no unpacking, no file system path.
    code = (
        "import sys, ecpat_data\n"
        "from ecpat_data._loading import bundle\n"
        "from ecpat_data._core.resources import data_dir\n"
        "print(ecpat_data.__file__)\n"
        "print(type(data_dir()).__module__)\n"
        "print(len(ecpat_data.members()), bundle().prevalidated)\n"
        "print(ecpat_data.fingerprint())\n"
        "from ecpat_data._cli.main import main\n"
        "sys.exit(main(['info', '--verify']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(wheel)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    where, kind, loaded, fingerprint, *verify = done.stdout.splitlines()
    assert where.startswith(str(wheel))
    assert kind.startswith("zipfile")
    assert loaded == f"{len(ecpat_data.members())} True"
    assert fingerprint == fingerprint_of(ROOT / "data")
    assert verify[-1].startswith("verified: all ")


# --- info --verify --------------------------------------------------------------------------


def test_verify_passes_on_an_untouched_install(site: Path) -> None:
    result = _cli(site, "info", "--verify")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    files = _manifest(site)["files"]
    assert isinstance(files, dict)
    assert lines[0].startswith(f"verifying {_data(site)} against MANIFEST.json (ecpat-data ")
    for name, entry in files.items():
        assert any(
            line.startswith("ok ") and f" {name} " in line and entry["sha256"] in line
            for line in lines
        ), name
    assert lines[-1] == f"verified: all {len(files)} file(s) match the build manifest"


def test_verify_names_an_edited_file_and_fails(site: Path) -> None:
    target = _data(site) / "sources.json"
    original = target.read_bytes()
    target.write_bytes(original.replace(b'"schema_version": 2', b'"schema_version": 2 '))
    result = _cli(site, "info", "--verify")
    assert result.returncode == 1
    altered = [line for line in result.stdout.splitlines() if line.startswith("ALTERED")]
    assert len(altered) == 1
    assert altered[0].split()[1] == "sources.json"
    assert (
        f"expected sha256:{hashlib.sha256(original).hexdigest()} ({len(original)} bytes)"
        in (altered[0])
    )
    assert f"({len(original) + 1} bytes)" in altered[0]
    files = _manifest(site)["files"]
    assert isinstance(files, dict)
    assert result.stdout.splitlines()[-1] == (
        f"FAILED: 1 altered, 0 missing of {len(files)} file(s); "
        f"reinstall: pip install --force-reinstall ecpat-data=={ecpat_data.__version__}"
    )


def test_verify_catches_an_edit_that_keeps_the_size(site: Path) -> None:
    target = _data(site) / "sources.json"
    content = target.read_bytes()
    target.write_bytes(content.replace(b'"schema_version": 2', b'"schema_version": 3', 1))
    result = _cli(site, "info", "--verify")
    assert result.returncode == 1
    assert "ALTERED  sources.json" in result.stdout


def test_verify_names_a_missing_file_and_fails(site: Path) -> None:
    (_data(site) / "sources.json").unlink()
    result = _cli(site, "info", "--verify")
    assert result.returncode == 1
    assert "MISSING  sources.json" in result.stdout.splitlines()


def test_verify_fails_without_its_manifest(site: Path) -> None:
    (_data(site) / "MANIFEST.json").unlink()
    result = _cli(site, "info", "--verify")
    assert result.returncode == 1
    assert "MISSING  MANIFEST.json" in result.stdout.splitlines()
    assert "PROBLEM  MANIFEST.json is missing, so the installed files cannot be checked" in (
        result.stdout
    )


def test_verify_reports_an_extra_file_without_failing(site: Path) -> None:
    (_data(site) / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = _cli(site, "info", "--verify")
    assert result.returncode == 0
    assert "extra    notes.txt  (not in the manifest; ecpat-data does not read it)" in (
        result.stdout.splitlines()
    )


def test_verify_json(site: Path) -> None:
    (_data(site) / "sources.json").write_bytes(b"{}")
    result = _cli(site, "info", "--verify", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["version"] == ecpat_data.__version__
    [entry] = [f for f in report["files"] if f["name"] == "sources.json"]
    assert entry["status"] == "altered"
    assert entry["found_sha256"] == hashlib.sha256(b"{}").hexdigest()
    assert entry["found_size"] == 2


def test_verify_in_a_source_checkout_says_there_is_nothing_to_verify(tmp_path: Path) -> None:
    """A source layout (src/ecpat_data beside data/) has no manifest: exit 2, with the reason."""
    site = tmp_path / "src"
    shutil.copytree(
        PACKAGE, site / "ecpat_data", ignore=shutil.ignore_patterns("data", "__pycache__")
    )
    (tmp_path / "data").mkdir()
    result = _cli(site, "info", "--verify")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("ecpat-data: error: cannot verify: ecpat-data ")
    assert "source checkout or an editable install" in result.stderr
    assert "ecpat-data validate" in result.stderr
