"""`create_app(bioecon)`: the FastAPI app over one Bioecon instance (no import-time globals).

Front-end libraries (ECharts, the Noto Sans SC web font, Swagger UI for /docs) come from the
npm registry (package.json and package-lock.json at the repository root; `make install` runs
`npm ci`). The build (setup.py) copies the files the app serves into the package, under
``bioecon/web/static/vendor/``, and the app serves them from there at ``/vendor/…`` — from an
installed wheel as from a checkout, never from a CDN: government intranets have no internet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from bioecon import __version__
from bioecon.app import Bioecon
from bioecon.errors import ConfigurationError
from bioecon.services import sessions as session_service
from bioecon.web import api, auth, csrf, errors, pages, projects, registers, reporting, reports
from bioecon.web import assessment as assessment_pages
from bioecon.web import policies as policy_pages
from bioecon.web import tasks as task_pages
from bioecon.web.params import bounded_values
from bioecon.web.security_headers import add_security_headers

PACKAGE = resources.files("bioecon.web")


def create_app(
    bioecon: Bioecon,
    *,
    simulated: bool = False,
    public: bool = False,
    secure_cookies: bool = False,
) -> FastAPI:
    """The app over ``bioecon``. ``public`` lets anonymous visitors read as the public
    viewer (``serve --public``); ``secure_cookies`` marks cookies Secure and sends HSTS (the
    app is served behind HTTPS)."""
    app = FastAPI(
        title="bioecon",
        version=__version__,
        description="生物经济规划实施监测平台 API",
        docs_url=None,  # FastAPI's own /docs and /redoc load Swagger UI from a CDN
        redoc_url=None,
        dependencies=[Depends(bounded_values)],  # every route's values bounded, once
    )
    app.state.bioecon = bioecon
    app.state.simulated = simulated
    app.state.access = auth.AccessPolicy(public=public, secure_cookies=secure_cookies)
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    templates.env.filters["yi"] = pages.yi
    templates.env.filters["rate"] = pages.rate
    app.state.templates = templates
    errors.install(app)
    app.include_router(auth.router)
    app.include_router(api.router, **auth.API_ACCESS)
    app.include_router(pages.router)
    app.include_router(registers.api, **auth.API_ACCESS)
    app.include_router(registers.pages)
    app.include_router(reporting.router)
    app.include_router(reports.router)
    app.include_router(projects.router)
    app.include_router(task_pages.router)
    app.include_router(policy_pages.router)  # issue #21: policy clauses and their payout
    app.include_router(assessment_pages.router)  # issue #16: 考核 schemes and results
    app.mount("/vendor", StaticFiles(directory=vendor_folder()), name="vendor")
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")

    app.add_api_route("/docs", api_docs, include_in_schema=False, response_class=HTMLResponse)
    # the last added runs first: headers on every answer, then CSRF, then who is asking
    if simulated:
        app.middleware("http")(simulated_notice)
    app.middleware("http")(auth.identify)
    secret = session_service.signing_secret(bioecon, name="csrf")
    csrf.protect(app, secret=secret, secure_cookies=secure_cookies)
    app.middleware("http")(add_security_headers)
    return app


def api_docs(request: Request) -> Response:
    """Swagger UI for the API, its files served from the package like every other asset and
    started by a script file (the Content-Security-Policy allows no inline script)."""
    response: Response = request.app.state.templates.TemplateResponse(request, "docs.html", {})
    return response


async def simulated_notice(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Marks every response of an app over simulated data (模拟数据)."""
    response = await call_next(request)
    response.headers["X-Bioecon-Data"] = "simulated"  # HTTP headers are Latin-1; pages say 模拟数据
    return response


def vendor_folder() -> str:
    """The package's copy of the front-end libraries, which the build puts there."""
    folder = PACKAGE / "static" / "vendor"
    if not folder.is_dir():
        raise ConfigurationError(
            f"the web app's front-end files are missing ({folder}): install bioecon from a wheel,"
            " or run `make install` in the source checkout (npm ci, then pip install -e .)"
        )
    return str(folder)
