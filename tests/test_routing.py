"""An id in a URL that no integer column can hold is not found, on every route and engine."""

from werkzeug.routing import IntegerConverter

TOO_LARGE = 99_999_999_999


def test_an_id_too_large_for_the_database_is_not_found(app, client, login_as):
    login_as("coordinator")
    checked = 0
    for rule in app.url_map.iter_rules():
        converters = rule._converters
        if not converters or not all(isinstance(c, IntegerConverter) for c in converters.values()):
            continue
        path = rule.build({name: 1 for name in converters})[1].replace("/1", f"/{TOO_LARGE}")
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        response = client.open(path, method=method)
        # Werkzeug answers a method other than GET with 405 when no rule matches; never a 500.
        assert response.status_code in (404, 405), f"{method} {path} -> {response.status_code}"
        checked += 1
    assert checked > 40  # the check reached the app's routes, not just a few
