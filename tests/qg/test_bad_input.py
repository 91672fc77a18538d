"""Unusable input gets a clear ArticleError; odd but usable input gets a short, honest result."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.qg import ArticleError, generate_questions, normalize_article


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "empty"),
        ("   \n\n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Some text with a NUL\x00 in the middle of it.", "binary"),
        (b"Caf\xe9 au lait is served here every single morning.", "UTF-8"),
        ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. " * 5, "English"),
        ("Президент заявил во вторник, что переговоры продолжатся на следующей неделе. " * 4, "English"),
        (
            "The mayor opened a new bridge over the river on Monday morning with a short ceremony and a "
            "brass band that played for the large crowd of residents who had waited since dawn",
            "single sentence",
        ),
        ("Too short. Really.", "too short"),
    ],
)
def test_clear_errors(raw, words):
    with pytest.raises(ArticleError) as info:
        generate_questions(raw)
    assert words.lower() in str(info.value).lower()


def test_huge_input_is_refused_with_the_limit_named():
    text = ("The council approved the budget on Monday. The mayor said roads would be repaired.\n\n") * 60_000
    assert len(text) > 5_000_000
    with pytest.raises(ArticleError, match="too long"):
        generate_questions(text)


def test_html_full_of_scripts():
    html = (
        "<html><head>"
        + "<script>var a = 1; function f() { return 2; }</script>" * 200
        + "</head><body></body></html>"
    )
    with pytest.raises(ArticleError):
        generate_questions(html)


def test_bad_limit():
    with pytest.raises(ArticleError):
        generate_questions("x", limit=-1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises_anything_else(text):
    try:
        result = generate_questions(text)
    except ArticleError as exc:
        assert str(exc)
    else:
        assert isinstance(result["questions"], list)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "The Senate voted 52-48 on Tuesday to approve the bill.",
                "Senator Maria Lopez said the law would help 3,000 families in Ohio.",
                "Critics warned that it would cost $4 billion by 2030.",
                "He added that talks would resume in Geneva.",
                "The vote came after weeks of debate.",
                "“It is a good day,” Lopez said.",
                "\n\n",
                "\n",
                " ",
                "(",
                ")",
                '"',
            ]
        ),
        min_size=2,
        max_size=25,
    )
)
def test_arbitrary_news_like_text(parts):
    text = " ".join(parts)
    try:
        result = generate_questions(text)
    except ArticleError:
        return
    for q in result["questions"]:
        ev = q["evidence"]
        assert result["article"]["text"][ev["start"] : ev["end"]] == ev["text"]


def test_bytes_and_str_agree(sample_bytes):
    assert normalize_article(sample_bytes) == normalize_article(sample_bytes.decode("utf-8"))
