"""Normalisation: hard wraps joined, headline taken, paragraphs kept, HTML body extracted, scripts gone."""

from __future__ import annotations

import hashlib

from quizapp.qg import normalize_article

PARA = (
    "The city council approved a new budget of 4 million dollars on Monday after a long debate. "
    "Mayor Jane Porter said the plan would repair roads and schools across the district."
)


def test_sample_headline_and_hard_wrap(sample_bytes):
    art = normalize_article(sample_bytes)
    assert art.title.startswith("Ukrainian President Volodymyr Zelensky rejects")
    assert "US President Donald Trump" in art.text
    assert "President\nDonald" not in art.text
    assert not art.text.startswith("Ukrainian President Volodymyr Zelensky rejects")
    assert art.text.startswith(
        "Ukrainian President Volodymyr Zelensky stated"
    )  # dateline "KYIV, Ukraine:" removed
    assert art.sha256 == hashlib.sha256(art.text.encode()).hexdigest()
    assert "\n\n" in art.text and "\n\n\n" not in art.text


def test_blank_line_paragraphs_and_wrapped_lines():
    raw = (
        "Council Approves Budget\n\nThe city council approved a new budget\n"
        "of 4 million dollars on Monday.\n\n" + PARA
    )
    art = normalize_article(raw)
    assert art.title == "Council Approves Budget"
    assert (
        art.text.split("\n\n")[0] == "The city council approved a new budget of 4 million dollars on Monday."
    )


def test_title_argument_wins_and_duplicate_headline_dropped():
    art = normalize_article(
        "Council Approves Budget\n\n" + PARA + "\n\n" + PARA, title="Council Approves Budget"
    )
    assert art.title == "Council Approves Budget"
    assert art.text.startswith("The city council")


def test_markdown_is_stripped():
    raw = f"# Council Approves Budget\n\n**The city council** approved [a budget](http://x.test).\n\n{PARA}"
    art = normalize_article(raw)
    assert art.title == "Council Approves Budget"
    assert "**" not in art.text and "http" not in art.text and "[" not in art.text


def test_html_body_extracted_and_scripts_gone():
    html = (
        "<html><head><title>Council Approves Budget</title><script>var tracker = 'evil';</script>"
        "<style>p { color: red }</style></head><body><nav>Home | Sport | Weather</nav><article>"
        "<h1>Council Approves Budget</h1>"
        f"<p>{PARA}</p><p>{PARA.replace('Monday', 'Tuesday')}</p></article>"
        "<script>alert('x')</script></body></html>"
    )
    art = normalize_article(html)
    assert art.title == "Council Approves Budget"
    assert "Mayor Jane Porter" in art.text
    assert "tracker" not in art.text and "alert" not in art.text and "color" not in art.text


def test_headline_with_an_abbreviation_is_still_the_headline():
    text = (
        "Top N. Korean Official Heading to US for Talks on Summit\n\n"
        "U.S. President Donald Trump has confirmed a top North Korean official is to visit New York.\n\n"
        "Kim Yong Chol was at the Beijing airport, news reports said."
    )
    article = normalize_article(text)
    assert article.title == "Top N. Korean Official Heading to US for Talks on Summit"
    assert article.text.startswith("U.S. President Donald Trump")
