"""SQLAlchemy models, one subject per module; importing this package registers them all."""

from .article import Article
from .attempt import Attempt, Response
from .classroom import Assignment, Classroom, Enrolment
from .question import Question
from .study import Card, ReviewLog
from .token import ApiToken
from .types import UTCDateTime, utcnow
from .user import User

__all__ = [
    "ApiToken",
    "Article",
    "Assignment",
    "Attempt",
    "Card",
    "Classroom",
    "Enrolment",
    "Question",
    "Response",
    "ReviewLog",
    "User",
    "UTCDateTime",
    "utcnow",
]
