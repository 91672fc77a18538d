"""interop/ (and printing/) are pure libraries: importing them pulls in neither Flask nor SQLAlchemy."""

import subprocess
import sys

MODULES = [
    "quizapp.interop",
    "quizapp.interop.anki",
    "quizapp.interop.gift",
    "quizapp.interop.items",
    "quizapp.interop.jsonfmt",
    "quizapp.interop.moodle",
    "quizapp.interop.qti",
    "quizapp.interop.tabular",
    "quizapp.printing.render",
]


def test_interop_imports_without_flask_or_sqlalchemy():
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "bad = sorted(roots & {'flask', 'sqlalchemy', 'flask_sqlalchemy', 'flask_login'})\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
