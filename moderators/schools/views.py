"""Pages of the schools module."""

from flask import Blueprint

from moderators.auth.access import roles_required

bp = Blueprint("schools", __name__)


@bp.route("/schools")
@roles_required("coordinator")
def index():
    return "schools"


@bp.route("/school")
@roles_required("school")
def own():
    return "own school"
