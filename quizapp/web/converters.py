"""URL converters shared by every blueprint."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

DB_INT_MAX = 2**31 - 1  # PostgreSQL's integer; larger ids cannot exist and would overflow the query


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` that only matches ids a database row can have; anything else is a plain 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


def register(app) -> None:
    """Make ``<int:...>`` in every route bounded to database ids."""
    app.url_map.converters["int"] = DatabaseIdConverter
