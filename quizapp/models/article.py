"""Articles that questions are generated from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

ARTICLE_STATUSES = ("pending", "ready", "failed")


class Article(db.Model):
    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("owner_id", "sha256", name="uq_article_owner_sha"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    status_message: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner = relationship("User")
    questions = relationship(
        "Question", back_populates="article", cascade="all, delete-orphan", order_by="Question.position"
    )

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:30]!r}>"
