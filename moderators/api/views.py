"""Endpoints of the JSON API."""

from flask import Blueprint

bp = Blueprint("api", __name__)
