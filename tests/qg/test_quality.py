"""What a teacher relies on: no giveaways between questions, no unimportant targets, no variant options."""

from __future__ import annotations

import re

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _shown(q) -> str:
    text = q["prompt"]
    if q["type"] in ("flashcard", "matching"):
        text += " " + q["answer"]
    return text


def test_no_question_shows_the_answer_of_another_from_the_same_sentence(all_results):
    for result in all_results:
        qs = result["questions"]
        for a in qs:
            if a["type"] in ("true_false", "matching"):
                continue
            for b in qs:
                if a is b or a["evidence"] != b["evidence"]:
                    continue
                assert not re.search(rf"(?<!\w){re.escape(a['answer'])}(?!\w)", _shown(b), re.I), (a, b)


def test_no_true_false_statement_gives_away_another_answer(all_results):
    # A statement shows a whole clause: no other question may ask for something that clause states.
    for result in all_results:
        qs = result["questions"]
        for a in qs:
            if a["type"] != "true_false":
                continue
            for b in qs:
                if b is a or b["type"] in ("true_false", "matching") or b["evidence"] != a["evidence"]:
                    continue
                assert not re.search(rf"(?<!\w){re.escape(b['answer'])}(?!\w)", a["prompt"], re.I), (a, b)


def test_answer_never_in_its_own_prompt(all_results):
    for result in all_results:
        for q in result["questions"]:
            if q["type"] in ("true_false", "matching"):
                continue
            for a in q["accepted"]:
                if len(a) > 2:
                    assert not re.search(rf"(?<!\w){re.escape(a)}(?!\w)", q["prompt"], re.I), q


def test_no_weekday_or_dateline_keys(all_results):
    for result in all_results:
        for q in result["questions"]:
            assert q["answer"] not in WEEKDAYS
            # no dateline ("KYIV, Ukraine:", "WASHINGTON —") left in a prompt; "CNN, citing ..." is a sentence
            assert not re.match(r"^[A-Z]{3,}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?\s*[:—–-]", q["prompt"]), q


def test_sample_main_facts_are_tested(sample_result):
    keys = " | ".join(
        " ".join([q["answer"], *q["accepted"], q["prompt"] if q["answer"] == "True" else ""])
        for q in sample_result["questions"]
    )
    # The central numbers and the central actor of the sample article.
    assert "Zelensky" in keys
    assert "9,000 square kilometers" in keys or "30 percent" in keys


def test_mixed_types_and_difficulties(all_results):
    for result in all_results:
        qs = result["questions"]
        assert len({q["type"] for q in qs}) >= 3
        assert len({q["difficulty"] for q in qs}) >= 2


def test_no_fact_asked_twice(all_results):
    from rapidfuzz import fuzz

    for result in all_results:
        qs = [q for q in result["questions"] if q["type"] not in ("true_false", "matching")]
        for i, a in enumerate(qs):
            for b in qs[i + 1 :]:
                if a["answer"] == b["answer"]:
                    assert fuzz.token_set_ratio(a["prompt"], b["prompt"]) < 70, (a["prompt"], b["prompt"])


def test_demonstrative_read_as_definite_when_the_noun_was_just_named():
    from quizapp.qg.article import analyse
    from quizapp.qg.nlp import parse_paragraphs
    from quizapp.qg.render import resolve_demonstratives

    text = (
        "The leaders will hold a summit in Geneva on Friday to discuss the border.\n\n"
        "The involvement of Ukraine in this summit remains uncertain."
    )
    an = analyse(text, "", parse_paragraphs(text))
    fixes = resolve_demonstratives(an.sentences[1], an.sentences[:1])
    assert [text for _, text in fixes.values()] == ["the"]
