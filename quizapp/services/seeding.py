"""Loading the sample articles and the demo accounts that `make run` sets up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..models import Article, Assignment, Classroom, Enrolment, User
from .accounts import create_user, find_user_by_email
from .articles import create_article

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: str
    password: str


DEMO_ACCOUNTS = (
    DemoAccount("teacher@example.com", "Demo Teacher", "teacher", "teacher-demo-pass"),
    DemoAccount("learner1@example.com", "Ada Learner", "learner", "learner1-demo-pass"),
    DemoAccount("learner2@example.com", "Ben Learner", "learner", "learner2-demo-pass"),
)
DEMO_CLASS_NAME = "Demo class"
DEMO_QUESTIONS = 12  # the engine's best-ranked questions, approved for the demo assignment


def load_seed_folder(folder: Path, owner: User | None = None) -> list[Article]:
    """Store every article file in ``folder`` (sorted by name), with its questions; existing ones are kept."""
    articles = []
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SEED_SUFFIXES):
        articles.append(create_article(owner, path.read_bytes(), source=f"seeds/{path.name}"))
    return articles


def ensure_demo_accounts() -> tuple[list[DemoAccount], Classroom]:
    """Create the demo teacher, learners and class unless they exist; return the accounts and the class."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user = find_user_by_email(account.email)
        if user is None:
            user = create_user(account.email, account.name, account.password, account.role)
        users[account.email] = user
    teacher = users[DEMO_ACCOUNTS[0].email]
    classroom = db.session.scalar(
        select(Classroom).where(Classroom.teacher_id == teacher.id, Classroom.name == DEMO_CLASS_NAME)
    )
    if classroom is None:
        classroom = Classroom(teacher_id=teacher.id, name=DEMO_CLASS_NAME)
        db.session.add(classroom)
        db.session.flush()
    enrolled = set(
        db.session.scalars(select(Enrolment.user_id).where(Enrolment.classroom_id == classroom.id))
    )
    for account in DEMO_ACCOUNTS[1:]:
        if users[account.email].id not in enrolled:
            db.session.add(Enrolment(classroom_id=classroom.id, user_id=users[account.email].id))
    db.session.commit()
    return list(DEMO_ACCOUNTS), classroom


def ensure_demo_assignment(classroom: Classroom, article: Article) -> Assignment | None:
    """Approve the article's best questions and set them to the demo class once (practice, unlimited tries).

    A demo is for looking around: a real teacher reviews questions before approving them.
    """
    existing = db.session.scalar(
        select(Assignment).where(Assignment.classroom_id == classroom.id, Assignment.article_id == article.id)
    )
    if existing is not None:
        return existing
    candidates = [q for q in article.questions if q.qtype != "flashcard" and q.status != "rejected"]
    chosen = sorted(candidates, key=lambda q: q.position)[:DEMO_QUESTIONS]
    if not chosen:
        return None
    for question in chosen:
        question.status = "approved"
    for card in (q for q in article.questions if q.qtype == "flashcard"):
        card.status = "approved"
    assignment = Assignment(
        classroom_id=classroom.id,
        article_id=article.id,
        title=article.title,
        question_ids=[q.id for q in chosen],
        mode="practice",
        attempts_allowed=0,
        shuffle=True,
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment


def set_up_demo(seed_folder: Path) -> tuple[list[DemoAccount], Classroom, list[Article]]:
    """Demo accounts and class, the seed articles owned by the demo teacher, and one demo assignment."""
    accounts, classroom = ensure_demo_accounts()
    teacher = find_user_by_email(DEMO_ACCOUNTS[0].email)
    articles = load_seed_folder(seed_folder, owner=teacher)
    ready = [a for a in articles if a.status == "ready"]
    if ready:
        ensure_demo_assignment(classroom, ready[0])
    return accounts, classroom, articles
