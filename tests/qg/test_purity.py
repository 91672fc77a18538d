"""The question engine is a pure library: importing it loads neither Flask nor SQLAlchemy (nor spaCy)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_import_is_light_in_a_fresh_interpreter():
    code = (
        "import sys, quizapp.qg, quizapp.qg.command;"
        "bad = [m for m in ('flask', 'sqlalchemy', 'spacy') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names():
    import quizapp.qg as qg

    assert qg.GENERATOR_NAME == "quizapp-qg"
    assert isinstance(qg.GENERATOR_VERSION, str) and qg.GENERATOR_VERSION
    assert issubclass(qg.ArticleError, ValueError)
    for name in ("generate_questions", "normalize_article", "NormalizedArticle"):
        assert hasattr(qg, name)
