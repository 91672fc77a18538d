"""Lenient, honest grading: forgive the form of an answer, never a different fact."""

from __future__ import annotations

import json

import pytest

from quizapp.extensions import db
from quizapp.models import Card, Response
from quizapp.services import quizzes, study
from quizapp.services.grading import grade, is_correct, known_words, normalize_answer
from tests.web.learner.world import make_world

# (key, accepted alternatives, given, expected)
TYPED_CASES = [
    # form is forgiven
    ("Joe Biden", [], "joe biden", True),
    ("Joe Biden", [], "  JOE   BIDEN. ", True),
    ("Zürich", [], "Zurich", True),
    ("the Eiffel Tower", [], "Eiffel Tower", True),
    ("Eiffel Tower", [], "The Eiffel Tower!", True),
    ("an apple", [], "apple", True),
    ("9,000", [], "9000", True),
    ("9000", [], "nine thousand", True),
    ("nine thousand", [], "9,000", True),
    ("$12 million", [], "12 million dollars", True),
    ("$12 million", [], "twelve million", True),
    ("105", [], "one hundred and five", True),
    ("21", [], "twenty-one", True),
    ("50%", [], "fifty percent", True),
    ("third", [], "3rd", True),
    ("U.S.", [], "US", True),
    ("O'Brien", [], "OBrien", True),
    ("Steve Witkoff", ["Witkoff"], "witkoff", True),
    # small typos in long words are forgiven
    ("Witkoff", [], "Witkof", True),
    ("Washington", [], "Washingtn", True),
    ("Netanyahu", [], "Netanyhau", True),
    ("Massachusetts", [], "Massachusets", True),
    ("international agreement", [], "internatonal agreement", True),
    # a different fact is never accepted
    ("Biden", [], "Trump", False),
    ("Joe Biden", [], "Joe Trump", False),
    ("9,000", [], "8,000", False),
    ("9000", [], "nine hundred", False),
    ("2015", [], "2014", False),
    ("2015", [], "twenty fifteen", False),
    ("$12 million", [], "$12 billion", False),
    ("12", [], "120", False),
    ("1.5", [], "15", False),
    ("third", [], "fourth", False),
    ("Iran", [], "Iraq", False),
    ("Paris", [], "Parks", False),  # short words must be exact
    ("Hansen", [], "Jansen", False),  # a different first letter is a different name
    ("Austria", [], "Australia", False),
    ("Witkoff", ["Steve Witkoff"], "Steve", False),
    ("Joe Biden", [], "Biden Joe extra", False),
    ("Joe Biden", [], "", False),
    ("Joe Biden", [], "   ", False),
    ("Joe Biden", [], "<script>alert(1)</script>", False),
    ("Biden", [], "{{ config }}", False),
    ("the", [], "", False),
    # a name with one letter changed, added or dropped is another name, however close
    ("Martin", [], "Marvin", False),
    ("Carter", [], "Carver", False),
    ("Brandon", [], "Branson", False),
    ("Johnson", [], "Johnston", False),
    ("Johnston", [], "Johnson", False),
    ("Austin", [], "Austen", False),
    ("Austen", [], "Austin", False),
    ("Roberts", [], "Robert", False),
    ("Bryant", [], "Bryan", False),
    ("Louise", [], "Louis", False),
    ("Simeon", [], "Simon", False),  # an inner vowel may be left out of long names only
    ("Mayor Martin", [], "mayor marvin", False),
    ("Martin Luther", [], "Marvin Luther", False),
    # ... while the form of a name is still forgiven
    ("Martin", [], "martin", True),
    ("Martín", [], "MARTIN", True),
    ("Johnson", [], "Jonhson", True),  # two letters swapped
    ("Johnson", [], "Johnsson", True),  # a letter doubled
    ("Russell", [], "Russel", True),  # a letter undoubled
    ("Mayor Ana Ruiz", [], "mayor ana ruiz", True),
    # long common words keep their small-typo allowance, plural or singular is form
    ("county council", [], "conty council", True),
    ("agreement", [], "agreements", True),
    ("agreements", [], "agreement", True),
]


@pytest.mark.parametrize(("key", "accepted", "given", "expected"), TYPED_CASES)
@pytest.mark.parametrize("qtype", ["short_answer", "cloze"])
def test_typed_answers(qtype, key, accepted, given, expected):
    assert is_correct(qtype, key, accepted, given) is expected


def test_huge_and_binary_answers_are_refused_without_error():
    assert is_correct("short_answer", "Biden", [], "Biden " * 100_000) is False
    assert is_correct("short_answer", "Biden", [], "\x00\xff\ufffd") is False


