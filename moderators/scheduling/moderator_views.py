"""A moderator's sessions: offers to answer, upcoming sessions."""

from flask import Blueprint

bp = Blueprint("moderator_sessions", __name__)
