"""The wheel is complete on its own: built from a copy of the source (never the checkout's own
copied assets), installed into a scratch venv offline, it serves the charts, the Chinese font
and Swagger UI. A build without node_modules fails instead of shipping pages without charts.

The scratch venv reaches the project venv's installed dependencies through a ``.pth`` line;
directories added that way do not run their own ``.pth`` files, so the project's editable
install of bioecon cannot shadow the wheel (the probe reports which bioecon it imported)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PROBE = Path(__file__).with_name("packaging_probe.py")


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_NO_INDEX"] = "1"  # offline: everything comes from the project venv
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True
    )


def source_copy(folder: Path, *, node_modules: bool) -> Path:
    """What a fresh clone holds for the build: no copied assets, no caches."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "bioecon", folder / "bioecon", ignore=skip)
    shutil.rmtree(folder / "bioecon" / "web" / "static" / "vendor", ignore_errors=True)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, folder / name)
    if node_modules:
        (folder / "node_modules").symlink_to(ROOT / "node_modules")
    return folder


def build_wheel(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return run(
        sys.executable,
        *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out, source),
        cwd=source,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "node_modules").is_dir():
        pytest.fail("node_modules is missing: run `make install` (npm ci) first")
    source = source_copy(tmp_path_factory.mktemp("source"), node_modules=True)
    out = tmp_path_factory.mktemp("dist")
    built = build_wheel(source, out)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("bioecon-*.whl")
    return found


def test_pandas_is_only_in_the_bench_and_test_extras(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read("bioecon-0.1.0.dist-info/METADATA").decode()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    pandas = [line for line in requires if re.match(r"Requires-Dist: pandas[<>=;\s]", line)]
    assert sorted(pandas) == [
        'Requires-Dist: pandas<4,>=2.2; extra == "bench"',
        'Requires-Dist: pandas<4,>=2.2; extra == "test"',
    ]
    assert "Provides-Extra: bench" in metadata.splitlines()


def test_the_wheel_holds_the_served_assets_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "bioecon/py.typed",
        "bioecon/web/static/vendor/echarts/echarts.min.js",
        "bioecon/web/static/vendor/noto-sans-sc/400.css",
        "bioecon/web/static/vendor/noto-sans-sc/700.css",
        "bioecon/web/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "bioecon/web/static/vendor/swagger-ui/swagger-ui.css",
    ):
        assert name in names, name
    vendored = [n for n in names if "/vendor/" in n]
    # only what the app serves: no source maps, READMEs or the other font weights
    assert not [n for n in vendored if n.endswith((".map", ".md", "package.json", "300.css"))]


def test_an_installed_wheel_serves_charts_fonts_and_api_docs(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    site = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
    )
    deps = sysconfig.get_paths()["purelib"]  # the project venv's dependencies, pip among them
    (Path(site.stdout.strip()) / "project-deps.pth").write_text(deps + "\n", encoding="utf-8")
    pip = "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed"
    installed = run(python, *pip, wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    database = f"sqlite:///{tmp_path / 'empty.db'}"
    upgraded = run(venv / "bin" / "bioecon", "--db", database, "db", "upgrade", cwd=tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr  # the migrations are in the wheel too
    probe = run(python, PROBE, database, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout)

    assert Path(report["bioecon"]).is_relative_to(venv), report["bioecon"]
    fetched = {path: tuple(answer) for path, answer in report["fetched"].items()}
    assert fetched["/"][0] == 200 and fetched["/docs"][0] == 200
    for path in (
        "/vendor/echarts/echarts.min.js",
        "/vendor/noto-sans-sc/400.css",
        "/vendor/noto-sans-sc/700.css",
        "/vendor/swagger-ui/swagger-ui-bundle.js",
        "/vendor/swagger-ui/swagger-ui.css",
    ):
        assert path in fetched, path
    fonts = [p for p in fetched if p.startswith("/vendor/noto-sans-sc/files/")]
    assert fonts and all(p.endswith(".woff2") for p in fonts)
    for path, (status, size) in fetched.items():
        assert status == 200 and size > 0, (path, status, size)


def test_a_build_without_node_modules_fails_and_says_what_to_run(tmp_path: Path) -> None:
    source = source_copy(tmp_path / "source", node_modules=False)
    built = build_wheel(source, tmp_path / "dist")
    assert built.returncode != 0
    assert "npm ci --ignore-scripts" in built.stdout + built.stderr
    assert not list((tmp_path / "dist").glob("*.whl"))
