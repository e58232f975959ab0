"""Entry point for gunicorn and `flask --app wsgi`."""

from moderators import create_app

app = create_app()
