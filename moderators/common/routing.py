"""URL converters: an id in a path is never larger than the databases' integer columns."""

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2_147_483_647  # the largest value of an INTEGER column on PostgreSQL and SQLite ids


class IdConverter(IntegerConverter):
    """`<int:...>` with an upper bound by default: a larger number is no id, so the URL does not
    match (404) instead of reaching PostgreSQL, which refuses to compare it (a 500)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        # Werkzeug turns a failed conversion into 405 when another method's rule has the same
        # path (PATCH /api/v1/reports/99999999999 would say "method not allowed"): no such id
        # is a 404, whatever the method.
        try:
            return super().to_python(value)
        except ValidationError:
            raise NotFound() from None
