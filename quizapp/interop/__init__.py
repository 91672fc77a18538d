"""Readers and writers of other tools' question formats: Anki, Moodle XML, GIFT, QTI 1.2, CSV/TSV, JSON.

A pure library: no Flask, no SQLAlchemy. Everything speaks :class:`quizapp.interop.items.Item`.
"""

from .items import BLANK, QUESTION_TYPES, FormatError, Item

__all__ = ["BLANK", "QUESTION_TYPES", "FormatError", "Item"]
