"""The only resources a PDF may load: the app's own static files, by path.

Everything else is refused: other ``file://`` paths, ``http(s)://`` and every other scheme, and ``data:``
URLs except small images (PNG, JPEG, GIF, WebP up to :data:`MAX_DATA_BYTES`), which carry no request.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_DIR = (Path(__file__).resolve().parents[2] / "static").resolve()
MAX_DATA_BYTES = 64 * 1024
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp)(;base64)?,", re.I)


class RefusedResource(Exception):
    """A resource the worksheet may not load."""


def static_base_url() -> str:
    """The base URL that relative references in print templates resolve against (static/)."""
    return STATIC_DIR.as_uri() + "/"


def resolve_static(url: str) -> Path:
    """The static file ``url`` names, or :class:`RefusedResource` if it names anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedResource(f"refused (not an app static file): {url[:80]}")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise RefusedResource(f"refused (outside the app's static files): {url[:80]}")
    return path


def check_data_url(url: str) -> None:
    """Allow a ``data:`` URL only if it is a small image."""
    if not _DATA_IMAGE.match(url):
        raise RefusedResource("refused (data: URLs other than images)")
    payload = url.split(",", 1)[1]
    size = (
        len(base64.b64decode(payload + "==", validate=False))
        if ";base64" in url[:40].lower()
        else len(payload)
    )
    if size > MAX_DATA_BYTES:
        raise RefusedResource("refused (data: image too large)")


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint URL fetcher serving static/ files and small data: images; it never opens a connection."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            if url[:5].lower() == "data:":
                check_data_url(url)
                return super().fetch(url, headers)
            path = resolve_static(url)
        except RefusedResource:
            self.refused.append(url)
            raise
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
