"""Loading the sample articles and the demo accounts that `make run` sets up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..models import Article, Classroom, Enrolment, User
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
