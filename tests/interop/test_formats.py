"""What each writer produces is what the other tool expects."""

import io
import json
import zipfile
from xml.etree import ElementTree as ET

import pytest

from quizapp.interop.gift import escape, write_gift
from quizapp.interop.items import Item
from quizapp.interop.jsonfmt import write_json
from quizapp.interop.moodle import write_moodle_xml
from quizapp.interop.qti import QTI_NS, write_qti_zip
from quizapp.interop.tabular import write_quizlet
from tests.interop.samples import sample_items

Q = "{" + QTI_NS + "}"


def test_gift_escapes_its_special_characters():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("two\nlines") == "two\\nlines"


def test_gift_layout_per_type():
    text = write_gift(sample_items(), "Library vote")
    first = "::Library vote - Q1::Who said the library would open in 2027? {~Tom Lee =Ana Ruiz ~Mia Chen"
    assert first in text
    assert "::Library vote - Q3::The council voted 7 to 2 on Monday. {TRUE}" in text
    assert "The library will open in {~2025 ~2026 =2027 ~2030}." in text
    assert "{=seven =7}" in text
    assert "{=Ana Ruiz -> mayor =Tom Lee -> council member =Mia Chen -> city librarian}" in text
    assert '// quizapp: {"type": "flashcard"}' in text
    # Every question is one paragraph: blank lines separate questions only.
    assert text.count("\n\n") == len(sample_items()) - 1


def test_moodle_xml_uses_moodles_element_names():
    root = ET.fromstring(write_moodle_xml(sample_items(), "Library vote"))
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert [q.get("type") for q in questions] == [
        "category",
        "multichoice",
        "multichoice",
        "truefalse",
        "truefalse",
        "cloze",
        "cloze",
        "shortanswer",
        "shortanswer",
        "shortanswer",
        "matching",
    ]
    mcq = questions[1]
    assert mcq.find("name/text").text == "Library vote - Q1"
    assert mcq.find("questiontext").get("format") == "html"
    assert mcq.find("single").text == "true"
    assert mcq.find("shuffleanswers").text == "true"
    assert [(a.get("fraction"), a.find("text").text) for a in mcq.findall("answer")][1] == ("100", "Ana Ruiz")
    tf = questions[3]
    assert [(a.get("fraction"), a.find("text").text) for a in tf.findall("answer")] == [
        ("100", "true"),
        ("0", "false"),
    ]
    sa = questions[7]
    assert sa.find("usecase").text == "0"
    assert [a.find("text").text for a in sa.findall("answer")] == ["seven", "7"]
    star = questions[8]
    assert star.findall("answer")[1].find("text").text == "x\\*y"  # "*" is Moodle's wildcard
    assert "{1:MULTICHOICE:2025~2026~=2027~2030}" in questions[5].find("questiontext/text").text
    assert "{1:SHORTANSWER:=Ana Ruiz~=Ruiz}" in questions[6].find("questiontext/text").text
    match = questions[10]
    assert [(s.find("text").text, s.find("answer/text").text) for s in match.findall("subquestion")][0] == (
        "Ana Ruiz",
        "mayor",
    )


def test_moodle_question_text_is_escaped_html_in_cdata():
    xml = write_moodle_xml([Item("short_answer", "Is <script>alert(1)</script> ]]> safe?", "no")])
    assert "<![CDATA[Is &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; safe?]]>" in xml
    assert ET.fromstring(xml).find("question/questiontext/text").text == (
        "Is &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; safe?"
    )


def test_quizlet_layout_is_term_tab_definition_without_header():
    items = [
        Item("flashcard", "Ana\tRuiz", "the mayor\nof the city"),
        Item("short_answer", "When?", "2027"),
        *[i for i in sample_items() if i.qtype == "matching"],
    ]
    lines = write_quizlet(items).splitlines()
    assert lines == [
        "Ana Ruiz\tthe mayor of the city",
        "When?\t2027",
        "Ana Ruiz\tmayor",
        "Tom Lee\tcouncil member",
        "Mia Chen\tcity librarian",
    ]
    assert all(line.count("\t") == 1 for line in lines)


