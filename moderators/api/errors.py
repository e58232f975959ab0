"""API errors: one exception that every endpoint raises and one JSON shape for all of them."""

from flask_babel import gettext as _

from moderators.common.errors import api_error


class ApiError(Exception):
    """Stops a request with `{"error": {"code", "message", ...}}` and the given status."""

    def __init__(self, status: int, code: str, message, headers=None, **extra):
        super().__init__(str(message))
        self.status = status
        self.code = code
        self.message = str(message)
        self.headers = headers or {}
        self.extra = extra

    def response(self):
        body, status = api_error(self.status, self.code, self.message, **self.extra)
        body.headers.update(self.headers)
        return body, status


def validation_error(field: str, message) -> ApiError:
    """422 naming the input at fault: a body field or a query argument."""
    return ApiError(422, "validation_error", message, field=field)


def unauthorized() -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        _("Ein gültiges API-Token fehlt (Authorization: Bearer <Token>)."),
        headers={"WWW-Authenticate": "Bearer"},
    )


def forbidden(message=None) -> ApiError:
    return ApiError(403, "forbidden", message or _("Dafür fehlt Ihnen die Berechtigung."))


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Nicht gefunden."))


def bad_request(message) -> ApiError:
    return ApiError(400, "bad_request", message)
