"""``run_generate``: a file, a folder with progress on stderr, and bad files without tracebacks."""

from __future__ import annotations

import io
import json
import shutil

from quizapp.qg.command import run_generate

from .conftest import SAMPLE


def test_one_file_json(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = run_generate([str(SAMPLE)], stdout=out, stderr=err, limit=4)
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert len(data["questions"]) == 4
    assert data["generator"]["name"] == "quizapp-qg"


def test_folder_text_with_progress_and_a_bad_file(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    (tmp_path / "b.json").write_text(json.dumps({"title": "T", "text": SAMPLE.read_text()}), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    out, err = io.StringIO(), io.StringIO()
    code = run_generate([str(tmp_path)], fmt="text", stdout=out, stderr=err)
    assert code == 1
    assert "Traceback" not in err.getvalue()
    assert "3/3" in err.getvalue() and "[" in err.getvalue()
    errors = [ln for ln in err.getvalue().splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "broken.txt" in errors[0] and "binary" in errors[0]
    assert out.getvalue().count("answer:") >= 20


def test_missing_path_and_bad_json(tmp_path):
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_generate([str(tmp_path / "x.json"), str(tmp_path / "nope.txt")], stdout=out, stderr=err)
    assert code == 1
    assert "Traceback" not in err.getvalue()
    assert "nope.txt" in err.getvalue() and "x.json" in err.getvalue()


def test_unknown_format():
    err = io.StringIO()
    assert run_generate([str(SAMPLE)], fmt="xml", stdout=io.StringIO(), stderr=err) == 2
    assert "format" in err.getvalue()
