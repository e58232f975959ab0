"""Security headers on every response, the client's address behind a proxy, and the check
that keeps redirects on this site."""

from urllib.parse import urlsplit

from flask import Flask, current_app, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

# Scripts only from our own files (there are none inline); inline style attributes stay allowed
# because the SVG charts and the printable pages use them.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}
HSTS_VALUE = "max-age=31536000; includeSubDomains"


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        # Behind a reverse proxy every request comes from the proxy: the per-address login limit
        # needs the client's address, which the proxy passes in X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def add_security_headers(response):
    # setdefault: a view may ask for stricter, e.g. no referrer from the secret calendar page.
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("HSTS"):
        response.headers.setdefault("Strict-Transport-Security", HSTS_VALUE)
    if _is_personal():
        # A signed-in user's pages and a token's API answers never stay in a shared cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def _is_personal() -> bool:
    """Whether the response is for one person; public pages and static files stay cacheable."""
    if request.endpoint == "static":
        return False
    # The session's sign-in, not current_user: after a commit that would load the user again.
    return request.authorization is not None or session.get("_user_id") is not None


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None.

    Refused: other hosts (`//host`, `https://host`), schemes (`javascript:`), and what browsers
    read as another host although it starts with one slash (`/\\host`, `/<tab>/host`).
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
