"""Every generated question has the documented shape, and its evidence is a whole supporting sentence."""

from __future__ import annotations

import json
import re
from collections import Counter

from quizapp.qg.distractors import is_variant

TYPES = {"mcq", "true_false", "cloze", "short_answer", "flashcard", "matching"}
KEYS = {"id", "type", "prompt", "answer", "accepted", "choices", "evidence", "score", "difficulty"}


def _questions(results):
    for result in results:
        for q in result["questions"]:
            yield result, q


def test_top_level_shape(sample_result):
    assert set(sample_result) == {"article", "generator", "questions"}
    assert set(sample_result["article"]) == {"title", "text", "sha256"}
    assert sample_result["generator"]["name"] == "quizapp-qg"
    json.dumps(sample_result, sort_keys=True)


def test_every_question_schema(all_results):
    for _result, q in _questions(all_results):
        assert set(q) == KEYS
        assert q["type"] in TYPES
        assert q["difficulty"] in {"easy", "medium", "hard"}
        assert isinstance(q["score"], float) and 0 <= q["score"] <= 1 and round(q["score"], 4) == q["score"]
        assert q["prompt"].strip() and q["answer"].strip()
        assert q["answer"] in q["accepted"]
        assert re.fullmatch(r"q-[0-9a-f]{12}", q["id"])


def test_ids_unique_within_a_set(all_results):
    for result in all_results:
        ids = [q["id"] for q in result["questions"]]
        assert len(ids) == len(set(ids))


def test_evidence_slices_and_is_whole_sentence_with_key(all_results):
    for result, q in _questions(all_results):
        text = result["article"]["text"]
        ev = q["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        # A whole sentence: starts at a paragraph or sentence start, ends with sentence punctuation.
        before = text[: ev["start"]].rstrip(" ")
        assert before == "" or before.endswith(("\n", ".", "!", "?", '"', "”", "’", "'")), ev["text"]
        assert re.search(r"[.!?][\"”’')]*$", ev["text"]), ev["text"]
        if q["type"] in ("mcq", "cloze", "short_answer"):
            key = q["answer"]
            assert any(a.lower() in ev["text"].lower() for a in q["accepted"]), (key, ev["text"])
        if q["type"] == "matching":
            for pair in q["choices"]:
                surname = pair["left"].split()[-1]
                assert surname in ev["text"] and pair["right"] in ev["text"]


def test_mcq_four_distinct_options_one_key(all_results):
    seen = 0
    for _result, q in _questions(all_results):
        if q["type"] != "mcq":
            continue
        seen += 1
        opts = q["choices"]
        assert len(opts) == 4 and len(set(opts)) == 4
        assert opts.count(q["answer"]) == 1
        for i, a in enumerate(opts):
            for b in opts[i + 1 :]:
                assert not is_variant(a, b), (a, b)
    assert seen


def test_type_specific_fields(all_results):
    for _result, q in _questions(all_results):
        if q["type"] == "true_false":
            assert q["choices"] == ["True", "False"] and q["answer"] in ("True", "False")
        elif q["type"] == "cloze":
            assert q["prompt"].count("_____") == 1
            assert q["choices"] == [] or (len(q["choices"]) == 4 and q["answer"] in q["choices"])
        elif q["type"] == "matching":
            assert len(q["choices"]) >= 3
            assert all(set(p) == {"left", "right"} for p in q["choices"])
        elif q["type"] == "short_answer":
            assert q["prompt"].endswith("?") and q["choices"] == []
        elif q["type"] == "flashcard":
            assert q["choices"] == []


def test_sample_gives_at_least_15_questions_of_5_types(sample_result):
    qs = sample_result["questions"]
    assert len(qs) >= 15
    assert len({q["type"] for q in qs}) >= 5


def test_true_false_balanced(all_results):
    for result in all_results:
        answers = Counter(q["answer"] for q in result["questions"] if q["type"] == "true_false")
        assert abs(answers["True"] - answers["False"]) <= 1


def test_strings_are_clean(all_results):
    for _result, q in _questions(all_results):
        for s in [q["prompt"], q["answer"], *[c for c in q["choices"] if isinstance(c, str)]]:
            assert "  " not in s and s == s.strip() and "\n" not in s
            assert s.count('"') % 2 == 0 and s.count("“") == s.count("”")
        first = q["prompt"].lstrip('“"')
        assert first[0].isupper() or first.startswith("_____")
        assert not re.match(r"(?i)(he|she|it|they|this|these|there)\b", q["prompt"])
