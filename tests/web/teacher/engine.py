"""A stand-in for the question engine: instant, deterministic, in the documented output shape."""

from __future__ import annotations

import pytest

ARTICLE = (
    "Library vote splits the council\n\n"
    "The city council voted 7 to 2 on Monday to build a new library in the old market hall. "
    "Mayor Ana Ruiz said the library would open in 2027 and would cost $12 million.\n\n"
    "Critics said the money should go to repairing schools first, but the plan passed anyway."
)


def fake_result(text: str, extra: int = 0, prompt_prefix: str = "Q") -> dict:
    """Three questions (plus ``extra``) whose evidence is the first sentence of ``text``."""
    end = text.index(".") + 1
    questions = []
    for i in range(3 + extra):
        questions.append(
            {
                "id": f"gen-{i}",
                "type": "short_answer",
                "prompt": f"{prompt_prefix}{i}: how many council members voted for the library?",
                "answer": "seven",
                "accepted": ["7"],
                "choices": [],
                "evidence": {"start": 0, "end": end, "text": text[:end]},
                "score": 0.5,
                "difficulty": "easy",
            }
        )
    return {"article": {}, "generator": {"name": "fake", "version": "test-1"}, "questions": questions}


@pytest.fixture
def fake_engine(monkeypatch):
    """Replace the engine's generate_questions; ``fake_engine.extra`` / ``.prefix`` change the next run."""
    import quizapp.qg as qg

    class Engine:
        extra = 0
        prefix = "Q"
        calls = 0
        crash = False

        def __call__(self, text, *, title=None, limit=None, seed=0):
            self.calls += 1
            if self.crash:
                raise RuntimeError("engine exploded")
            return fake_result(text, self.extra, self.prefix)

    engine = Engine()
    monkeypatch.setattr(qg, "generate_questions", engine)
    return engine
