"""The coordination office's scheduling pages: request queue, candidates, sessions."""

from flask import Blueprint

bp = Blueprint("scheduling", __name__)
