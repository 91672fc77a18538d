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
            assert not re.match(r"^[A-Z]{3,}[ ,]", q["prompt"])  # no "KYIV, Ukraine:" left in a prompt


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
