"""Pages of the topics module."""

from flask import Blueprint

from moderators.auth.access import roles_required

bp = Blueprint("topics", __name__)


@bp.route("/topics")
@roles_required("coordinator")
def index():
    return "topics"
