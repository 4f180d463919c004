"""Build hook: copy the front-end files the web app serves from node_modules into the package.

ECharts, the Noto Sans SC web font and Swagger UI come from npm (package.json and
package-lock.json; `make install` runs `npm ci --ignore-scripts`). At build time this hook
copies only the files the app serves into ``bioecon/web/static/vendor/`` — in the wheel's
build folder for a wheel, in the source tree (git-ignored) for an editable install — so an
installed wheel serves its charts and fonts without node_modules, a CDN or the internet.
A build without node_modules fails: there is never a wheel without charts.

Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import FileError

ROOT = Path(__file__).parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = Path("bioecon", "web", "static", "vendor")

# served folder → (npm package folder, files the app's pages and /docs load)
ASSETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "echarts": ("echarts/dist", ("echarts.min.js",)),
    "noto-sans-sc": ("@fontsource/noto-sans-sc", ("400.css", "700.css")),
    # the bulletins' embedded fonts (OFL-1.1): 宋体-style body and title, 黑体-style headings
    "fonts": (
        "@expo-google-fonts",
        (
            "noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
            "noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
            "noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
        ),
    ),
    "swagger-ui": (
        "swagger-ui-dist",
        ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"),
    ),
}
CSS_URL = re.compile(r"url\(\s*['\"]?\./([^'\")]+)['\"]?\s*\)")


def referenced(css: Path) -> list[str]:
    """The files a stylesheet loads by relative ``url(./…)``: a web font's subsets."""
    return CSS_URL.findall(css.read_text(encoding="utf-8"))


def wanted(package: Path, names: tuple[str, ...]) -> list[str]:
    """``names`` and the files their stylesheets load, relative to the npm package folder."""
    files = list(names)
    for name in names:
        if name.endswith(".css") and (package / name).is_file():
            files += referenced(package / name)
    return files


def copy_assets(node_modules: Path, target: Path) -> int:
    """Replace ``target`` with the served files of every npm package; return how many."""
    missing = [
        f"{folder}/{name}"
        for folder, names in ASSETS.values()
        for name in wanted(node_modules / folder, names)
        if not (node_modules / folder / name).is_file()
    ]
    if missing:
        raise FileError(
            f"bioecon build: front-end files missing from {node_modules} ({', '.join(missing[:3])}"
            f"{' …' if len(missing) > 3 else ''}). Run `npm ci --ignore-scripts` (or `make install`)"
            " in the source checkout first: the web app serves them from the package."
        )
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for served, (folder, names) in ASSETS.items():
        for name in wanted(node_modules / folder, names):
            destination = target / served / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(node_modules / folder / name, destination)
            count += 1
    return count


class BuildWithAssets(build_py):
    """setuptools' build_py, plus the front-end files (also in editable mode)."""

    def run(self) -> None:
        editable = bool(getattr(self, "editable_mode", False))
        target = ROOT / VENDOR if editable else Path(self.build_lib) / VENDOR
        count = copy_assets(NODE_MODULES, target)
        self.announce(f"bioecon build: {count} front-end files copied into {target}", logging.INFO)
        super().run()


setup(cmdclass={"build_py": BuildWithAssets})
