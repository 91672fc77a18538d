"""Rendering a PDF never fetches anything but the app's static files: no network, no other files."""

import http.server
import threading

import pytest

from quizapp.printing.fetcher import (
    MAX_DATA_BYTES,
    STATIC_DIR,
    RefusedResource,
    StaticOnlyFetcher,
    check_data_url,
    resolve_static,
)
from quizapp.printing.render import SheetOptions, html_to_pdf
from quizapp.services.exchange import article_question_set
from quizapp.services.worksheets import render_pdf
from tests.factories import make_user
from tests.web.exchange.helpers import make_full_article

PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@pytest.fixture
def trap_server():
    """A local HTTP server that records every request it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_the_trap_server_does_record_requests(trap_server):
    import urllib.request

    url, hits = trap_server
    urllib.request.urlopen(f"{url}/probe", timeout=5).read()  # noqa: S310 - the test's own local server
    assert hits == ["/probe"]


def hostile_text(url: str) -> str:
    return (
        "The council met on Monday.\n\n"
        f'<img src="file:///etc/passwd"> <link rel="stylesheet" href="{url}/evil.css">\n\n'
        f"![tracker]({url}/pixel.png) and <img src='{url}/img.png'> "
        f"<style>@import url({url}/import.css); body {{ background: url(file:///etc/passwd) }}</style>\n\n"
        "{{ config }} {% raw %} <script>alert(1)</script>"
    )


def test_article_text_with_resources_fetches_nothing(app, trap_server):
    url, hits = trap_server
    owner = make_user("teacher")
    article = make_full_article(owner, text=hostile_text(url))
    qset = article_question_set(owner, article.id)
    for kind in ("worksheet", "keys", "flashcards"):
        render_pdf(qset, kind, SheetOptions(versions=2, include_article=True))
    assert hits == []


def test_hostile_article_text_is_printed_as_text(app, trap_server):
    from io import BytesIO

    from pypdf import PdfReader

    url, _ = trap_server
    owner = make_user("teacher")
    article = make_full_article(owner, text=hostile_text(url))
    data = render_pdf(
        article_question_set(owner, article.id), "worksheet", SheetOptions(include_article=True)
    ).data
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert '<img src="file:///etc/passwd">' in text
    assert "<script>alert(1)</script>" in text and "{{ config }}" in text
    assert "root:" not in text


def test_raw_html_resources_are_refused_by_the_fetcher(trap_server, tmp_path):
    """Even markup that escaped escaping cannot reach the network or the disk."""
    url, hits = trap_server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    html = f"""<!doctype html><html><head>
      <link rel="stylesheet" href="{url}/evil.css">
      <link rel="stylesheet" href="{secret.as_uri()}">
      <link rel="stylesheet" href="../../../../../../etc/passwd">
      <style>@import url("{url}/import.css"); @font-face {{ font-family: X; src: url({url}/font.woff) }}
        body {{ background: url("{url}/bg.png") }}</style>
      </head><body><img src="{url}/img.png"><img src="file:///etc/passwd">
      <img src="https://example.invalid/x.png"><img src="ftp://127.0.0.1/x.png">
      <img src="data:text/html,<b>x</b>"><p>hello</p></body></html>"""
    assert html_to_pdf(html).startswith(b"%PDF")
    assert hits == []


def test_fetcher_serves_static_files_by_path():
    fetcher = StaticOnlyFetcher()
    response = fetcher.fetch((STATIC_DIR / "css" / "print.css").as_uri())
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert resolve_static((STATIC_DIR / "css" / "print.css").as_uri()) == STATIC_DIR / "css" / "print.css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (STATIC_DIR / ".." / "pyproject.toml").as_uri(),
        (STATIC_DIR / "css" / "..%2F..%2Fpyproject.toml").as_uri(),
        STATIC_DIR.as_uri() + "/../../../etc/passwd",
        "file://otherhost" + str(STATIC_DIR / "css" / "print.css"),
        "http://127.0.0.1:9/static/css/print.css",
        "https://example.invalid/static/css/print.css",
        "ftp://127.0.0.1/x",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/css,body{color:red}",
    ],
)
def test_fetcher_refuses_everything_else(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises((RefusedResource, ValueError)):
        fetcher.fetch(url)


def test_small_data_images_are_allowed_and_large_ones_refused():
    response = StaticOnlyFetcher().fetch(f"data:image/png;base64,{PNG_1PX}")
    assert response.read().startswith(b"\x89PNG")
    big = "A" * (MAX_DATA_BYTES * 2)
    with pytest.raises(RefusedResource):
        check_data_url(f"data:image/png;base64,{big}")


def test_without_the_restricted_fetcher_the_same_markup_would_reach_the_server(trap_server):
    """Control: proves the trap sees what WeasyPrint's default fetcher would have fetched."""
    from weasyprint import HTML

    url, hits = trap_server
    HTML(string=f'<link rel="stylesheet" href="{url}/evil.css"><p>x</p>').write_pdf()
    assert hits == ["/evil.css"]
