"""A class with an assignment holding one approved question of every type (built directly, no engine)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from quizapp.extensions import db
from quizapp.models import Article, Assignment, Classroom, Question, User
from tests.factories import make_class, make_user

TEXT = (
    "Relief chief Dana Voss said on Tuesday that the convoy reached Harbor City.\n\n"
    "The convoy carried 9,000 tonnes of grain. It left the port of Lomé in 2015 after a long delay. "
    "Mayor Ana Ruiz thanked the drivers.\n\n"
    "Treasurer Bo Chen and council member Cy Diaz met the trucks at the gate."
)


def _span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def question_specs(marker: str = "") -> list[dict]:
    """One question per type. ``marker`` is planted in every part of each key that the learner must not
    see before answering: typed keys and their alternatives, accepted lists, the matching answer string,
    the flashcard's back. (An mcq's key is one of its visible options, so only its flags could leak.)"""
    m = marker
    pairs = [
        {"left": "Ana Ruiz", "right": "mayor"},
        {"left": "Bo Chen", "right": "treasurer"},
        {"left": "Cy Diaz", "right": "council member"},
    ]
    pairs_text = "; ".join(f"{p['left']} = {p['right']}" for p in pairs)
    return [
        dict(
            qtype="mcq",
            prompt="Who said the convoy reached Harbor City?",
            answer="Dana Voss",
            accepted=[m] if m else [],
            choices=["Ana Ruiz", "Dana Voss", "Bo Chen", "Cy Diaz"],
            span=_span("Relief chief Dana Voss said on Tuesday that the convoy reached Harbor City."),
        ),
        dict(
            qtype="true_false",
            prompt="The convoy left the port of Lomé in 2015.",
            answer="True",
            accepted=[m] if m else [],
            choices=["True", "False"],
            span=_span("It left the port of Lomé in 2015 after a long delay."),
        ),
        dict(
            qtype="cloze",
            prompt="The convoy carried _____ tonnes of grain.",
            answer=f"9,000{m}",
            accepted=[f"nine thousand{m}"],
            span=_span("The convoy carried 9,000 tonnes of grain."),
        ),
        dict(
            qtype="short_answer",
            prompt="Who thanked the drivers?",
            answer=f"Ana Ruiz{m}",
            accepted=[f"Ruiz{m}"],
            span=_span("Mayor Ana Ruiz thanked the drivers."),
        ),
        dict(
            qtype="matching",
            prompt="Match each person with their role in the article.",
            answer=pairs_text + (f"; {m} = {m}" if m else ""),
            choices=pairs,
            span=(TEXT.index("Mayor Ana Ruiz"), len(TEXT)),
        ),
        dict(
            qtype="flashcard",
            prompt="Who is Dana Voss in this article?",
            answer=f"the relief chief{m}",
            span=_span("Relief chief Dana Voss said on Tuesday that the convoy reached Harbor City."),
        ),
    ]


@dataclass
class World:
    teacher: User
    learner: User
    classroom: Classroom
    article: Article
    assignment: Assignment
    questions: dict[str, Question]


def make_world(mode: str = "practice", marker: str = "", learner_email: str | None = None, **assignment_kw):
    """Teacher, learner enrolled in a class, and an assignment with every question type (approved)."""
    teacher = make_user("teacher")
    learner = make_user("learner", email=learner_email)
    classroom = make_class(teacher, [learner])
    article = Article(
        owner_id=teacher.id,
        title="Grain convoy",
        text=TEXT,
        status="ready",
        sha256=hashlib.sha256(f"{TEXT}{teacher.id}".encode()).hexdigest(),
    )
    db.session.add(article)
    questions = {}
    for position, spec in enumerate(question_specs(marker)):
        start, end = spec["span"]
        q = Question(
            qtype=spec["qtype"],
            prompt=spec["prompt"],
            answer=spec["answer"],
            accepted=spec.get("accepted", []),
            choices=spec.get("choices", []),
            evidence_start=start,
            evidence_end=end,
            status="approved",
            position=position,
        )
        article.questions.append(q)
        questions[spec["qtype"]] = q
    db.session.flush()
    options = dict(shuffle=False, attempts_allowed=0)
    options.update(assignment_kw)
    assignment = Assignment(
        classroom_id=classroom.id,
        article_id=article.id,
        title="Grain convoy quiz",
        question_ids=[q.id for q in article.questions],
        mode=mode,
        **options,
    )
    db.session.add(assignment)
    db.session.commit()
    return World(teacher, learner, classroom, article, assignment, questions)


RIGHT_ANSWERS = {
    "mcq": lambda q: {"answer": q.answer},
    "true_false": lambda q: {"answer": "True"},
    "cloze": lambda q: {"answer": q.answer},
    "short_answer": lambda q: {"answer": q.answer},
    "matching": lambda q: {f"pair-{i}": c["right"] for i, c in enumerate(q.choices)},
}
