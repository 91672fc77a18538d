"""Question generation from news articles: a pure library (no Flask, no SQLAlchemy).

Entry point: ``generate_questions(text, *, title=None, limit=None, seed=0) -> dict``.
"""

from .errors import ArticleError
from .generate import GENERATOR_NAME, GENERATOR_VERSION, generate_questions
from .normalize import NormalizedArticle, normalize_article

__all__ = [
    "GENERATOR_NAME",
    "GENERATOR_VERSION",
    "ArticleError",
    "NormalizedArticle",
    "generate_questions",
    "normalize_article",
]
