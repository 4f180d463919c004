"""Run by tests/test_packaging.py with the scratch venv's Python, where bioecon comes from the
built wheel: starts the web app in process over the database named by argv[1], follows the
front-end files that the home page and /docs load, and prints what it fetched as JSON."""

from __future__ import annotations

import json
import re
import sys

from fastapi.testclient import TestClient

import bioecon
from bioecon.app import Bioecon
from bioecon.settings import Settings
from bioecon.web.app import create_app

ASSET = re.compile(r'(?:href|src)="(/vendor/[^"]+)"|"(/vendor/[^"]+\.js)"')
FONT_FILE = re.compile(r"url\(\./(files/[^)]+\.woff2)\)")


def linked(html: str) -> list[str]:
    return [a or b for a, b in ASSET.findall(html)]


def main(database_url: str) -> None:
    app = Bioecon(Settings(database_url=database_url))
    fetched: dict[str, tuple[int, int]] = {}
    with TestClient(create_app(app, public=True)) as client:

        def fetch(path: str) -> str:
            response = client.get(path)
            fetched[path] = (response.status_code, len(response.content))
            text: str = response.text
            return text

        pages = fetch("/") + fetch("/docs")
        for path in [*linked(pages), "/vendor/echarts/echarts.min.js"]:
            body = fetch(path)
            if path.endswith(".css"):
                fonts = FONT_FILE.findall(body)
                if fonts:
                    fetch(path.rsplit("/", 1)[0] + "/" + fonts[0])
    app.close()
    print(json.dumps({"bioecon": bioecon.__file__, "fetched": fetched}))


if __name__ == "__main__":
    main(sys.argv[1])
