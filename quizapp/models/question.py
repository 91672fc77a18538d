"""Questions generated from (or written for) an article, with the evidence that proves their key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

QUESTION_TYPES = ("mcq", "true_false", "cloze", "short_answer", "flashcard", "matching")
QUESTION_STATUSES = ("draft", "approved", "rejected")
DIFFICULTIES = ("easy", "medium", "hard")


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    gen_id: Mapped[str] = mapped_column(String(64), default="")  # the engine's stable id; "" if hand-written
    qtype: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    accepted: Mapped[list] = mapped_column(JSON, default=list)
    choices: Mapped[list] = mapped_column(JSON, default=list)
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    difficulty: Mapped[str] = mapped_column(String(8), default="medium")
    generator_version: Mapped[str] = mapped_column(String(32), default="")
    edited: Mapped[bool] = mapped_column(default=False)  # a teacher changed it: regeneration keeps it
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    article = relationship("Article", back_populates="questions")

    def evidence_text(self) -> str:
        """The sentence of the article that proves the key ("" when none is recorded)."""
        if self.evidence_start is None or self.evidence_end is None:
            return ""
        return self.article.text[self.evidence_start : self.evidence_end]

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.qtype}>"
