"""Entry point for gunicorn and `flask --app wsgi`."""

import gc

from moderators import create_app

app = create_app()

# What the app holds for its whole life (routes, templates, catalogs, mappings) is set aside
# from the garbage collector's full passes: a page that makes many objects, like a long
# candidate list, no longer pauses now and then to scan all of it (candidates at scale 1:
# p95 76 -> 49 ms, see benchmarks/README.md).
gc.freeze()
