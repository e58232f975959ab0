"""Pages of the languages module."""

from flask import Blueprint

from moderators.auth.access import roles_required

bp = Blueprint("languages", __name__)


@bp.route("/languages")
@roles_required("coordinator")
def coverage():
    return "coverage"
