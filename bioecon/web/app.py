"""`create_app(bioecon)`: the FastAPI app over one Bioecon instance (no import-time globals).

Front-end libraries (ECharts, the Noto Sans SC web font) come from the npm registry at install time (package.json and
package-lock.json at the repository root; `make install` runs `npm ci`) and are served by the
app itself from node_modules — never from a CDN: government intranets have no internet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from bioecon import __version__
from bioecon.app import Bioecon
from bioecon.web import api, errors, pages

HERE = Path(__file__).parent
NODE_MODULES = HERE.parents[1] / "node_modules"


def create_app(bioecon: Bioecon, *, simulated: bool = False) -> FastAPI:
    app = FastAPI(title="bioecon", version=__version__, description="生物经济规划实施监测平台 API")
    app.state.bioecon = bioecon
    app.state.simulated = simulated
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["yi"] = pages.yi
    templates.env.filters["rate"] = pages.rate
    app.state.templates = templates
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for route, folder in (
        ("/vendor/echarts", NODE_MODULES / "echarts" / "dist"),
        ("/vendor/noto-sans-sc", NODE_MODULES / "@fontsource" / "noto-sans-sc"),
    ):
        if folder.is_dir():  # installed by `npm ci` (make install); pages degrade without them
            app.mount(route, StaticFiles(directory=str(folder)), name=route.rsplit("/", 1)[-1])

    @app.middleware("http")
    async def notice(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if simulated:
            response.headers["X-Bioecon-Data"] = (
                "simulated"  # HTTP headers are Latin-1; pages say 模拟数据
            )
        return response

    return app
