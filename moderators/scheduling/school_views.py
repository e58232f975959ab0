"""A school's pages: file a request, follow it, see confirmed sessions."""

from flask import Blueprint

bp = Blueprint("school_requests", __name__)
