"""Same input, same bytes: within a process and across processes with different hash seeds."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from .conftest import ROOT, SAMPLE


def _digest(result) -> str:
    return hashlib.sha256(json.dumps(result, sort_keys=True).encode()).hexdigest()


def test_same_bytes_twice_in_process(sample_bytes, sample_result):
    from quizapp.qg import generate_questions

    assert _digest(generate_questions(sample_bytes)) == _digest(sample_result)


def test_same_bytes_across_processes_with_different_hash_seeds(sample_result):
    code = (
        "import hashlib, json, sys; from quizapp.qg import generate_questions;"
        f"r = generate_questions(open({str(SAMPLE)!r}, 'rb').read());"
        "print(hashlib.sha256(json.dumps(r, sort_keys=True).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        digests.add(out.stdout.strip())
    assert digests == {_digest(sample_result)}


def test_ids_stable_and_limit_takes_a_prefix_of_the_ranking(sample_bytes, sample_result):
    from quizapp.qg import generate_questions

    small = generate_questions(sample_bytes, limit=5)
    assert len(small["questions"]) == 5
    assert all(q["id"] for q in small["questions"])
    assert generate_questions(sample_bytes, limit=0)["questions"] == []
