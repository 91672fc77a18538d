"""Shared fixtures: the sample article and its generated set, computed once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_87cfecf9a415b49a.txt"
DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture(scope="session")
def sample_result(sample_bytes):
    from quizapp.qg import generate_questions

    return generate_questions(sample_bytes)


@pytest.fixture(scope="session")
def dev_results():
    """Generated sets for the evaluation articles, when the shared folder is present."""
    if not DEV.is_dir():
        pytest.skip("../shared/eval/dev is not available")
    from quizapp.qg import generate_questions

    out = []
    for path in sorted(DEV.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append(generate_questions(data["text"], title=data["title"]))
    return out


@pytest.fixture(scope="session")
def all_results(sample_result, request):
    results = [sample_result]
    if DEV.is_dir():
        results += request.getfixturevalue("dev_results")
    return results
