"""Bad files get a clear error naming the line (GIFT, CSV) or element (XML); XML is parsed safely."""

import pytest

from quizapp.interop.gift import read_gift
from quizapp.interop.items import FormatError
from quizapp.interop.moodle import read_moodle_xml
from quizapp.interop.tabular import read_csv

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="shortanswer"><name><text>&lol4;</text></name>
<questiontext format="html"><text>&lol4;</text></questiontext>
<answer fraction="100"><text>x</text></answer></question></quiz>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="shortanswer"><name><text>q</text></name>
<questiontext format="html"><text>&secret;</text></questiontext>
<answer fraction="100"><text>x</text></answer></question></quiz>"""


def _error(read, data) -> FormatError:
    with pytest.raises(FormatError) as info:
        read(data)
    return info.value


@pytest.mark.parametrize("doc", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_bombs_and_external_entities_are_refused(doc):
    err = _error(read_moodle_xml, doc)
    assert "DTD or entities" in str(err)
    assert "root:" not in str(err)  # /etc/passwd never read


def test_xml_errors_name_the_element():
    doc = """<quiz>
      <question type="shortanswer"><name><text>ok</text></name>
        <questiontext format="html"><text>Fine?</text></questiontext>
        <answer fraction="100"><text>yes</text></answer></question>
      <question type="multichoice"><name><text>bad</text></name>
        <questiontext format="html"><text>Which?</text></questiontext><single>true</single>
        <answer fraction="0"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>
    </quiz>"""
    err = _error(read_moodle_xml, doc)
    assert err.where == '<question type="multichoice"> #2'
    assert "fraction 100" in err.message


@pytest.mark.parametrize(
    "doc, message",
    [
        ("<quiz><question", "not well-formed"),
        ("<html></html>", "expected <quiz>"),
        ("<quiz></quiz>", "no questions"),
        (
            '<quiz><question type="essay"><questiontext><text>Why?</text></questiontext></question></quiz>',
            "not supported",
        ),
    ],
)
def test_malformed_xml_is_refused_with_a_reason(doc, message):
    assert message in str(_error(read_moodle_xml, doc))


def test_gift_error_names_the_line():
    text = "::Q1:: Fine? {=yes}\n\n// a comment\n::Q2:: Broken {=a ~b\n\n::Q3:: Also fine {T}\n"
    err = _error(read_gift, text)
    assert err.where == "line 4"
    assert "answer block" in err.message


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "no questions"),
        ("::Q:: Why? {}", "essay"),
        ("::Q:: How many? {#3}", "numerical"),
        ("::Q:: Which? {~a ~b}", "no right answer"),
        ("bin\x00ary", "not a text file"),
    ],
)
def test_gift_refuses_what_it_cannot_import(text, message):
    assert message in str(_error(read_gift, text))


def test_csv_error_names_the_line():
    text = (
        "type,prompt,answer,choices,accepted\n"
        "short_answer,Who?,Ana,,\n"
        'mcq,"Which one,\nreally?",Z,A|B|C,\n'
        "true_false,Sky is green,False,,\n"
    )
    err = _error(read_csv, text)
    assert err.where == "line 4"  # the record that ends on line 4 (its prompt spans two lines)
    assert "one of them the answer" in err.message


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("prompt,answer\nWho?,Ana\n", "line 1", "missing type"),
        ("type,prompt,answer,choices,accepted\nessay,Why?,Because,,\n", "line 2", "unknown question type"),
        ("type,prompt,answer,choices,accepted\ncloze,No blank here,x,,\n", "line 2", "blank"),
        ("type,prompt,answer,choices,accepted\nmatching,Match,,a => b|c,\n", "line 2", "left => right"),
        ("type,prompt,answer,choices,accepted\nshort_answer,Who?,Ana,,,extra\n", "line 2", "cells"),
        ("type,prompt,answer,choices,accepted\n", "", "no questions"),
    ],
)
def test_csv_refuses_bad_rows(text, where, message):
    err = _error(read_csv, text)
    assert err.where == where
    assert message in err.message


def test_csv_accepts_a_spreadsheet_file_with_bom_and_crlf():
    text = "\ufefftype,prompt,answer,choices,accepted\r\ntrue_false,Sky is blue,true,,\r\n"
    (item,) = read_csv(text)
    assert (item.qtype, item.answer, item.choices) == ("true_false", "True", ["True", "False"])


@pytest.mark.parametrize(
    "text,where",
    [
        ('{"questions": [\n  {"type": "short_answer",\n   "prompt": "Who?" "answer": "Ana"}\n]}', "line 3"),
        ('{"questions": [{"type": "short_answer", "prompt": "Who?", "answer": "Ana"}, {"prompt": "x"}]}',
         "questions[1]"),
        ('{"questions": [{"type": "mcq", "prompt": "Who?", "answer": "Ana", "choices": ["Ben", "Cy"]}]}',
         "questions[0]"),
    ],
    ids=["syntax-error-line", "missing-type", "key-not-an-option"],
)  # fmt: skip
def test_json_errors_name_the_line_or_question(text, where):
    from quizapp.interop.jsonfmt import read_json

    err = _error(read_json, text)
    assert err.where == where and str(err).startswith(f"{where}: ")
