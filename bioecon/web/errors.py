"""Domain errors → HTTP statuses, in one place (the CLI's counterpart is bioecon.cli.EXIT_CODES)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, RootModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from bioecon.errors import (
    BioeconError,
    ConfigurationError,
    Conflict,
    DatabaseNotReady,
    Forbidden,
    InvalidInput,
    InvalidValue,
    NotAuthenticated,
    NotFound,
    code_for,
)
from bioecon.web.i18n import error_heading
from bioecon.web.pages import page_language, render

HTTP_STATUS: dict[type[BioeconError], int] = {
    InvalidInput: 422,
    InvalidValue: 422,
    NotFound: 404,
    NotAuthenticated: 401,
    Forbidden: 403,
    Conflict: 409,
    DatabaseNotReady: 503,
    ConfigurationError: 500,
}


def status_for(error: BioeconError) -> int:
    return code_for(error, HTTP_STATUS, default=500)


class ApiError(BaseModel):
    """The body of a domain error under /api: its kind, its message, every problem found."""

    error: str
    message: str
    problems: list[str] | None = None


class RequestProblem(BaseModel):
    """One invalid request parameter, as FastAPI reports it."""

    type: str
    loc: list[str | int]
    msg: str
    input: Any = None
    ctx: dict[str, Any] | None = None


class RequestErrors(BaseModel):
    detail: list[RequestProblem]


class InvalidRequest(RootModel[ApiError | RequestErrors]):
    """422: a value the domain refuses, or a parameter that is missing or malformed."""


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ApiError, "description": "Not found"},
    422: {"model": InvalidRequest, "description": "Invalid input"},
    503: {"model": ApiError, "description": "Database not ready (run `bioecon db upgrade`)"},
}
"""The errors every /api route may answer, for the OpenAPI schema."""


def api_error(error: BioeconError) -> ApiError:
    problems = [str(p) for p in error.problems] if isinstance(error, InvalidInput) else None
    return ApiError(error=type(error).__name__, message=str(error), problems=problems or None)


def wants_json(request: Request) -> bool:
    """API routes answer in JSON; pages (everything a person opens in a browser) in HTML."""
    path = request.url.path
    return path.startswith(("/api/", "/docs", "/redoc", "/openapi")) or path == "/api"


def error_page(
    request: Request, status: int, message: str, problems: Sequence[str] = ()
) -> Response:
    response = render(
        request,
        "error.html",
        status=status,
        heading=error_heading(status, page_language(request)),
        message=message,
        problems=list(problems),
    )
    response.status_code = status
    return response


def install(app: FastAPI) -> None:
    async def handle(request: Request, error: Exception) -> Response:
        assert isinstance(error, BioeconError)
        status = status_for(error)
        body = api_error(error)
        if not wants_json(request):
            return error_page(request, status, body.message, body.problems or ())
        return JSONResponse(body.model_dump(exclude_none=True), status_code=status)

    async def handle_validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if wants_json(request):
            return await request_validation_exception_handler(request, error)
        problems = [
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
        ]
        return error_page(request, 422, "invalid request parameters", problems)

    async def handle_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if wants_json(request) or error.status_code < 400:
            return await http_exception_handler(request, error)
        return error_page(request, error.status_code, str(error.detail))

    app.add_exception_handler(BioeconError, handle)
    app.add_exception_handler(RequestValidationError, handle_validation)
    app.add_exception_handler(StarletteHTTPException, handle_http)
