"""The ``quizapp generate PATH... [--format json|text] [--limit N]`` command, as a plain function.

Folders are expanded to their ``*.txt``, ``*.md``, ``*.html`` and ``*.json`` files (JSON files carry
``title`` and ``text`` keys). With more than one article, a progress bar goes to stderr. A file that
cannot be used gets a one-line message on stderr and makes the exit code 1; the others still run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from .errors import ArticleError
from .generate import generate_questions

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json")


def expand(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to process (folders expanded, sorted) and messages for paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            missing.append(f"{raw}: no such file or folder")
    return files, missing


def load(path: Path) -> tuple[str | bytes, str | None]:
    """Read one article file: (raw content, title or None)."""
    raw = path.read_bytes()
    if path.suffix.lower() != ".json":
        return raw, None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArticleError(f"not a valid JSON article ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ArticleError('a JSON article needs a "text" string (and optionally a "title")')
    title = data.get("title") if isinstance(data.get("title"), str) else None
    return data["text"], title


def render_text(result: dict[str, Any]) -> str:
    """A plain-text rendering of one result for reading in a terminal."""
    lines = [f"# {result['article']['title'] or '(untitled)'}", ""]
    for n, q in enumerate(result["questions"], 1):
        lines.append(f"{n}. [{q['type']}, {q['difficulty']}] {q['prompt']}")
        if q["type"] == "matching":
            lines.extend(f"   - {p['left']} -> {p['right']}" for p in q["choices"])
        elif q["choices"]:
            lines.append("   options: " + " | ".join(q["choices"]))
        lines.append(f"   answer: {q['answer']}")
    return "\n".join(lines) + "\n"


def _progress(done: int, total: int, stderr: TextIO) -> None:
    width = 30
    filled = width * done // total
    stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        stderr.write("\n")
    stderr.flush()


def run_generate(
    paths: list[str],
    fmt: str = "json",
    limit: int | None = None,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
) -> int:
    """Generate questions for files and folders; print results to stdout. Returns the exit code."""
    if fmt not in ("json", "text"):
        stderr.write(f"error: unknown format {fmt!r} (use json or text)\n")
        return 2
    files, missing = expand(paths)
    for message in missing:
        stderr.write(f"error: {message}\n")
    show_progress = len(files) > 1 or any(Path(p).is_dir() for p in paths)
    results = []
    failed = bool(missing)
    for n, path in enumerate(files, 1):
        try:
            raw, title = load(path)
            result = generate_questions(raw, title=title, limit=limit)
            results.append({"path": str(path), **result})
        except ArticleError as exc:
            failed = True
            stderr.write(f"\nerror: {path}: {exc}\n" if show_progress else f"error: {path}: {exc}\n")
        except OSError as exc:
            failed = True
            stderr.write(f"error: {path}: cannot read ({exc.strerror or exc.__class__.__name__})\n")
        except Exception as exc:  # noqa: BLE001 - a user gets one line, never a traceback
            failed = True
            stderr.write(f"error: {path}: could not generate questions ({exc.__class__.__name__})\n")
        if show_progress:
            _progress(n, len(files), stderr)
    if fmt == "json":
        payload: Any = results[0] if len(results) == 1 and len(paths) == 1 and not show_progress else results
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        for result in results:
            stdout.write(render_text(result))
    if not files and not missing:
        stderr.write("error: no article files found\n")
        return 1
    return 1 if failed else 0
