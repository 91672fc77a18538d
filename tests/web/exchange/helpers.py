"""Questions of every type for the exchange and worksheet tests (built directly, no engine)."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import Article, Question
from tests.factories import make_article

LIBRARY_TEXT = (
    "The city council voted 7 to 2 on Monday to build a new library.\n\n"
    "Mayor Ana Ruiz said the library would open in 2027. It will cost $12 million.\n\n"
    "Council member Tom Lee voted against the plan. City librarian Mia Chen welcomed it."
)


def _q(qtype, prompt, answer, choices=(), accepted=(), status="approved") -> Question:
    return Question(
        qtype=qtype,
        prompt=prompt,
        answer=answer,
        choices=list(choices),
        accepted=list(accepted),
        status=status,
    )


def every_type_questions(n: int = 1) -> list[Question]:
    """``n`` questions of each type (mcq, true_false, cloze, short_answer, flashcard, matching)."""
    out = []
    for i in range(n):
        out += [
            _q(
                "mcq",
                f"Who said the library would open in 2027? ({i})",
                f"Ana Ruiz {i}",
                [f"Tom Lee {i}", f"Ana Ruiz {i}", f"Mia Chen {i}", f"Raj Patel {i}"],
            ),
            _q(
                "true_false",
                f"The council voted 7 to 2 on Monday. ({i})",
                "True" if i % 2 == 0 else "False",
                ["True", "False"],
            ),
            _q(
                "cloze",
                f"The library will cost $_____ million (part {i}).",
                f"{12 + i}",
                sorted([f"{12 + i}", "7", "2027", "40"]),
            ),
            _q("short_answer", f"Who voted against the plan? ({i})", f"Tom Lee {i}", accepted=[f"Lee {i}"]),
            _q("flashcard", f"Mia Chen ({i})", f"city librarian {i}"),
            _q(
                "matching",
                f"Match each person with their role. ({i})",
                "Ana Ruiz = mayor; Mia Chen = city librarian; Tom Lee = council member",
                [
                    {"left": "Ana Ruiz", "right": "mayor"},
                    {"left": "Mia Chen", "right": "city librarian"},
                    {"left": "Tom Lee", "right": "council member"},
                ],
                ["Ana Ruiz = mayor; Mia Chen = city librarian; Tom Lee = council member"],
            ),
        ]
    return out


def make_full_article(owner, n: int = 1, text: str = LIBRARY_TEXT, drafts: int = 0) -> Article:
    """An article owned by ``owner`` with ``n`` approved questions of every type (and some drafts)."""
    article = make_article(owner, n_questions=0, text=text)
    questions = every_type_questions(n)
    questions += [_q("short_answer", f"Draft question {i}?", "draft", status="draft") for i in range(drafts)]
    for pos, q in enumerate(questions):
        q.position = pos
        article.questions.append(q)
    db.session.commit()
    return article


def question_fields(questions) -> list[dict]:
    return [
        {
            "type": q.qtype,
            "prompt": q.prompt,
            "answer": q.answer,
            "choices": list(q.choices),
            "accepted": list(q.accepted),
        }
        for q in questions
    ]
