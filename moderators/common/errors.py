"""Error pages for people and JSON errors for the API; never a stack trace."""

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from moderators.extensions import db, login_manager

# The database is down, restarting or dropped the connection: worth trying again shortly.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError)
RETRY_AFTER_SECONDS = 30


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

    def database_unavailable(error: SQLAlchemyError):
        _forget_transaction()
        app.logger.error("Database unavailable on %s: %s", request.path, error)
        # Loading the signed-in user (and their locale) needs the database: the answer is made
        # as for a visitor, in the language of the browser or the switcher.
        g._login_user = login_manager.anonymous_user()
        message = _(
            "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal."
        )
        if wants_json():
            response, status = api_error(503, "unavailable", message)
        else:
            response = app.make_response(
                (render_template("errors/unavailable.html", message=message), 503)
            )
            status = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.headers["Cache-Control"] = "no-store"
        return response, status

    for error_class in DATABASE_UNAVAILABLE:  # in tests too: a test checks the 503
        app.register_error_handler(error_class, database_unavailable)

    if app.testing:
        return  # let the test see the exception itself

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path)
        if wants_json():
            return api_error(500, "internal_error", _("Ein unerwarteter Fehler ist aufgetreten."))
        return render_template("errors/error.html", error=None), 500


def _forget_transaction() -> None:
    """Roll back what the request began; if even that needs the lost connection, drop it, so
    that the pool opens a new one (checked by pool_pre_ping) for the next request."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.invalidate()
