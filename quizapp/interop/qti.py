"""IMS QTI 1.2 in the flavour Canvas imports (and Blackboard, D2L, Schoology read): a content package zip.

The zip holds ``imsmanifest.xml`` and one ``<questestinterop>`` assessment. Item types follow Canvas's
``question_type`` metadata: multiple_choice_question, true_false_question, short_answer_question
(Canvas's "fill in the blank": cloze and flashcards too) and matching_question.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .items import Item

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_TYPES = {
    "mcq": "multiple_choice_question",
    "true_false": "true_false_question",
    "short_answer": "short_answer_question",
    "flashcard": "short_answer_question",
    "cloze": "short_answer_question",
    "matching": "matching_question",
}


def ident(*parts: object) -> str:
    """A stable QTI identifier (letters and digits, starting with a letter) from ``parts``."""
    return "g" + hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:24]


def _mat(text: str, html: bool = False) -> str:
    kind = "text/html" if html else "text/plain"
    body = xml_escape(xml_escape(text).replace("\n", "<br>")) if html else xml_escape(text)
    return f'<material><mattext texttype="{kind}">{body}</mattext></material>'


def _meta(fields: dict[str, str]) -> str:
    rows = "".join(
        f"<qtimetadatafield><fieldlabel>{k}</fieldlabel><fieldentry>{xml_escape(v)}</fieldentry></qtimetadatafield>"
        for k, v in fields.items()
    )
    return f"<qtimetadata>{rows}</qtimetadata>"


def _score(respident: str, value: str, action: str = "Set", points: str = "100") -> str:
    return (
        f'<respcondition continue="{"Yes" if action == "Add" else "No"}"><conditionvar>'
        f"<varequal respident={quoteattr(respident)}>{xml_escape(value)}</varequal></conditionvar>"
        f'<setvar action="{action}" varname="SCORE">{points}</setvar></respcondition>'
    )


def _choice_item(item: Item, iid: str) -> tuple[str, str, list[str]]:
    labels = [(ident(iid, "choice", n), c) for n, c in enumerate(item.choices)]
    render = "".join(
        f"<response_label ident={quoteattr(lid)}>{_mat(c)}</response_label>" for lid, c in labels
    )
    presentation = (
        f'<response_lid ident="response1" rcardinality="Single"><render_choice>{render}</render_choice>'
        "</response_lid>"
    )
    right = next(lid for lid, c in labels if c == item.answer)
    return presentation, _score("response1", right), [lid for lid, _ in labels]


def _item(item: Item, iid: str, title: str) -> str:
    prompt = item.prompt
    points = "1"
    if item.qtype in ("mcq", "true_false"):
        presentation, conditions, answer_ids = _choice_item(item, iid)
    elif item.qtype == "matching":
        rights = [(ident(iid, "right", n), p["right"]) for n, p in enumerate(item.choices)]
        presentation, conds = "", []
        for n, pair in enumerate(item.choices):
            rid = f"response_{ident(iid, 'left', n)}"
            labels = "".join(
                f"<response_label ident={quoteattr(lid)}>{_mat(r)}</response_label>" for lid, r in rights
            )
            presentation += (
                f'<response_lid ident="{rid}">{_mat(pair["left"])}'
                f"<render_choice>{labels}</render_choice></response_lid>"
            )
            conds.append(_score(rid, rights[n][0], "Add", f"{100 / len(item.choices):.2f}"))
        conditions, answer_ids = "".join(conds), [lid for lid, _ in rights]
    else:
        presentation = (
            '<response_str ident="response1" rcardinality="Single"><render_fib>'
            '<response_label ident="answer1" rshuffle="No"/></render_fib></response_str>'
        )
        keys = [item.answer, *(a for a in item.accepted if a != item.answer)]
        conditions, answer_ids = "".join(_score("response1", k) for k in keys), []
    meta = _meta(
        {
            "question_type": CANVAS_TYPES[item.qtype],
            "points_possible": points,
            "original_answer_ids": ",".join(answer_ids),
        }
    )
    return (
        f"<item ident={quoteattr(iid)} title={quoteattr(title)}><itemmetadata>{meta}</itemmetadata>"
        f"<presentation>{_mat(prompt, html=True)}{presentation}</presentation>"
        '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/>'
        f"</outcomes>{conditions}</resprocessing></item>"
    )


def write_qti_assessment(items: list[Item], title: str, scope: str) -> tuple[str, str]:
    """(assessment ident, ``<questestinterop>`` XML) for ``items``; ``scope`` makes idents stable."""
    aid = ident(scope, "assessment")
    body = "".join(
        _item(item, ident(scope, item.ref or n), f"Question {n}") for n, item in enumerate(items, 1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<questestinterop xmlns="{QTI_NS}">'
        f"<assessment ident={quoteattr(aid)} title={quoteattr(title)}>"
        f"{_meta({'cc_maxattempts': '1'})}"
        f'<section ident="root_section">{body}</section></assessment></questestinterop>\n'
    )
    return aid, xml


def write_qti_zip(items: list[Item], title: str, scope: str) -> bytes:
    """A QTI 1.2 content package (zip) Canvas's "QTI .zip file" import accepts."""
    aid, assessment = write_qti_assessment(items, title, scope)
    href = f"{aid}/{aid}.xml"
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<manifest identifier={quoteattr(ident(scope, "manifest"))} '
        f'xmlns="{CP_NS}"><metadata><schema>IMS Content</schema>'
        "<schemaversion>1.1.3</schemaversion></metadata>"
        f'<organizations/><resources><resource identifier={quoteattr(aid)} type="imsqti_xmlv1p2" '
        f"href={quoteattr(href)}><file href={quoteattr(href)}/></resource></resources></manifest>\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", manifest)
        zf.writestr(href, assessment)
    return buf.getvalue()
