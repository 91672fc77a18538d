"""Static security checks over our own code: bandit (no medium or high finding) and semgrep rules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]


def test_bandit_finds_no_medium_or_high_issue():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-r", "quizapp", "-f", "json", "--severity-level", "medium"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in report["results"]
        if r["issue_severity"] in ("MEDIUM", "HIGH")
    ]
    assert findings == []


def test_semgrep_project_rules_find_nothing():
    semgrep = shutil.which("semgrep", path=str(Path(sys.executable).parent))
    if semgrep is None:
        skip_or_fail("semgrep is not installed in the virtualenv (pip install -e '.[test]')")
    result = subprocess.run(
        [
            semgrep,
            "scan",
            "--config",
            ".ci/semgrep/quizapp.yml",
            "--metrics=off",
            "--disable-version-check",
            "--json",
            "--quiet",
            "quizapp",
            "templates",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(result.stdout)
    findings = [f"{r['path']}:{r['start']['line']} {r['check_id']}" for r in report["results"]]
    assert findings == [], findings