@pytest.mark.parametrize(
    ("qtype", "key", "given", "expected"),
    [
        ("mcq", "Ana Ruiz", "Ana Ruiz", True),
        ("mcq", "Ana Ruiz", " ana  ruiz ", True),
        ("mcq", "Ana Ruiz", "Ana Ruis", False),  # options are picked, not typed: no typo tolerance
        ("mcq", "Ana Ruiz", "", False),
        ("true_false", "True", "True", True),
        ("true_false", "True", "true", True),
        ("true_false", "True", "False", False),
        ("flashcard", "back", "back", False),  # flashcards are rated by the learner
    ],
)
def test_choice_answers(qtype, key, given, expected):
    assert is_correct(qtype, key, [], given) is expected


PAIRS = [{"left": "Ana Ruiz", "right": "mayor"}, {"left": "Bo Chen", "right": "treasurer"},
         {"left": "Cy Diaz", "right": "council member"}]  # fmt: skip
ANSWER = "Ana Ruiz = mayor; Bo Chen = treasurer; Cy Diaz = council member"


def test_matching_is_graded_per_pair():
    given = json.dumps({"Ana Ruiz": "mayor", "Bo Chen": "council member", "Cy Diaz": "treasurer"})
    result = grade("matching", ANSWER, [ANSWER], given, PAIRS)
    assert result.correct is False
    assert result.score == pytest.approx(1 / 3)
    assert [p.correct for p in result.pairs] == [True, False, False]
    assert result.pairs[1].given == "council member" and result.pairs[1].right == "treasurer"


def test_matching_all_right_and_key_from_the_answer_string():
    given = json.dumps({p["left"]: p["right"] for p in PAIRS})
    assert grade("matching", ANSWER, [], given, PAIRS).correct is True
    assert is_correct("matching", ANSWER, [], given) is True  # no choices given: the answer string is the key


@pytest.mark.parametrize("given", ["", "not json", "[1, 2]", '{"Ana Ruiz": ["mayor"]}', "null"])
def test_malformed_matching_answers_score_nothing(given):
    result = grade("matching", ANSWER, [], given, PAIRS)
    assert result.correct is False and result.score == 0


def test_normal_form_is_stable():
    assert normalize_answer("The   9,000 Café-goers") == "9000 cafe goers"


ARTICLE = "Coach Phillip Moore praised Philip Grant. The county, not the country, paid for the agreements."


@pytest.mark.parametrize(
    ("key", "given", "alone", "with_article"),
    [
        ("Phillip Moore", "Philip Moore", True, False),  # the article names a Philip: another person
        ("Philip Grant", "Phillip Grant", True, False),
        ("county", "country", True, False),  # another word of the article, not a typo
        ("county", "conty", True, True),
        ("agreement", "agreements", True, True),  # the plural is form, even when the article uses it
        ("Phillip Moore", "phillip moore", True, True),
    ],
)
def test_a_typo_never_lands_on_another_word_of_the_article(key, given, alone, with_article):
    assert is_correct("short_answer", key, [], given) is alone
    assert is_correct("short_answer", key, [], given, known=known_words(ARTICLE)) is with_article
    assert is_correct("cloze", key, [], given, known=known_words(ARTICLE)) is with_article


def test_the_app_grades_with_the_articles_names(app):
    """An answer recorded in a quiz and an answer to its review card are graded against the article's
    words: a name the article uses for someone else is wrong, the right name in any case is right."""
    world = make_world("practice")
    q = world.questions["short_answer"]
    q.answer, q.accepted = "Mayor Ana Ruiz", []
    db.session.commit()
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    recorded = quizzes.answer(attempt, q.id, "mayor ana ruiz", "right-name-0001", 3000)
    assert recorded.response.correct is True
    assert quizzes.feedback(q, recorded.response).grade.correct is True
    other = make_world("practice")
    q2 = other.questions["short_answer"]
    q2.answer, q2.accepted = "Dana Vossberg", []
    other.article.text += "\n\nHer cousin Dana Vosberg drove the last truck."
    db.session.commit()
    assert is_correct("short_answer", "Dana Vossberg", [], "Dana Vosberg") is True  # form, alone
    attempt2 = quizzes.start_attempt(other.assignment, other.learner.id)
    wrong = quizzes.answer(attempt2, q2.id, "Dana Vosberg", "other-name-0001", 3000)
    assert wrong.response.correct is False  # the article's Dana Vosberg is someone else
    assert quizzes.feedback(q2, wrong.response).grade.correct is False
    assert db.session.get(Response, wrong.response.id).correct is False
    card = db.session.scalar(
        db.select(Card).where(Card.user_id == other.learner.id, Card.question_id == q2.id)
    )
    again = study.answer_card(other.learner.id, card, "Dana Vosberg", "card-answer-0001", 3000)
    assert again.grade.correct is False and again.log.rating == 1
