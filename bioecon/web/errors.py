"""Domain errors → HTTP statuses, in one place (the CLI's counterpart is bioecon.cli.EXIT_CODES)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from bioecon.errors import (
    BioeconError,
    ConfigurationError,
    Conflict,
    DatabaseNotReady,
    InvalidInput,
    InvalidValue,
    NotFound,
    code_for,
)

HTTP_STATUS: dict[type[BioeconError], int] = {
    InvalidInput: 422,
    InvalidValue: 422,
    NotFound: 404,
    Conflict: 409,
    DatabaseNotReady: 503,
    ConfigurationError: 500,
}


def status_for(error: BioeconError) -> int:
    return code_for(error, HTTP_STATUS, default=500)


def install(app: FastAPI) -> None:
    async def handle(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, BioeconError)
        body: dict[str, object] = {"error": type(error).__name__, "message": str(error)}
        if isinstance(error, InvalidInput):
            body["problems"] = [str(p) for p in error.problems]
        return JSONResponse(body, status_code=status_for(error))

    app.add_exception_handler(BioeconError, handle)