def test_json_follows_the_engine_schema():
    doc = json.loads(write_json(sample_items(), {"title": "Library vote"}))
    assert doc["article"] == {"title": "Library vote"}
    q = doc["questions"][0]
    assert set(q) == {"id", "type", "prompt", "answer", "accepted", "choices", "evidence"}
    assert q["type"] == "mcq" and q["answer"] in q["choices"]


def _qti(items):
    data = write_qti_zip(items, "Library vote", "article-7")
    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    ns = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    resource = manifest.find("cp:resources/cp:resource", ns)
    assert resource.get("type") == "imsqti_xmlv1p2"
    href = resource.find("cp:file", ns).get("href")
    assert href == resource.get("href") and href in zf.namelist()
    return ET.fromstring(zf.read(href))


def _meta(item, label):
    for field in item.iter(Q + "qtimetadatafield"):
        if field.find(Q + "fieldlabel").text == label:
            return field.find(Q + "fieldentry").text
    return None


def test_qti_package_is_a_consistent_qti_1_2_assessment():
    items = sample_items()
    root = _qti(items)
    assert root.tag == Q + "questestinterop"
    assessment = root.find(Q + "assessment")
    assert assessment.get("title") == "Library vote"
    qti_items = assessment.findall(f"{Q}section/{Q}item")
    assert len(qti_items) == len(items)
    assert len({i.get("ident") for i in qti_items}) == len(items)
    expected = {
        "mcq": "multiple_choice_question",
        "true_false": "true_false_question",
        "matching": "matching_question",
    }
    for source, item in zip(items, qti_items, strict=True):
        assert _meta(item, "question_type") == expected.get(source.qtype, "short_answer_question")
        prompt = item.find(f"{Q}presentation/{Q}material/{Q}mattext")
        assert prompt.get("texttype") == "text/html"
        kinds = (Q + "response_lid", Q + "response_str")
        responses = {r.get("ident"): r for r in item.iter() if r.tag in kinds}
        conditions = item.findall(f"{Q}resprocessing/{Q}respcondition")
        assert conditions, "every item is scored"
        for cond in conditions:
            var = cond.find(f"{Q}conditionvar/{Q}varequal")
            response = responses[var.get("respident")]  # the condition names a real response
            if response.tag == Q + "response_lid":
                labels = {lab.get("ident"): lab for lab in response.iter(Q + "response_label")}
                assert var.text in labels  # ...and a real option of it
        if source.qtype in ("mcq", "true_false"):
            (cond,) = conditions
            response = next(iter(responses.values()))
            right = next(
                lab
                for lab in response.iter(Q + "response_label")
                if lab.get("ident") == cond.find(f"{Q}conditionvar/{Q}varequal").text
            )
            assert right.find(f"{Q}material/{Q}mattext").text == source.answer
        elif source.qtype == "matching":
            assert len(conditions) == len(source.choices)
            for cond, pair in zip(conditions, source.choices, strict=True):
                var = cond.find(f"{Q}conditionvar/{Q}varequal")
                lid = responses[var.get("respident")]
                assert lid.find(f"{Q}material/{Q}mattext").text == pair["left"]
                label = next(lab for lab in lid.iter(Q + "response_label") if lab.get("ident") == var.text)
                assert label.find(f"{Q}material/{Q}mattext").text == pair["right"]
        else:
            keys = [c.find(f"{Q}conditionvar/{Q}varequal").text for c in conditions]
            assert keys == [source.answer, *[a for a in source.accepted if a != source.answer]]


def test_qti_idents_are_stable_between_exports():
    first = write_qti_zip(sample_items(), "Library vote", "article-7")
    second = write_qti_zip(sample_items(), "Library vote", "article-7")
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names == zipfile.ZipFile(io.BytesIO(second)).namelist()
    for name in names:
        assert zipfile.ZipFile(io.BytesIO(first)).read(name) == zipfile.ZipFile(io.BytesIO(second)).read(name)


@pytest.mark.parametrize("bad", ["<b>bold</b> & co", 'say "hi" <there>'])
def test_qti_escapes_markup(bad):
    root = _qti([Item("short_answer", bad, bad)])
    html = root.find(f".//{Q}presentation/{Q}material/{Q}mattext").text
    assert "<" not in html  # the prompt is HTML-escaped text, never markup
    assert root.find(f".//{Q}varequal").text == bad
