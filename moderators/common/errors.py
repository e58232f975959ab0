"""Error pages for people and JSON errors for the API; never a stack trace."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from moderators.extensions import db


def wants_json() -> bool:
    return request.path.startswith("/api/")


def api_error(status: int, code: str, message: str, **extra):
    body = {"error": {"code": code, "message": message, **extra}}
    return jsonify(body), status


ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    422: "unprocessable",
    429: "too_many_requests",
}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            code = ERROR_CODES.get(error.code, "error")
            return api_error(error.code, code, error.description or code)
        # Werkzeug's stock descriptions are English; only our own (translated) ones are shown.
        own = error.description if error.description != type(error).description else None
        return render_template("errors/error.html", error=error, message=own), error.code

    if app.testing:
        return  # let the test see the exception itself

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path)
        if wants_json():
            return api_error(500, "internal_error", _("Ein unerwarteter Fehler ist aufgetreten."))
        return render_template("errors/error.html", error=None), 500
