"""Helpers shared by the teacher views."""

from __future__ import annotations

from flask import abort, request


def found(obj):
    """``obj``, or a 404 when it is missing or belongs to someone else (the services return None then)."""
    if obj is None:
        abort(404)
    return obj


def form_lines(name: str) -> list[str]:
    """A textarea's non-empty lines, stripped."""
    return [line.strip() for line in (request.form.get(name) or "").splitlines() if line.strip()]


def form_ids(name: str) -> list[int]:
    """The integer values of a repeated form field (checkboxes); anything else is ignored."""
    return [int(v) for v in request.form.getlist(name) if v.strip().isdigit()]
