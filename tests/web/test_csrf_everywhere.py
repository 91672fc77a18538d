"""Every state-changing route refuses a request without its CSRF token (routes taken from the URL map)."""

from __future__ import annotations

import pytest
from werkzeug.routing.converters import AnyConverter, NumberConverter

from quizapp.extensions import csrf
from tests.factories import PASSWORD, make_user
from tests.support import AuthActions

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _fill(rule) -> str:
    values = {}
    for arg in rule.arguments:
        converter = rule._converters[arg]
        if isinstance(converter, NumberConverter):
            values[arg] = 1
        elif isinstance(converter, AnyConverter):
            values[arg] = next(iter(converter.items))
        else:
            values[arg] = "x"
    return rule.build(values, append_unknown=False)[1]


def _state_changing_rules(app):
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        for method in sorted(rule.methods & STATE_CHANGING)
        if rule.endpoint != "static"
    ]


def _is_exempt(app, endpoint: str) -> bool:
    view = app.view_functions[endpoint]
    name = f"{view.__module__}.{view.__name__}"
    blueprint = endpoint.rsplit(".", 1)[0] if "." in endpoint else None
    return name in csrf._exempt_views or app.blueprints.get(blueprint) in csrf._exempt_blueprints


def test_every_state_changing_route_needs_a_csrf_token(app):
    make_user("admin", email="admin@example.com")
    client = app.test_client()
    AuthActions(client).login("admin@example.com", PASSWORD)
    rules = _state_changing_rules(app)
    assert len(rules) >= 4  # the check must be looking at real routes
    unprotected = []
    for rule, method in rules:
        if _is_exempt(app, rule.endpoint):
            # only the token-authenticated API may skip CSRF: it takes no cookies
            assert rule.rule.startswith("/api/"), f"{rule.rule} is exempt from CSRF"
            continue
        response = client.open(_fill(rule), method=method, data={"x": "1"})
        if response.status_code != 400 or b"Reload the page" not in response.data:
            unprotected.append(f"{method} {rule.rule} -> {response.status_code}")
    assert unprotected == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_cors_is_never_opened(app, client):
    response = client.get("/login", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_ids_beyond_the_database_range_are_not_found(app, client):
    """Every <int:...> route: an id too large for the database is a 404, never a server error."""
    make_user("admin", email="admin@example.com")
    AuthActions(client).login("admin@example.com", PASSWORD)
    huge = 10**30
    checked = 0
    for rule in app.url_map.iter_rules():
        converters = rule._converters
        if "GET" not in rule.methods or not any(
            isinstance(converters[a], NumberConverter) for a in rule.arguments
        ):
            continue
        values = {a: huge if isinstance(c, NumberConverter) else "x" for a, c in converters.items()}
        path = "".join(str(values[part]) if is_arg else part for is_arg, part in rule._trace)
        assert client.get(path).status_code == 404, path
        checked += 1
    assert checked >= 3
