"""Pages of the roster module."""

from flask import Blueprint

from moderators.auth.access import roles_required

bp = Blueprint("roster", __name__)


@bp.route("/moderators")
@roles_required("coordinator")
def index():
    return "moderators"


@bp.route("/me")
@roles_required("moderator")
def own_profile():
    return "me"
