"""Security headers on every response: a Content-Security-Policy that allows only the app's
own files (no inline script or style, no other origin — the pages load nothing from a CDN
anyway), no MIME sniffing, no framing, no referrer to other sites, and no caching of pages
and API answers (they hold enterprise data); HSTS when served behind HTTPS."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request, Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # ECharts and Swagger UI draw small images as data: URLs
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
STRICT_TRANSPORT = "max-age=31536000"
CACHED_PATHS = ("/static/", "/vendor/")  # the app's own files may be cached; nothing else


async def add_security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith(CACHED_PATHS):
        response.headers.setdefault("Cache-Control", "no-store")
    if request.app.state.access.secure_cookies:
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT)
    return response
